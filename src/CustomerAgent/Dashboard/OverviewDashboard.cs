using CustomerAgent.Classification;
using CustomerAgent.Attribution;
using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Dashboard;

/// <summary>The overview dashboard over in-memory conversations; see <see cref="IOverviewDashboard"/>.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
public sealed class OverviewDashboard : IOverviewDashboard
{
    private readonly IConversationClassifier _classifier;

    /// <summary>Creates the dashboard service.</summary>
    /// <param name="classifier">The status classifier.</param>
    /// <exception cref="ArgumentNullException"><paramref name="classifier"/> is null.</exception>
    public OverviewDashboard(IConversationClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        _classifier = classifier;
    }

    /// <inheritdoc/>
    public DashboardAccumulator CreateAccumulator(ReportingPeriod period, Instant asOf, AgentSwitchTimeline? timeline = null) =>
        new(period, asOf, _classifier, timeline);

    /// <inheritdoc/>
    public DashboardReport Build(IEnumerable<Conversation> conversations, ReportingPeriod period, Instant asOf, AgentSwitchTimeline? timeline = null, AttributionResult? sales = null) =>
        CreateAccumulator(period, asOf, timeline).AddRange(conversations).ToReport(sales);
}
