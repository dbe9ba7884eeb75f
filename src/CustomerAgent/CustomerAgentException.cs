using System.Globalization;

namespace CustomerAgent;

/// <summary>
/// The one exception type the domain throws when an input or a state change breaks a rule.
/// Its message names the rule (for example <c>D2</c>), the field and the offending value, and the
/// object it was thrown from is left exactly as it was before the call.
/// </summary>
/// <remarks>
/// Values that are personal data (email addresses, phone numbers) are never placed in the message. An echoed value longer
/// than <see cref="MaxEchoedLength"/> characters is cut to that many and marked with the number of characters left out,
/// so a huge input never becomes a huge message.
/// </remarks>
public sealed class CustomerAgentException : Exception
{
    /// <summary>The most characters of an offending value echoed in <see cref="Value"/> and the message.</summary>
    public const int MaxEchoedLength = 100;

    /// <summary>Creates an exception for a broken rule.</summary>
    /// <param name="rule">The rule identifier from the domain brief, such as <c>R2</c> or <c>D2</c>.</param>
    /// <param name="field">The field or argument that holds the offending value.</param>
    /// <param name="value">The offending value, already formatted (or redacted); <see langword="null"/> when absent. Cut to <see cref="MaxEchoedLength"/> characters.</param>
    /// <param name="explanation">What the rule requires, in a short sentence fragment.</param>
    public CustomerAgentException(string rule, string field, string? value, string explanation)
        : base(Compose(rule, field, Cut(value), explanation))
    {
        Rule = rule;
        Field = field;
        Value = Cut(value);
    }

    /// <summary>The rule identifier from the domain brief (<c>R1</c>…, <c>D1</c>…), or a validation rule name.</summary>
    public string Rule { get; }

    /// <summary>The field or argument that holds the offending value.</summary>
    public string Field { get; }

    /// <summary>The offending value as echoed in the message (cut to <see cref="MaxEchoedLength"/> characters), or <see langword="null"/> when it was absent.</summary>
    public string? Value { get; }

    /// <summary>
    /// <paramref name="value"/> cut to <see cref="MaxEchoedLength"/> characters, with the number of characters left out
    /// appended (<c>…(+N chars)</c>); <see langword="null"/> stays <see langword="null"/>.
    /// </summary>
    /// <param name="value">A value to echo in a message.</param>
    /// <returns>The value, readable in a message.</returns>
    public static string? Cut(string? value)
    {
        if (value is null || value.Length <= MaxEchoedLength)
        {
            return value;
        }

        var keep = MaxEchoedLength;
        if (char.IsHighSurrogate(value[keep - 1]))
        {
            keep--;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{value.AsSpan(0, keep)}…(+{value.Length - keep} chars)");
    }

    private static string Compose(string rule, string field, string? value, string explanation) =>
        $"{rule}: {field} = {(value is null ? "<null>" : "'" + value + "'")} {explanation}.";
}
