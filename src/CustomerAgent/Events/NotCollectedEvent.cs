using CustomerAgent.Collection;

namespace CustomerAgent.Events;

/// <summary>An event that happened but is not collected, with the decision that says why (R12, R20).</summary>
/// <param name="Event">The event that would have been sent.</param>
/// <param name="Decision">Why it is not collected.</param>
public sealed record NotCollectedEvent(MetricEvent Event, CollectionDecision Decision);
