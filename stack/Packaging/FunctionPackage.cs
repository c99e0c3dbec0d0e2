namespace Rtc.Stack.Packaging;

/// <summary>A deployment package the packager wrote.</summary>
/// <param name="ZipPath">The zip's full path.</param>
/// <param name="CacheKey">The cache key of the publish it was made from.</param>
/// <param name="Reused">Whether that publish was reused because its inputs had not changed.</param>
internal sealed record FunctionPackage(string ZipPath, string CacheKey, bool Reused);
