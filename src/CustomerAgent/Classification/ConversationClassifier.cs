using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Classification;

/// <summary>
/// The status rules, for one conversation at a time (R1–R5, D1–D3):
/// a handoff at or before the instant makes it <em>Not resolved by AI</em> (final);
/// otherwise, once closed (explicitly, or at last message + timeout, inclusive), it is <em>Resolved by AI</em> when the agent's
/// message is last, else <em>Closed</em>; otherwise it is <em>Open</em>.
/// </summary>
/// <remarks>Stateless and thread-safe; <see cref="Instance"/> can be shared.</remarks>
public sealed class ConversationClassifier : IConversationClassifier
{
    /// <summary>A shared instance (the classifier holds no state).</summary>
    public static ConversationClassifier Instance { get; } = new();

    /// <inheritdoc/>
    public StatusClassification Classify(Conversation conversation, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        if (asOf < conversation.StartedAt)
        {
            throw new CustomerAgentException("D1", "asOf", Preconditions.Format(asOf), $"is before conversation {conversation.Id} started at {Preconditions.Format(conversation.StartedAt)}");
        }

        var (lastAuthor, lastAt) = conversation.LastMessageAsOf(asOf);
        var autoCloseAt = lastAt + conversation.Policy.AutoCloseAfter;
        var handoff = conversation.Handoff is { } h && h.At <= asOf ? h : null;
        var closeAt = conversation.CloseInstant(out var explicitly);
        var isClosed = closeAt <= asOf;
        var criteria = new ResolutionCriteria(lastAuthor == MessageAuthor.Agent, handoff is null, isClosed);
        CloseReason? reason = !isClosed
            ? null
            : explicitly
                ? conversation.ExplicitClose!.By == ClosedBy.Visitor ? Classification.CloseReason.Visitor : Classification.CloseReason.Host
                : Classification.CloseReason.Inactivity;

        var (status, since) = handoff is not null
            ? (ConversationStatus.NotResolvedByAi, handoff.At)
            : !isClosed
                ? (ConversationStatus.Open, conversation.StartedAt)
                : (criteria.AgentMessageIsLast ? ConversationStatus.ResolvedByAi : ConversationStatus.Closed, closeAt);

        return new StatusClassification
        {
            Status = status,
            AsOf = asOf,
            Criteria = criteria,
            StatusSince = since,
            ClosedAt = isClosed ? closeAt : null,
            CloseReason = reason,
            AutoCloseAt = autoCloseAt,
            Handoff = handoff,
        };
    }
}
