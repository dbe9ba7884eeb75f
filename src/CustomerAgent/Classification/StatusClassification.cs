using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Classification;

/// <summary>
/// A conversation's status as of an instant, with the why (the R2 criteria) and the instants that matter to events and the dashboard.
/// </summary>
/// <remarks>Immutable and thread-safe, with value equality. Only the classifier builds it, so its fields always agree with each other.</remarks>
public sealed record StatusClassification
{
    internal StatusClassification(ConversationStatus status, Instant asOf, ResolutionCriteria criteria, Instant statusSince, Instant? closedAt, CloseReason? closeReason, Instant autoCloseAt, Handoff? handoff)
    {
        Status = status;
        AsOf = asOf;
        Criteria = criteria;
        StatusSince = statusSince;
        ClosedAt = closedAt;
        CloseReason = closeReason;
        AutoCloseAt = autoCloseAt;
        Handoff = handoff;
    }

    /// <summary>The status (R1, D3).</summary>
    public ConversationStatus Status { get; }

    /// <summary>The instant the classification is as of.</summary>
    public Instant AsOf { get; }

    /// <summary>Which of the R2 criteria hold as of <see cref="AsOf"/>.</summary>
    public ResolutionCriteria Criteria { get; }

    /// <summary>
    /// When the current status began: the start for <see cref="ConversationStatus.Open"/>, the handoff for
    /// <see cref="ConversationStatus.NotResolvedByAi"/>, the close for <see cref="ConversationStatus.ResolvedByAi"/> and <see cref="ConversationStatus.Closed"/>.
    /// </summary>
    public Instant StatusSince { get; }

    /// <summary>When the conversation closed, or <see langword="null"/> while it is still open as of <see cref="AsOf"/>.</summary>
    public Instant? ClosedAt { get; }

    /// <summary>How it closed, or <see langword="null"/> while it is still open.</summary>
    public CloseReason? CloseReason { get; }

    /// <summary>
    /// When inactivity closes (or closed) it if nobody closes it first: last message as of <see cref="AsOf"/> plus the timeout (D1).
    /// </summary>
    public Instant AutoCloseAt { get; }

    /// <summary>The effective handoff as of <see cref="AsOf"/>, or <see langword="null"/>.</summary>
    public Handoff? Handoff { get; }

    /// <summary>When it became <em>Resolved by AI</em>, or <see langword="null"/>.</summary>
    public Instant? ResolvedAt => Status == ConversationStatus.ResolvedByAi ? StatusSince : null;

    /// <summary>When it became <em>Not resolved by AI</em> (the handoff instant), or <see langword="null"/>.</summary>
    public Instant? EscalatedAt => Status == ConversationStatus.NotResolvedByAi ? StatusSince : null;

    /// <summary>When it became <em>Closed</em> without resolution (D3), or <see langword="null"/>.</summary>
    public Instant? ClosedUnresolvedAt => Status == ConversationStatus.Closed ? StatusSince : null;

    /// <summary>Whether the status can no longer change (every status but Open, D2).</summary>
    public bool IsFinal => Status != ConversationStatus.Open;
}
