namespace CustomerAgent;

/// <summary>
/// The one exception type the domain throws when an input or a state change breaks a rule.
/// Its message names the rule (for example <c>D2</c>), the field and the offending value, and the
/// object it was thrown from is left exactly as it was before the call.
/// </summary>
/// <remarks>Values that are personal data (email addresses, phone numbers) are never placed in the message.</remarks>
public sealed class CustomerAgentException : Exception
{
    /// <summary>Creates an exception for a broken rule.</summary>
    /// <param name="rule">The rule identifier from the domain brief, such as <c>R2</c> or <c>D2</c>.</param>
    /// <param name="field">The field or argument that holds the offending value.</param>
    /// <param name="value">The offending value, already formatted (or redacted); <see langword="null"/> when absent.</param>
    /// <param name="explanation">What the rule requires, in a short sentence fragment.</param>
    public CustomerAgentException(string rule, string field, string? value, string explanation)
        : base($"{rule}: {field} = {(value is null ? "<null>" : "'" + value + "'")} {explanation}.")
    {
        Rule = rule;
        Field = field;
        Value = value;
    }

    /// <summary>The rule identifier from the domain brief (<c>R1</c>…, <c>D1</c>…), or a validation rule name.</summary>
    public string Rule { get; }

    /// <summary>The field or argument that holds the offending value.</summary>
    public string Field { get; }

    /// <summary>The offending value as formatted in the message, or <see langword="null"/> when it was absent.</summary>
    public string? Value { get; }
}
