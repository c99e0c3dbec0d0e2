using System.Globalization;

namespace Rtc.Stack.Configuration;

/// <summary>
/// One project config key, declared once in <see cref="ProjectConfig"/>: its name, Pulumi type, default, what it
/// allows and what it means. <c>Pulumi.yaml</c>'s <c>config:</c> block is written from it
/// (<see cref="ProjectFileWriter"/>) and the reader parses and checks values with it.
/// </summary>
/// <param name="name">The key without the project namespace, e.g. <c>memorySize</c>.</param>
/// <param name="pulumiType">The Pulumi config type: <c>string</c>, <c>integer</c> or <c>boolean</c>.</param>
/// <param name="summary">What the key means, one sentence; Pulumi.yaml's description starts with it.</param>
internal abstract class ConfigKey(string name, string pulumiType, string summary)
{
    /// <summary>The key without the project namespace, e.g. <c>memorySize</c>.</summary>
    public string Name => name;

    /// <summary>The key as Pulumi passes it, e.g. <c>rtc-pulumi:memorySize</c>.</summary>
    public string FullName => $"{ProjectConfig.ProjectName}:{name}";

    /// <summary>The Pulumi config type: <c>string</c>, <c>integer</c> or <c>boolean</c>.</summary>
    public string PulumiType => pulumiType;

    /// <summary>The default as text, as a stack's config would spell it.</summary>
    public abstract string DefaultText { get; }

    /// <summary>The default as Pulumi.yaml holds it: a number, a boolean or a string.</summary>
    public virtual object DefaultValue => DefaultText;

    /// <summary>What values are allowed, in words; error messages and Pulumi.yaml quote it.</summary>
    public abstract string Allowed { get; }

    /// <summary>Whether the value must be set with <c>pulumi config set --secret</c>. Default false.</summary>
    public bool Secret { get; init; }

    /// <summary>Pulumi.yaml's description of the key: what it means and what it allows.</summary>
    public string Description => $"{summary} Allowed: {Allowed}.";

    /// <summary>The command that sets the key on a stack, for error messages.</summary>
    /// <param name="stackName">The stack, or null to leave <c>--stack</c> out.</param>
    public string SetCommand(string? stackName) =>
        $"pulumi config set {(Secret ? "--secret " : "")}{FullName} <value>{(stackName is null ? "" : $" --stack {stackName}")}";

    /// <summary>An error naming the key, the problem and what is allowed.</summary>
    /// <param name="problem">What is wrong, after the key, e.g. <c>is 64</c>; never the value of a secret key.</param>
    public StackConfigException Invalid(string problem) => new($"Config key '{FullName}' {problem}; allowed: {Allowed}.");
}

/// <summary>A config key whose text parses to a <typeparamref name="T"/>.</summary>
/// <typeparam name="T">What the reader gets.</typeparam>
internal abstract class ConfigKey<T>(string name, string pulumiType, string summary) : ConfigKey(name, pulumiType, summary)
{
    /// <summary>The key's value in a stack's project values, or its default when unset.</summary>
    /// <exception cref="StackConfigException">The value is not allowed.</exception>
    public T Read(ConfigValues values) => Parse(values.Text(this)?.Trim() ?? DefaultText);

    /// <summary>Parses and checks trimmed text.</summary>
    /// <exception cref="StackConfigException">The text is not allowed.</exception>
    protected abstract T Parse(string text);
}

/// <summary>
/// A stack's project config values (key name → text, without the namespace), remembering which keys were read so
/// the reader can prove it reads every declared key.
/// </summary>
internal sealed class ConfigValues(IReadOnlyDictionary<string, string> values)
{
    private readonly HashSet<string> read = new(StringComparer.Ordinal);

    /// <summary>The declared keys no <see cref="ConfigKey{T}.Read"/> has asked for yet.</summary>
    public IEnumerable<ConfigKey> Unread => ProjectConfig.All.Where(key => !read.Contains(key.Name));

    /// <summary>The text the stack sets for <paramref name="key"/>, or null when unset.</summary>
    public string? Text(ConfigKey key)
    {
        read.Add(key.Name);
        return values.GetValueOrDefault(key.Name);
    }
}

/// <summary>An integer key, checked against a range or a list of values.</summary>
/// <param name="name">The key.</param>
/// <param name="defaultValue">The default.</param>
/// <param name="accepts">Whether a value is allowed.</param>
/// <param name="allowed">What <paramref name="accepts"/> allows, in words.</param>
/// <param name="summary">What the key means.</param>
internal sealed class IntegerKey(string name, int defaultValue, Func<int, bool> accepts, string allowed, string summary)
    : ConfigKey<int>(name, "integer", summary)
{
    /// <summary>A key allowing <paramref name="minimum"/> to <paramref name="maximum"/>, inclusive.</summary>
    public IntegerKey(string name, int defaultValue, int minimum, int maximum, string summary)
        : this(name, defaultValue, value => value >= minimum && value <= maximum, $"an integer from {minimum} to {maximum}", summary)
    {
    }

    /// <summary>A key allowing exactly <paramref name="values"/>.</summary>
    public IntegerKey(string name, int defaultValue, IReadOnlyList<int> values, string summary)
        : this(name, defaultValue, values.Contains, "one of " + string.Join(", ", values), summary)
    {
    }

    /// <inheritdoc/>
    public override string DefaultText => defaultValue.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override object DefaultValue => defaultValue;

    /// <inheritdoc/>
    public override string Allowed => allowed;

    /// <inheritdoc/>
    protected override int Parse(string text)
    {
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw Invalid($"is '{text}', not an integer");
        }

        return accepts(value) ? value : throw Invalid($"is {value}");
    }
}

/// <summary>A boolean key: <c>true</c> or <c>false</c>.</summary>
internal sealed class BooleanKey(string name, bool defaultValue, string summary) : ConfigKey<bool>(name, "boolean", summary)
{
    /// <inheritdoc/>
    public override string DefaultText => defaultValue ? "true" : "false";

    /// <inheritdoc/>
    public override object DefaultValue => defaultValue;

    /// <inheritdoc/>
    public override string Allowed => "true or false";

    /// <inheritdoc/>
    protected override bool Parse(string text) => text switch
    {
        "true" => true,
        "false" => false,
        _ => throw Invalid($"is '{text}', not a boolean"),
    };
}

/// <summary>A string key that takes one of a few words, each standing for a <typeparamref name="T"/>.</summary>
/// <typeparam name="T">What each word stands for.</typeparam>
/// <param name="name">The key.</param>
/// <param name="defaultWord">The default; one of <paramref name="choices"/>.</param>
/// <param name="choices">The words, in the order messages list them, and what each stands for.</param>
/// <param name="summary">What the key means.</param>
internal sealed class ChoiceKey<T>(string name, string defaultWord, IReadOnlyList<(string Word, T Value)> choices, string summary)
    : ConfigKey<T>(name, "string", summary)
{
    /// <inheritdoc/>
    public override string DefaultText => defaultWord;

    /// <inheritdoc/>
    public override string Allowed => choices.Count == 1
        ? choices[0].Word
        : string.Join(", ", choices.SkipLast(1).Select(choice => choice.Word)) + " or " + choices[^1].Word;

    /// <summary>The word that stands for <paramref name="value"/>, as a stack's config spells it.</summary>
    public string WordOf(T value) => choices.First(choice => EqualityComparer<T>.Default.Equals(choice.Value, value)).Word;

    /// <inheritdoc/>
    protected override T Parse(string text)
    {
        foreach (var (word, value) in choices)
        {
            if (word == text)
            {
                return value;
            }
        }

        throw Invalid($"is '{text}'");
    }
}

/// <summary>A free-text string key with an optional check.</summary>
/// <param name="name">The key.</param>
/// <param name="defaultValue">The default.</param>
/// <param name="allowed">What the check allows, in words.</param>
/// <param name="summary">What the key means.</param>
/// <param name="problem">
/// What is wrong with a value (e.g. <c>is empty</c>), or null when it is allowed. Default: every value is allowed.
/// For a <see cref="ConfigKey.Secret"/> key it must not quote the value.
/// </param>
internal sealed class TextKey(string name, string defaultValue, string allowed, string summary, Func<string, string?>? problem = null)
    : ConfigKey<string>(name, "string", summary)
{
    /// <inheritdoc/>
    public override string DefaultText => defaultValue;

    /// <inheritdoc/>
    public override string Allowed => allowed;

    /// <inheritdoc/>
    protected override string Parse(string text) => problem?.Invoke(text) is { } found ? throw Invalid(found) : text;
}
