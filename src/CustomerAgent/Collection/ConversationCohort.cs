using CustomerAgent.Conversations;

namespace CustomerAgent.Collection;

/// <summary>
/// Which conversations count at all, in every metric (dashboard, events, attribution, segments): live ones (R20: preview never
/// counts) that were collected, that is begun while the agent was live on their channel (R12: no data while the agent is off;
/// a conversation begun then is not there at all). The one home of that rule; the bulk dashboard restates it on columns
/// (<c>BulkDashboard.IsLive</c>), guarded by a differential property.
/// </summary>
public static class ConversationCohort
{
    /// <summary>Whether the conversation counts: live (R20) and begun while the agent was on for its channel (R12).</summary>
    /// <param name="facts">The conversation's facts.</param>
    /// <param name="timeline">The account's agent switch timeline, or <see langword="null"/> when everything was collected.</param>
    /// <returns><see langword="true"/> when it counts.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="facts"/> is <c>default</c>.</exception>
    public static bool Counts(in ConversationFacts facts, AgentSwitchTimeline? timeline) =>
        facts.IsCountedInMetrics && (timeline is null || timeline.IsEnabled(facts.Channel, facts.StartedAt));
}
