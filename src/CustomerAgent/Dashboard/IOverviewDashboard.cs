using CustomerAgent.Attribution;
using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Dashboard;

/// <summary>The overview dashboard of seed 000: the four KPIs (R15), the daily chart (R14) and the skill volumes for one account and period.</summary>
public interface IOverviewDashboard
{
    /// <summary>An empty accumulator for one shard of the account's conversations; fill it with <see cref="DashboardAccumulator.Add(Conversation)"/>, merge the shards with <see cref="DashboardAccumulator.Merge"/>.</summary>
    /// <param name="period">The period (R13).</param>
    /// <param name="asOf">The instant statuses are as of ("now", from the host's <see cref="IClock"/>).</param>
    /// <param name="timeline">The account's agent switch timeline (R12), or null.</param>
    /// <returns>The accumulator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="period"/> is null.</exception>
    /// <exception cref="CustomerAgentException"><paramref name="asOf"/> is outside the supported instants (H6), or the timeline belongs to another account (R12).</exception>
    DashboardAccumulator CreateAccumulator(ReportingPeriod period, Instant asOf, AgentSwitchTimeline? timeline = null);

    /// <summary>The dashboard in one pass over <paramref name="conversations"/>.</summary>
    /// <param name="conversations">The account's conversations (others in the period's account only).</param>
    /// <param name="period">The period (R13).</param>
    /// <param name="asOf">The instant statuses are as of.</param>
    /// <param name="timeline">The account's agent switch timeline (R12), or null.</param>
    /// <param name="sales">The attribution of the orders placed in the period (R15 4, R16, R17: <c>AttributeBetween(orders, evidence, period.Start, period.End)</c>), or null when not computed.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">A required argument or a conversation is null.</exception>
    /// <exception cref="CustomerAgentException">A conversation or an attributed order belongs to another account, or an attributed order was placed outside the period (R15), or as <see cref="CreateAccumulator"/>.</exception>
    DashboardReport Build(IEnumerable<Conversation> conversations, ReportingPeriod period, Instant asOf, AgentSwitchTimeline? timeline = null, AttributionResult? sales = null);
}
