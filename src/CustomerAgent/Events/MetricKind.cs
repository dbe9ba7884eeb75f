namespace CustomerAgent.Events;

/// <summary>The four metric events the agent's conversations produce (R6–R9). The numeric values are stable.</summary>
public enum MetricKind
{
    /// <summary>R6: a shopper message opened a new session. Metric name <see cref="MetricNames.StartedConversation"/>.</summary>
    StartedConversation = 0,

    /// <summary>R7: the status changed to Resolved by AI. Metric name <see cref="MetricNames.ConversationResolved"/>.</summary>
    ConversationResolved = 1,

    /// <summary>R8: the status changed to Not resolved by AI (handed off). Metric name <see cref="MetricNames.ConversationEscalated"/>.</summary>
    ConversationEscalated = 2,

    /// <summary>R9: the agent sent a product card or list. Metric name <see cref="MetricNames.ReceivedProductRecommendation"/>.</summary>
    ReceivedProductRecommendation = 3,
}
