namespace CustomerAgent.Events;

/// <summary>
/// The metric names exactly as the vendor's English UI shows them (R6–R9), and the names of the event properties (seed 001).
/// </summary>
public static class MetricNames
{
    /// <summary>R6.</summary>
    public const string StartedConversation = "Started Conversation with Customer Agent";

    /// <summary>R7.</summary>
    public const string ConversationResolved = "Conversation with Customer Agent Resolved";

    /// <summary>R8.</summary>
    public const string ConversationEscalated = "Conversation with Customer Agent Escalated";

    /// <summary>R9.</summary>
    public const string ReceivedProductRecommendation = "Received Product Recommendation from Customer Agent";

    /// <summary>The property holding the conversation's ID (every metric).</summary>
    public const string ConversationIdProperty = "Conversation ID";

    /// <summary>The property holding the channel's API name (every metric).</summary>
    public const string ChannelProperty = "Channel";

    /// <summary>The property holding the skill the agent used first (R6, R10).</summary>
    public const string InitialSkillProperty = "Initial Skill";

    /// <summary>The property holding the last skill used before resolution (R7, R10).</summary>
    public const string FinalSkillProperty = "Final Skill";

    /// <summary>The property holding the tags applied by the event's instant (R7, R8).</summary>
    public const string TagsProperty = "Tags";

    /// <summary>The property holding the escalation reason's API name (R8).</summary>
    public const string EscalationReasonProperty = "Escalation Reason";

    /// <summary>The property holding the recommended product IDs or SKUs (R9).</summary>
    public const string ProductsProperty = "Products";

    /// <summary>The metric name of <paramref name="kind"/>.</summary>
    /// <exception cref="CustomerAgentException">The value is not a defined <see cref="MetricKind"/>.</exception>
    public static string ToMetricName(this MetricKind kind) => kind switch
    {
        MetricKind.StartedConversation => StartedConversation,
        MetricKind.ConversationResolved => ConversationResolved,
        MetricKind.ConversationEscalated => ConversationEscalated,
        MetricKind.ReceivedProductRecommendation => ReceivedProductRecommendation,
        _ => throw new CustomerAgentException("R6", "kind", kind.ToString(), "is not a defined MetricKind value"),
    };

    /// <summary>The kind whose metric name is exactly <paramref name="name"/>.</summary>
    /// <exception cref="CustomerAgentException">The name is not one of the four metric names.</exception>
    public static MetricKind ParseMetricName(string name) => name switch
    {
        StartedConversation => MetricKind.StartedConversation,
        ConversationResolved => MetricKind.ConversationResolved,
        ConversationEscalated => MetricKind.ConversationEscalated,
        ReceivedProductRecommendation => MetricKind.ReceivedProductRecommendation,
        _ => throw new CustomerAgentException("R6", "metric.name", name, "is not one of the four Customer Agent metric names (R6–R9)"),
    };
}
