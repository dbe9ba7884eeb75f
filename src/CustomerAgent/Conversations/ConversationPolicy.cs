using NodaTime;

namespace CustomerAgent.Conversations;

/// <summary>
/// The settings a conversation lives by. Today: the inactivity after which a session closes by itself (R2 c, D1).
/// </summary>
/// <remarks>
/// <para>Immutable and thread-safe, with value equality: two policies with the same timeout are equal.</para>
/// <para><b>One timeout everywhere.</b> A conversation is started under a policy and keeps it (the aggregate needs it to refuse
/// activity after the automatic close, D2). Every service that computes on conversations (<c>ConversationClassifier</c>,
/// <c>MetricEventFactory</c>, <c>ConversationBatchBuilder</c>, <c>BulkStatusClassifier</c>) is built from one policy and
/// rejects a conversation or a batch started under another with <see cref="CustomerAgentException"/> (rule <c>D1</c>, field
/// <c>conversation.policy</c>), so two services can never disagree about a status. With dependency injection, resolve the
/// registered <see cref="ConversationPolicy"/> and start conversations with it.</para>
/// </remarks>
public sealed class ConversationPolicy : IEquatable<ConversationPolicy>
{
    /// <summary>The vendor's inactivity timeout: 48 hours (R2 c).</summary>
    public static readonly Duration DefaultAutoCloseAfter = Duration.FromHours(48);

    /// <summary>The shortest timeout accepted: one minute (so that a conversation can always hold messages between its start and its last message).</summary>
    public static readonly Duration MinAutoCloseAfter = Duration.FromMinutes(1);

    /// <summary>The longest timeout accepted: 30 days.</summary>
    public static readonly Duration MaxAutoCloseAfter = Duration.FromDays(30);

    private ConversationPolicy(Duration autoCloseAfter) => AutoCloseAfter = autoCloseAfter;

    /// <summary>The vendor's rules: auto-close after 48 hours of inactivity.</summary>
    public static ConversationPolicy Default { get; } = new(DefaultAutoCloseAfter);

    /// <summary>How long after its last message a conversation closes by itself. As of exactly that instant it is closed (D1).</summary>
    public Duration AutoCloseAfter { get; }

    /// <summary>Creates a policy.</summary>
    /// <param name="autoCloseAfter">The inactivity timeout, from <see cref="MinAutoCloseAfter"/> to <see cref="MaxAutoCloseAfter"/>.</param>
    /// <returns>The policy (<see cref="Default"/> for 48 hours).</returns>
    /// <exception cref="CustomerAgentException"><paramref name="autoCloseAfter"/> is shorter than <see cref="MinAutoCloseAfter"/> or longer than <see cref="MaxAutoCloseAfter"/> (D1).</exception>
    public static ConversationPolicy Create(Duration autoCloseAfter)
    {
        if (ProblemWith(autoCloseAfter) is { } problem)
        {
            throw new CustomerAgentException("D1", "autoCloseAfter", Preconditions.Format(autoCloseAfter), problem);
        }

        return autoCloseAfter == DefaultAutoCloseAfter ? Default : new ConversationPolicy(autoCloseAfter);
    }

    /// <summary>D1: what is wrong with a timeout, or <see langword="null"/> when it is valid (the one check, shared with the DI options).</summary>
    internal static string? ProblemWith(Duration autoCloseAfter) =>
        autoCloseAfter < MinAutoCloseAfter || autoCloseAfter > MaxAutoCloseAfter
            ? $"must be from {Preconditions.Format(MinAutoCloseAfter)} to {Preconditions.Format(MaxAutoCloseAfter)}"
            : null;

    /// <inheritdoc/>
    public bool Equals(ConversationPolicy? other) => other is not null && AutoCloseAfter == other.AutoCloseAfter;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ConversationPolicy);

    /// <inheritdoc/>
    public override int GetHashCode() => AutoCloseAfter.GetHashCode();

    /// <summary>Rejects a conversation started under another policy (D1: one timeout for every service).</summary>
    /// <param name="conversation">The conversation a service is about to compute on.</param>
    /// <param name="service">The service's name, for the message.</param>
    internal void CheckGoverns(Conversation conversation, string service)
    {
        if (!Equals(conversation.Policy))
        {
            throw new CustomerAgentException("D1", "conversation.policy", conversation.Policy.ToString(), $"differs from the {this} that {service} was built with; start conversations with the one policy the services use (with DI, the registered ConversationPolicy), so that every service gives the same status");
        }
    }

    /// <summary>D1: facts computed under another policy are rejected by a service built from this one.</summary>
    internal void CheckGoverns(in ConversationFacts facts, string service)
    {
        if (!Equals(facts.Policy))
        {
            throw new CustomerAgentException("D1", "facts.policy", facts.Policy.ToString(), $"differs from the {this} that {service} was built with; one timeout for every service");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"ConversationPolicy(autoCloseAfter: {Preconditions.Format(AutoCloseAfter)})";
}
