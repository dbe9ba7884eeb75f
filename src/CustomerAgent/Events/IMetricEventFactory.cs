using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Events;

/// <summary>
/// Derives the four metric events (R6–R9) from a conversation's history, as a pure function of the history and explicit
/// instants: the same history always gives the same events with the same unique IDs (D4).
/// </summary>
/// <remarks>
/// <para>Each event has the instant it happened (<see cref="MetricEvent.Time"/>) and the instant it is <em>emitted</em>, when
/// everything it says is known. They are the same instant for R7, R8 and R9. R6 happens at the shopper's first message but
/// is emitted once its Initial Skill is known: at the agent's first message, or, if the conversation reaches a final status
/// (handoff or close) first, at that instant with no Initial Skill.</para>
/// <para>Both queries select by emission instant: <see cref="EventsAsOf(Conversation, Instant)"/> everything emitted at or before
/// an instant; <see cref="EventsBetween(Conversation, Instant, Instant)"/> everything emitted in the half-open interval
/// [start, end), so consecutive intervals emit each event exactly once. Results are in emission order.</para>
/// <para>Preview conversations yield no event (R20). The history is assumed to be recorded when it happens; a host that
/// records late should poll with the same lag.</para>
/// </remarks>
public interface IMetricEventFactory
{
    /// <summary>Every event emitted at or before <paramref name="asOf"/>; empty before the conversation started.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="conversation"/> is null.</exception>
    IReadOnlyList<MetricEvent> EventsAsOf(Conversation conversation, Instant asOf);

    /// <summary>Every event emitted in [<paramref name="startInclusive"/>, <paramref name="endExclusive"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="conversation"/> is null.</exception>
    /// <exception cref="CustomerAgentException"><paramref name="endExclusive"/> is earlier than <paramref name="startInclusive"/>.</exception>
    IReadOnlyList<MetricEvent> EventsBetween(Conversation conversation, Instant startInclusive, Instant endExclusive);

    /// <summary>
    /// As <see cref="EventsAsOf(Conversation, Instant)"/>, split by the data-collection switch: an event whose happening instant
    /// falls where the agent is not live on the channel (R12), or of a preview conversation (R20), is reported as not collected.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="CustomerAgentException">The timeline belongs to another account.</exception>
    EventCollectionResult EventsAsOf(Conversation conversation, AgentSwitchTimeline timeline, Instant asOf);

    /// <summary>As <see cref="EventsBetween(Conversation, Instant, Instant)"/>, split by the data-collection switch (R12, R20).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="CustomerAgentException"><paramref name="endExclusive"/> is earlier than <paramref name="startInclusive"/>, or the timeline belongs to another account.</exception>
    EventCollectionResult EventsBetween(Conversation conversation, AgentSwitchTimeline timeline, Instant startInclusive, Instant endExclusive);
}
