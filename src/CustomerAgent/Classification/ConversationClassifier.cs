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
        if (asOf < conversation.StartedAt)
        {
            throw new CustomerAgentException("D1", "asOf", Preconditions.Format(asOf), $"is before conversation {Preconditions.Echo(conversation.Id.Value)} started at {Preconditions.Format(conversation.StartedAt)}");
        }

        return StatusOf(conversation.FactsAsOf(asOf), asOf);
    }

    /// <inheritdoc/>
    public StatusClassification Classify(ConversationFacts facts, Instant asOf)
    {
        Preconditions.CheckInstant(asOf, "asOf");
        Policy.CheckGoverns(facts, nameof(ConversationClassifier));
        if (asOf < facts.LastActivityAt)
        {
            throw new CustomerAgentException("D1", "asOf", Preconditions.Format(asOf), $"is before the facts' latest activity at {Preconditions.Format(facts.LastActivityAt)}; classify the facts as of the instant (Conversation.FactsAsOf), which hold nothing later");
        }

        return StatusOf(facts, asOf);
    }

    /// <summary>
    /// R1–R5, D1–D3 on the facts of a row that holds nothing after <paramref name="asOf"/> (Unix nanoseconds): the status alone,
    /// without allocating (the dashboard's and the table's per-row path; <see cref="StatusOf(in ConversationFacts, Instant)"/> gives the why).
    /// </summary>
    internal static ConversationStatus StatusCode(in ConversationFacts facts, long asOf) => StatusAndSince(facts, asOf, out _);

    /// <summary>
    /// R1–R5, D1–D3 on the facts of a row that holds nothing after <paramref name="asOf"/> (Unix nanoseconds): the status and
    /// since when it holds (Unix nanoseconds: the handoff for Not resolved by AI, the start for Open, the close otherwise),
    /// without allocating. The one computation every path's status comes from.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static ConversationStatus StatusAndSince(in ConversationFacts facts, long asOf, out long since)
    {
        var status = StatusOf(CriteriaOf(facts, asOf, out var closeAt, out _));
        since = SinceOf(facts, status, closeAt);
        return status;
    }

    /// <summary>Since when <paramref name="status"/> holds (Unix nanoseconds): the handoff for Not resolved by AI, the start for Open, the close otherwise.</summary>
    private static long SinceOf(in ConversationFacts facts, ConversationStatus status, long closeAt) => status switch
    {
        ConversationStatus.NotResolvedByAi => facts.Row.HandoffAt,
        ConversationStatus.Open => facts.Row.StartedAt,
        _ => closeAt,
    };

    /// <summary>R1 a–c on the facts as of <paramref name="asOf"/> (Unix nanoseconds), with the close instant (Unix nanoseconds) and whether it was explicit.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static ResolutionCriteria CriteriaOf(in ConversationFacts facts, long asOf, out long closeAt, out bool explicitly)
    {
        ref readonly var r = ref facts.Row;
        closeAt = facts.CloseNanos(out explicitly);
        return new ResolutionCriteria(r.LastAuthor == (byte)MessageAuthor.Agent, r.HandoffAt > asOf, closeAt <= asOf);
    }

    /// <summary>R1–R5, D1–D3 on facts that hold nothing after <paramref name="asOf"/>.</summary>
    internal static StatusClassification StatusOf(in ConversationFacts facts, Instant asOf)
    {
        var criteria = CriteriaOf(facts, UnixNanoseconds.From(asOf), out var closeNanos, out var explicitly);
        var status = StatusOf(criteria);
        var since = SinceOf(facts, status, closeNanos);
        var closeAt = UnixNanoseconds.ToInstant(closeNanos);
        var isClosed = criteria.IsClosed;
        var handoff = criteria.NoHandoff ? null : facts.Handoff;

        return new StatusClassification(
            status,
            asOf,
            criteria,
            UnixNanoseconds.ToInstant(since),
            isClosed ? closeAt : null,
            isClosed ? CloseReasonOf(facts, explicitly) : null,
            facts.AutoCloseAt,
            handoff);
    }

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
    private static CloseReason CloseReasonOf(in ConversationFacts facts, bool explicitly) =>
        !explicitly
            ? CloseReason.Inactivity
            : facts.Row.ClosedBy == (byte)ClosedBy.Visitor ? CloseReason.Visitor : CloseReason.Host;
}
