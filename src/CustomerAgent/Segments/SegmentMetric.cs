using CustomerAgent.Events;

namespace CustomerAgent.Segments;

/// <summary>What a profile can have done, as a segment condition or the follow-up flow counts it (R21, R22): the four
/// metrics of the Customer Agent (R6–R9, with the values of <see cref="MetricKind"/>) and the merchant's <c>Placed Order</c>.</summary>
public enum SegmentMetric
{
    /// <summary><see cref="MetricNames.StartedConversation"/> (R6).</summary>
    StartedConversation = MetricKind.StartedConversation,

    /// <summary><see cref="MetricNames.ConversationResolved"/> (R7).</summary>
    ConversationResolved = MetricKind.ConversationResolved,

    /// <summary><see cref="MetricNames.ConversationEscalated"/> (R8).</summary>
    ConversationEscalated = MetricKind.ConversationEscalated,

    /// <summary><see cref="MetricNames.ReceivedProductRecommendation"/> (R9).</summary>
    ReceivedProductRecommendation = MetricKind.ReceivedProductRecommendation,

    /// <summary><see cref="SegmentMetricNames.PlacedOrder"/>: an order of the shopper, whatever its attribution.</summary>
    PlacedOrder = 4,
}

/// <summary>Names and conversions of <see cref="SegmentMetric"/>.</summary>
public static class SegmentMetricNames
{
    /// <summary>The name of the merchant's order metric, as the vendor's UI shows it.</summary>
    public const string PlacedOrder = "Placed Order";

    /// <summary>The metric's name as the vendor's UI shows it: <see cref="MetricNames"/> for the four Customer Agent metrics, <see cref="PlacedOrder"/> for orders.</summary>
    /// <param name="metric">The metric.</param>
    /// <returns>The display name.</returns>
    /// <exception cref="CustomerAgentException">The value is not defined (R21).</exception>
    public static string ToMetricName(this SegmentMetric metric) =>
        Check(metric, "metric") == SegmentMetric.PlacedOrder ? PlacedOrder : ((MetricKind)metric).ToMetricName();

    /// <summary>The segment metric of a metric event kind (the same value).</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The segment metric.</returns>
    /// <exception cref="CustomerAgentException">The kind is not defined (R21).</exception>
    public static SegmentMetric ToSegmentMetric(this MetricKind kind) => Preconditions.CheckDefined(kind, "kind", "R21").AsSegmentMetric();

    /// <summary><see cref="ToSegmentMetric"/> of a kind already known to be defined (an event's): the same value, unchecked.</summary>
    internal static SegmentMetric AsSegmentMetric(this MetricKind kind) => (SegmentMetric)kind;

    internal static SegmentMetric Check(SegmentMetric metric, string field) => Preconditions.CheckDefined(metric, field, "R21");
}
