namespace CustomerAgent.Live.Delivery;

/// <summary>
/// Where a conversation's outbox goes. <see cref="SendAsync"/> returns once every event is accepted, or throws: the events
/// then stay in the outbox and are sent again later (the receiver dedupes on <c>unique_id</c>).
/// </summary>
public interface IMetricEventSink
{
    /// <summary>Sends events of one conversation (so of one account).</summary>
    /// <param name="events">The events, in order.</param>
    /// <param name="cancellationToken">Cancels the sending.</param>
    /// <returns>A task that completes when every event is accepted.</returns>
    Task SendAsync(IReadOnlyList<Grains.OutboxEntry> events, CancellationToken cancellationToken);
}
