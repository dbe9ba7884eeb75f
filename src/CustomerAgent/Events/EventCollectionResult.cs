namespace CustomerAgent.Events;

/// <summary>
/// The events of a conversation split by the data-collection switch: those to send, and those not collected with the
/// reason (R12, R20). Nothing is dropped silently: every event the factory found is in exactly one of the two lists.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class EventCollectionResult
{
    internal EventCollectionResult(IReadOnlyList<MetricEvent> collected, IReadOnlyList<NotCollectedEvent> notCollected)
    {
        Collected = collected;
        NotCollected = notCollected;
    }

    /// <summary>The events to send, in emission order.</summary>
    public IReadOnlyList<MetricEvent> Collected { get; }

    /// <summary>The events not collected, in emission order, each with its decision.</summary>
    public IReadOnlyList<NotCollectedEvent> NotCollected { get; }

    /// <inheritdoc/>
    public override string ToString() => $"EventCollectionResult({Collected.Count} collected, {NotCollected.Count} not collected)";
}
