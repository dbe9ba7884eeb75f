using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Collection;

/// <summary>
/// The check a host calls before it starts a conversation or records activity (R12, R20). It answers with a
/// <see cref="CollectionDecision"/>; it never throws for a disabled agent.
/// </summary>
public interface IDataCollectionSwitch
{
    /// <summary>Whether activity on <paramref name="channel"/> at <paramref name="at"/> is collected under <paramref name="timeline"/> (R12).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="timeline"/> is null.</exception>
    CollectionDecision Check(AgentSwitchTimeline timeline, Channel channel, Instant at);

    /// <summary>Whether activity of the conversation described by <paramref name="header"/> at <paramref name="at"/> is collected: not if it is a preview (R20), else as <see cref="Check(AgentSwitchTimeline, Channel, Instant)"/> on its channel (R12).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="CustomerAgentException">The timeline belongs to another account than the conversation.</exception>
    CollectionDecision Check(AgentSwitchTimeline timeline, ConversationHeader header, Instant at);
}
