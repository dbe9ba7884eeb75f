using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using CustomerAgent.Events;
using NodaTime;

namespace CustomerAgent.Segments;

/// <summary>Whether a follow-up's send instant has come.</summary>
public enum FollowUpSendStatus
{
    /// <summary>The send instant is at or before the as-of instant and the follow-up passed every check then.</summary>
    Sent = 0,

    /// <summary>The send instant is after the as-of instant: it goes out unless an order is placed before it.</summary>
    Scheduled = 1,
}

/// <summary>Why a recommendation gets no follow-up (R22).</summary>
public enum FollowUpSkipReason
{
    /// <summary>The profile placed an order at or after the recommendation and at or before the send instant ("Placed Order zero times since starting this flow"); decided at the order.</summary>
    PlacedOrder = 0,

    /// <summary>The profile was still waiting in the flow (<see cref="FollowUpReEntry.WhenNotInFlow"/>); decided at the recommendation.</summary>
    AlreadyInFlow = 1,

    /// <summary>The profile entered the flow before (<see cref="FollowUpReEntry.Once"/>); decided at the recommendation.</summary>
    AlreadyEntered = 2,

    /// <summary>The profile's previous follow-up was sent less than the quiet period before; decided at the send instant.</summary>
    SentRecently = 3,

    /// <summary>The profile has no email address for an email follow-up; decided at the send instant.</summary>
    NoEmailAddress = 4,

    /// <summary>The profile has no phone number for an SMS follow-up; decided at the send instant.</summary>
    NoPhoneNumber = 5,
}

/// <summary>A follow-up to send: to whom, when, for which recommendation, with which products.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class FollowUpSend
{
    private readonly IReadOnlyList<string> _products;

    internal FollowUpSend(MetricProfile profile, string triggerId, ConversationId conversation, Channel channel, Instant triggeredAt, IReadOnlyList<string> products, Instant sendAt, FollowUpSendStatus status)
    {
        Profile = profile;
        TriggerId = triggerId;
        ConversationId = conversation;
        Channel = channel;
        TriggeredAt = triggeredAt;
        SendAt = sendAt;
        Status = status;
        _products = products;
    }

    /// <summary>The profile (its identifiers, R11).</summary>
    public MetricProfile Profile { get; }

    /// <summary>The unique ID of the recommendation event that entered the flow (D4).</summary>
    public string TriggerId { get; }

    /// <summary>The conversation the recommendation was made in.</summary>
    public ConversationId ConversationId { get; }

    /// <summary>The conversation's channel.</summary>
    public Channel Channel { get; }

    /// <summary>When the recommendation was received (the flow's entry).</summary>
    public Instant TriggeredAt { get; }

    /// <summary>When the follow-up is sent: <see cref="TriggeredAt"/> plus the delay.</summary>
    public Instant SendAt { get; }

    /// <summary>Whether the send instant has come as of the result's instant.</summary>
    public FollowUpSendStatus Status { get; }

    /// <summary>The recommended products of that recommendation, in its order.</summary>
    public IReadOnlyList<string> Products => _products;

    /// <summary>The trigger, the instant and the status (the profile redacted).</summary>
    public override string ToString() => $"Follow-up of {TriggerId} at {Preconditions.Format(SendAt)} ({Status}) to {Profile}";
}

/// <summary>A recommendation that gets no follow-up, and why.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class FollowUpSkip
{
    internal FollowUpSkip(MetricProfile profile, string triggerId, ConversationId conversation, Instant triggeredAt, Instant decidedAt, FollowUpSkipReason reason, string? cause)
    {
        Profile = profile;
        TriggerId = triggerId;
        ConversationId = conversation;
        TriggeredAt = triggeredAt;
        DecidedAt = decidedAt;
        Reason = reason;
        Cause = cause;
    }

    /// <summary>The profile (its identifiers, R11).</summary>
    public MetricProfile Profile { get; }

    /// <summary>The unique ID of the recommendation event (D4).</summary>
    public string TriggerId { get; }

    /// <summary>The conversation the recommendation was made in.</summary>
    public ConversationId ConversationId { get; }

    /// <summary>When the recommendation was received.</summary>
    public Instant TriggeredAt { get; }

    /// <summary>When the skip was decided: the order's instant, the recommendation's, or the send instant (see <see cref="FollowUpSkipReason"/>).</summary>
    public Instant DecidedAt { get; }

    /// <summary>Why.</summary>
    public FollowUpSkipReason Reason { get; }

    /// <summary>The order's ID (<see cref="FollowUpSkipReason.PlacedOrder"/>), or the unique ID of the earlier recommendation that keeps this one out (<see cref="FollowUpSkipReason.AlreadyInFlow"/>, <see cref="FollowUpSkipReason.AlreadyEntered"/>, <see cref="FollowUpSkipReason.SentRecently"/>); null otherwise.</summary>
    public string? Cause { get; }

    /// <summary>The trigger and the reason (the profile redacted).</summary>
    public override string ToString() => $"No follow-up of {TriggerId}: {Reason}{(Cause is null ? "" : " (" + Cause + ")")} at {Preconditions.Format(DecidedAt)}";
}

/// <summary>The follow-up flow's sends and skips of one account for a period, as of an instant (R22).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class FollowUpFlowResult
{
    private readonly IReadOnlyList<FollowUpSend> _sends;
    private readonly IReadOnlyList<FollowUpSkip> _skips;

    internal FollowUpFlowResult(ReportingPeriod period, Instant asOf, FollowUpFlowSettings settings, IReadOnlyList<FollowUpSend> sends, IReadOnlyList<FollowUpSkip> skips)
    {
        Period = period;
        AsOf = asOf;
        Settings = settings;
        _sends = sends;
        _skips = skips;
    }

    /// <summary>The account.</summary>
    public AccountId AccountId => Period.AccountId;

    /// <summary>The period: sends whose send instant, and skips whose decision instant, fall in it.</summary>
    public ReportingPeriod Period { get; }

    /// <summary>The instant the flow is evaluated as of: recommendations and orders after it are not seen (D1).</summary>
    public Instant AsOf { get; }

    /// <summary>The settings used.</summary>
    public FollowUpFlowSettings Settings { get; }

    /// <summary>The follow-ups, by send instant, then trigger ID.</summary>
    public IReadOnlyList<FollowUpSend> Sends => _sends;

    /// <summary>The recommendations without a follow-up, by decision instant, then trigger ID.</summary>
    public IReadOnlyList<FollowUpSkip> Skips => _skips;

    /// <summary>The account, period and counts.</summary>
    public override string ToString() => $"Follow-up flow ({AccountId}, {Period}): {_sends.Count} sends, {_skips.Count} skipped";
}
