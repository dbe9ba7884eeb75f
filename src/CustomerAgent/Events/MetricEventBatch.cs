using System.Collections.ObjectModel;
using CustomerAgent.Conversations;

namespace CustomerAgent.Events;

/// <summary>
/// Up to <see cref="MaxEvents"/> events of one account sent in one bulk request (the vendor's <c>EventsBulkCreateJob</c>). The
/// events are kept grouped by profile, in order of each profile's first event, which is the order of the JSON.
/// </summary>
/// <remarks>
/// A bulk request goes to one account's API, so a batch never mixes accounts: <see cref="Create"/> rejects events of two
/// accounts, and <see cref="Chunk"/> splits any events per account first. Immutable and thread-safe, with value equality
/// (same events in the same order).
/// </remarks>
public sealed class MetricEventBatch : IEquatable<MetricEventBatch>
{
    /// <summary>The most events the vendor accepts per bulk request.</summary>
    public const int MaxEvents = 1000;

    private readonly ReadOnlyCollection<MetricEvent> _events;

    private MetricEventBatch(AccountId accountId, MetricEvent[] events)
    {
        AccountId = accountId;
        _events = events.AsReadOnly();
    }

    /// <summary>The one account every event of the batch belongs to.</summary>
    public AccountId AccountId { get; }

    /// <summary>The events, grouped by profile.</summary>
    public IReadOnlyList<MetricEvent> Events => _events;

    /// <summary>Creates a batch of one account's events.</summary>
    /// <param name="events">1 to <see cref="MaxEvents"/> events, all of one account, with distinct unique IDs.</param>
    /// <returns>The batch.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> or one of them is null.</exception>
    /// <exception cref="CustomerAgentException">There are no events or more than <see cref="MaxEvents"/>, the events belong to more than one account, or a unique ID repeats (D4: the vendor fails the whole request).</exception>
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
            CheckSameAccount(list[0], list[i], i);
            if (!seen.Add(list[i].UniqueId))
            {
                throw new CustomerAgentException("D4", $"events[{i}].uniqueId", list[i].UniqueId, "repeats an event already in the batch; the vendor rejects the whole bulk request");
            }
        }

        return new MetricEventBatch(list[0].AccountId, [.. list.GroupBy(e => e.Profile).SelectMany(g => g)]);
    }

    /// <summary>
    /// Splits any number of events into batches of at most <see cref="MaxEvents"/>: first per account (in order of each
    /// account's first event), then in order within the account. Never puts two accounts' events in one batch.
    /// </summary>
    /// <param name="events">The events, of any accounts.</param>
    /// <returns>The batches; empty for no events.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> or one of them is null.</exception>
    /// <exception cref="CustomerAgentException">A unique ID repeats within a batch (D4).</exception>
    public static IReadOnlyList<MetricEventBatch> Chunk(IEnumerable<MetricEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var list = events.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(list[i], nameof(events));
        }

        return [.. list.GroupBy(e => e.AccountId).SelectMany(account => account.Chunk(MaxEvents)).Select(Create)];
    }

    /// <summary>One bulk request goes to one account (one account's data never counts in another's).</summary>
    private static void CheckSameAccount(MetricEvent first, MetricEvent current, int index)
    {
        if (current.AccountId != first.AccountId)
        {
            throw new CustomerAgentException("ACCOUNT", $"events[{index}].accountId", current.AccountId.Value, $"differs from events[0]'s account '{Preconditions.Echo(first.AccountId.Value)}'; a bulk request carries one account's events (use MetricEventBatch.Chunk to split per account)");
        }
    }

    /// <inheritdoc/>
    public bool Equals(MetricEventBatch? other) => other is not null && AccountId == other.AccountId && _events.SequenceEqual(other._events);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as MetricEventBatch);

    /// <inheritdoc/>
    public override int GetHashCode() => _events.Count == 0 ? 0 : HashCode.Combine(_events.Count, _events[0]);

    /// <inheritdoc/>
    public override string ToString() => $"MetricEventBatch(account {AccountId}, {_events.Count} events)";
}
