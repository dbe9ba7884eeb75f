using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Collection;

/// <summary>
/// Whether activity on a channel at an instant is collected (conversation, events, dashboard counts), and if not, why (R12, R20).
/// A result, not an exception: the host branches on <see cref="IsCollected"/>.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record CollectionDecision
{
    private CollectionDecision(Channel channel, Instant at, NotCollectedReason? reason, Instant? disabledSince)
    {
        Channel = channel;
        At = at;
        Reason = reason;
        DisabledSince = disabledSince;
    }

    /// <summary>Whether the activity is collected.</summary>
    public bool IsCollected => Reason is null;

    /// <summary>Why it is not collected; null when it is.</summary>
    public NotCollectedReason? Reason { get; }

    /// <summary>The channel checked.</summary>
    public Channel Channel { get; }

    /// <summary>The instant checked.</summary>
    public Instant At { get; }

    /// <summary>For <see cref="NotCollectedReason.AgentDisabled"/>: when the agent was disabled on the channel; otherwise null.</summary>
    public Instant? DisabledSince { get; }

    /// <summary>The rule behind the decision: <c>R12</c> for the switch, <c>R20</c> for preview, null when collected.</summary>
    public string? Rule => Reason switch
    {
        null => null,
        NotCollectedReason.PreviewConversation => "R20",
        _ => "R12",
    };

    /// <summary>A sentence the host can log or show.</summary>
    public string Explanation => Reason switch
    {
        null => $"collected: the agent is live on {ChannelWords.Of(Channel)} at {Preconditions.Format(At)}",
        NotCollectedReason.AgentNeverEnabled => $"R12: not collected: the agent had never been enabled on {ChannelWords.Of(Channel)} by {Preconditions.Format(At)}",
        NotCollectedReason.AgentDisabled => $"R12: not collected: the agent is disabled on {ChannelWords.Of(Channel)} since {Preconditions.Format(DisabledSince!.Value)} (checked at {Preconditions.Format(At)}); data collected before stays",
        _ => $"R20: not collected: preview conversations are excluded from production conversations and metrics (checked at {Preconditions.Format(At)})",
    };

    internal static CollectionDecision Collected(Channel channel, Instant at) => new(channel, at, null, null);

    internal static CollectionDecision NotCollected(Channel channel, Instant at, NotCollectedReason reason, Instant? disabledSince = null) =>
        new(channel, at, reason, disabledSince);

    /// <summary>The <see cref="Explanation"/>.</summary>
    public override string ToString() => Explanation;
}
