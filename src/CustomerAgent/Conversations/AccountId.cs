namespace CustomerAgent.Conversations;

/// <summary>
/// Identifies one merchant account; one account's data never counts in another's. Compared ordinally.
/// </summary>
/// <remarks>Immutable and thread-safe. <c>default(AccountId)</c> is invalid and rejected wherever an ID is required.</remarks>
public readonly struct AccountId : IEquatable<AccountId>
{
    private readonly string? _value;

    private AccountId(string value) => _value = value;

    /// <summary>The identifier text; empty for <c>default</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this is <c>default(AccountId)</c>, which names no account.</summary>
    public bool IsDefault => _value is null;

    /// <summary>Creates an ID from its text.</summary>
    /// <exception cref="CustomerAgentException">The text is null, empty or blank.</exception>
    public static AccountId From(string value) =>
        new(Preconditions.CheckText(value, "accountId", "ID"));

    /// <summary>Rejects <c>default(AccountId)</c>, which names no account (rule ID).</summary>
    internal static AccountId CheckSet(AccountId value, string field = "accountId")
    {
        if (value.IsDefault)
        {
            throw new CustomerAgentException("ID", field, null, "must be set (default(AccountId) names no account)");
        }

        return value;
    }

    /// <inheritdoc/>
    public bool Equals(AccountId other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is AccountId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    /// <summary>Ordinal equality.</summary>
    public static bool operator ==(AccountId left, AccountId right) => left.Equals(right);

    /// <summary>Ordinal inequality.</summary>
    public static bool operator !=(AccountId left, AccountId right) => !left.Equals(right);
}
