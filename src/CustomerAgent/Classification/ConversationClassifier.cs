using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Classification;

/// <summary>
/// The status rules, for one conversation at a time (R1–R5, D1–D3):
/// a handoff at or before the instant makes it <em>Not resolved by AI</em> (final);
/// otherwise, once closed (explicitly, or at last message + timeout, inclusive), it is <em>Resolved by AI</em> when the agent's
/// message is last, else <em>Closed</em>; otherwise it is <em>Open</em>.
/// </summary>
/// <remarks>
/// Built from one <see cref="ConversationPolicy"/>, it classifies only conversations started under an equal policy and rejects
/// any other (D1: one timeout for every service). Stateless and thread-safe; <see cref="Default"/> (the vendor's 48 hours) can
/// be shared.
/// </remarks>
public sealed class ConversationClassifier : IConversationClassifier
{
    /// <summary>Creates a classifier for conversations started under <paramref name="policy"/>.</summary>
    /// <param name="policy">The policy (inactivity timeout) every classified conversation must have.</param>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    public ConversationClassifier(ConversationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Policy = policy;
    }

    /// <summary>A shared classifier for <see cref="ConversationPolicy.Default"/> (48 hours).</summary>
    public static ConversationClassifier Default { get; } = new(ConversationPolicy.Default);

    /// <inheritdoc/>
    public ConversationPolicy Policy { get; }

    /// <inheritdoc/>
    public StatusClassification Classify(Conversation conversation, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        Preconditions.CheckInstant(asOf, "asOf");
        Policy.CheckGoverns(conversation, nameof(ConversationClassifier));
        CheckNotBeforeStart(conversation, asOf);

        var (lastAuthor, lastAt) = conversation.LastMessageAsOf(asOf);
        var handoff = EffectiveHandoff(conversation, asOf);
        var closeAt = conversation.CloseInstant(out var explicitly);
        var isClosed = closeAt <= asOf;
        var criteria = new ResolutionCriteria(lastAuthor == MessageAuthor.Agent, handoff is null, isClosed);
        var status = StatusOf(criteria);
        var since = status switch
        {
            ConversationStatus.NotResolvedByAi => handoff!.At,
            ConversationStatus.Open => conversation.StartedAt,
            _ => closeAt,
        };

        return new StatusClassification(
            status,
            asOf,
            criteria,
            since,
            isClosed ? closeAt : null,
            isClosed ? CloseReasonOf(conversation, explicitly) : null,
            lastAt + Policy.AutoCloseAfter,
            handoff);
    }

    /// <summary>D1: a status is defined only from the conversation's start on.</summary>
    private static void CheckNotBeforeStart(Conversation conversation, Instant asOf)
    {
        if (asOf < conversation.StartedAt)
        {
            throw new CustomerAgentException("D1", "asOf", Preconditions.Format(asOf), $"is before conversation {Preconditions.Echo(conversation.Id.Value)} started at {Preconditions.Format(conversation.StartedAt)}");
        }
    }

    /// <summary>R3, R4: the first handoff, counted from its instant on (an accepted ticket counts at the "yes").</summary>
    private static Handoff? EffectiveHandoff(Conversation conversation, Instant asOf) =>
        conversation.Handoff is { } handoff && handoff.At <= asOf ? handoff : null;

    /// <summary>R1–R3, R5, D3: the one status the criteria give. A handoff wins (D2: final), then the close decides.</summary>
    private static ConversationStatus StatusOf(ResolutionCriteria criteria)
    {
        if (!criteria.NoHandoff)
        {
            return ConversationStatus.NotResolvedByAi;
        }

        if (!criteria.IsClosed)
        {
            return ConversationStatus.Open;
        }

        return criteria.AgentMessageIsLast ? ConversationStatus.ResolvedByAi : ConversationStatus.Closed;
    }

    /// <summary>R2 c: who closed it; inactivity when nobody did (D1).</summary>
    private static CloseReason CloseReasonOf(Conversation conversation, bool explicitly) =>
        !explicitly
            ? CloseReason.Inactivity
            : conversation.ExplicitClose!.By == ClosedBy.Visitor ? CloseReason.Visitor : CloseReason.Host;
}
