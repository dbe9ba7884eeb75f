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

    /// <summary>
    /// The events emitted in [<paramref name="startInclusive"/>, <paramref name="endExclusive"/>) from a conversation's facts, for a
    /// host that keeps facts rather than aggregates (the activity-log reader): the same rules and unique IDs as on the aggregate.
    /// Split by the data-collection switch when <paramref name="timeline"/> is given; none for a preview conversation (R20).
    /// </summary>
    /// <param name="header">The conversation's header (ID, account, channel, mode, profile).</param>
    /// <param name="facts">Its facts, holding nothing at or after <paramref name="endExclusive"/>.</param>
    /// <param name="startInclusive">The first emission instant.</param>
    /// <param name="endExclusive">The end of the interval.</param>
    /// <param name="timeline">The account's agent switch timeline (R12), or null when everything is collected.</param>
    /// <returns>The events, collected and not.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="header"/> is null.</exception>
    /// <exception cref="CustomerAgentException">The interval is reversed (D4) or outside the supported instants (H6), the facts hold later activity or live by another policy (D1), their channel is not the header's (R1), or the timeline is another account's (R12).</exception>
    EventCollectionResult EventsBetween(ConversationHeader header, ConversationFacts facts, Instant startInclusive, Instant endExclusive, AgentSwitchTimeline? timeline = null);
}
