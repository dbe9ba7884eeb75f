using NodaTime;

namespace CustomerAgent.Conversations;

/// <summary>
/// The settings a conversation lives by. Today: the inactivity after which a session closes by itself (R2 c, D1).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ConversationPolicy
{
    /// <summary>The vendor's inactivity timeout: 48 hours (R2 c).</summary>
    public static readonly Duration DefaultAutoCloseAfter = Duration.FromHours(48);

    /// <summary>The longest timeout accepted: 30 days.</summary>
    public static readonly Duration MaxAutoCloseAfter = Duration.FromDays(30);

    private ConversationPolicy(Duration autoCloseAfter) => AutoCloseAfter = autoCloseAfter;

    /// <summary>The vendor's rules: auto-close after 48 hours of inactivity.</summary>
    public static ConversationPolicy Default { get; } = new(DefaultAutoCloseAfter);

    /// <summary>How long after its last message a conversation closes by itself. As of exactly that instant it is closed (D1).</summary>
    public Duration AutoCloseAfter { get; }

    /// <summary>Creates a policy.</summary>
    /// <exception cref="CustomerAgentException"><paramref name="autoCloseAfter"/> is not positive or longer than <see cref="MaxAutoCloseAfter"/>.</exception>
    public static ConversationPolicy Create(Duration autoCloseAfter)
    {
        if (autoCloseAfter <= Duration.Zero || autoCloseAfter > MaxAutoCloseAfter)
        {
            throw new CustomerAgentException("D1", "autoCloseAfter", Preconditions.Format(autoCloseAfter), $"must be positive and at most {Preconditions.Format(MaxAutoCloseAfter)}");
        }

        return autoCloseAfter == DefaultAutoCloseAfter ? Default : new ConversationPolicy(autoCloseAfter);
    }

    /// <inheritdoc/>
    public override string ToString() => $"ConversationPolicy(autoCloseAfter: {Preconditions.Format(AutoCloseAfter)})";
}
