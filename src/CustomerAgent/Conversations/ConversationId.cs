namespace CustomerAgent.Conversations;

/// <summary>
/// Identifies one conversation (one session between a shopper and the agent). Compared ordinally.
/// </summary>
/// <remarks>Immutable and thread-safe. <c>default(ConversationId)</c> is invalid and rejected wherever an ID is required.</remarks>
public readonly struct ConversationId : IEquatable<ConversationId>
{
    private readonly string? _value;

    private ConversationId(string value) => _value = value;

    /// <summary>The identifier text; empty for <c>default</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this is <c>default(ConversationId)</c>, which names no conversation.</summary>
    public bool IsDefault => _value is null;

    /// <summary>Creates an ID from its text.</summary>
    /// <exception cref="CustomerAgentException">The text is null, empty or blank.</exception>
    public static ConversationId From(string value) =>
        new(Preconditions.CheckText(value, "conversationId", "ID"));

    /// <inheritdoc/>
    public bool Equals(ConversationId other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ConversationId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    /// <summary>Ordinal equality.</summary>
    public static bool operator ==(ConversationId left, ConversationId right) => left.Equals(right);

    /// <summary>Ordinal inequality.</summary>
    public static bool operator !=(ConversationId left, ConversationId right) => !left.Equals(right);
}
