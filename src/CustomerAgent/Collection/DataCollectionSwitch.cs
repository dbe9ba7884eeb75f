using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Collection;

/// <summary>The data-collection check (R12, R20), a pure function of the timeline, the channel or conversation, and the instant.</summary>
/// <remarks>Stateless and thread-safe; <see cref="Instance"/> can be shared.</remarks>
public sealed class DataCollectionSwitch : IDataCollectionSwitch
{
    /// <summary>A shared instance (the switch holds no state).</summary>
    public static DataCollectionSwitch Instance { get; } = new();

    /// <inheritdoc/>
    public CollectionDecision Check(AgentSwitchTimeline timeline, Channel channel, Instant at)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return timeline.Check(channel, at);
    }

    /// <inheritdoc/>
    public CollectionDecision Check(AgentSwitchTimeline timeline, ConversationHeader header, Instant at)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(header);
        CheckSameAccount(timeline, header);
        Preconditions.CheckInstant(at, "at");
        return header.Mode == ConversationMode.Preview
            ? CollectionDecision.NotCollected(header.Channel, at, NotCollectedReason.PreviewConversation)
            : timeline.Check(header.Channel, at);
    }

    internal static void CheckSameAccount(AgentSwitchTimeline timeline, ConversationHeader header)
    {
        if (timeline.AccountId != header.AccountId)
        {
            throw new CustomerAgentException("R12", "timeline.accountId", timeline.AccountId.Value, $"is not the account '{Preconditions.Echo(header.AccountId.Value)}' of conversation '{Preconditions.Echo(header.Id.Value)}'; one account's switch never decides for another's data");
        }
    }
}
