namespace Rtc.Stack.Infrastructure;

/// <summary>Physical names: <c>{project}-{stack}-{role}</c>, so dev and prod coexist in one account.</summary>
internal static class Naming
{
    /// <summary>The physical name of the stack's resource playing <paramref name="role"/>.</summary>
    public static string Physical(string role) => "${pulumi.project}-${pulumi.stack}-" + role;
}
