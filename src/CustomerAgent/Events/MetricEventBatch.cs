using System.Collections.ObjectModel;
using System.Text.Json.Serialization;
using CustomerAgent.Serialization;

namespace CustomerAgent.Events;

/// <summary>
/// Up to <see cref="MaxEvents"/> events sent in one bulk request (the vendor's <c>EventsBulkCreateJob</c>). The events are kept
/// grouped by profile, in order of each profile's first event, which is the order of the JSON.
/// </summary>
/// <remarks>Immutable and thread-safe, with value equality (same events in the same order).</remarks>
[JsonConverter(typeof(MetricEventBatchJsonConverter))]
public sealed class MetricEventBatch : IEquatable<MetricEventBatch>
{
    /// <summary>The most events the vendor accepts per bulk request.</summary>
    public const int MaxEvents = 1000;

    private readonly ReadOnlyCollection<MetricEvent> _events;

    private MetricEventBatch(MetricEvent[] events) => _events = events.AsReadOnly();

    /// <summary>The events, grouped by profile.</summary>
    public IReadOnlyList<MetricEvent> Events => _events;

    /// <summary>Creates a batch.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> or one of them is null.</exception>
    /// <exception cref="CustomerAgentException">There are no events or more than <see cref="MaxEvents"/>, or a unique ID repeats (D4: the vendor fails the whole request).</exception>
    public static MetricEventBatch Create(IEnumerable<MetricEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var list = events.ToList();
        if (list.Count is 0 or > MaxEvents)
        {
            throw new CustomerAgentException("D4", "events", $"{list.Count} events", $"must hold 1 to {MaxEvents} events per bulk request");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(list[i], nameof(events));
            if (!seen.Add(list[i].UniqueId))
            {
                throw new CustomerAgentException("D4", $"events[{i}].uniqueId", list[i].UniqueId, "repeats an event already in the batch; the vendor rejects the whole bulk request");
            }
        }

        return new MetricEventBatch([.. list.GroupBy(e => e.Profile).SelectMany(g => g)]);
    }

    /// <summary>Splits any number of events into batches of at most <see cref="MaxEvents"/>, in order.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> or one of them is null.</exception>
    /// <exception cref="CustomerAgentException">A unique ID repeats within a batch (D4).</exception>
    public static IReadOnlyList<MetricEventBatch> Chunk(IEnumerable<MetricEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return [.. events.Chunk(MaxEvents).Select(Create)];
    }

    /// <inheritdoc/>
    public bool Equals(MetricEventBatch? other) => other is not null && _events.SequenceEqual(other._events);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as MetricEventBatch);

    /// <inheritdoc/>
    public override int GetHashCode() => _events.Count == 0 ? 0 : HashCode.Combine(_events.Count, _events[0]);

    /// <inheritdoc/>
    public override string ToString() => $"MetricEventBatch({_events.Count} events)";
}
