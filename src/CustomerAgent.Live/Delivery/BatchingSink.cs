using System.Threading.Channels;
using CustomerAgent.Live.Grains;
using CustomerAgent.Serialization;

namespace CustomerAgent.Live.Delivery;

/// <summary>
/// Gathers the outboxes that the conversation grains of one silo hand over at the same time into bulk requests of one account
/// each (at most <see cref="Events.MetricEventBatch.MaxEvents"/> events), sent by the Events API sink a few at a time: while
/// requests are under way, the next outboxes queue and go together in the next ones (no timer, no added wait when idle). A
/// grain's events are never split over two requests; its send completes when the request that carried them was accepted,
/// and fails, leaving them in its outbox, when that request failed.
/// </summary>
internal sealed class BatchingSink : IMetricEventSink, IDisposable
{
    /// <summary>The most bulk requests under way at once.</summary>
    internal const int InFlight = 4;

    private readonly Func<IMetricEventSink> _sender;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _slots = new(InFlight, InFlight);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Sends through the sink <paramref name="sender"/> gives (the Events API sink, with its resilience pipeline).</summary>
    internal BatchingSink(Func<IMetricEventSink> sender)
    {
        _sender = sender;
        _ = Task.Run(LoopAsync);
    }

    public Task SendAsync(IReadOnlyList<OutboxEntry> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return Task.CompletedTask;
        }

        var account = CustomerAgentJson.DeserializeEvent(events[0].Body).AccountId.Value;
        var pending = new Pending(events, account, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            return Task.FromException(new ObjectDisposedException(nameof(BatchingSink)));
        }

        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _stopping.Cancel();
        _stopping.Dispose();
        _slots.Dispose();
    }

    private async Task LoopAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token))
            {
                await _slots.WaitAsync(_stopping.Token);
                var taken = new List<Pending>();
                while (reader.TryRead(out var item))
                {
                    taken.Add(item);
                }

                if (taken.Count == 0)
                {
                    _slots.Release();
                    continue;
                }

                var batches = Batches(taken);
                var send = batches[0];
                // the first batch takes the slot; the others queue again so they are sent as slots free up, with what came meanwhile
                foreach (var rest in batches.Skip(1).SelectMany(b => b))
                {
                    _queue.Writer.TryWrite(rest);
                }

                _ = SendBatchAsync(send);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        while (reader.TryRead(out var left))
        {
            left.Done.TrySetException(new ObjectDisposedException(nameof(BatchingSink)));
        }
    }

    /// <summary>The outboxes per account, in order, into batches of at most the vendor's bulk limit, a unique ID at most once per batch (D4).</summary>
    internal static List<List<Pending>> Batches(List<Pending> taken)
    {
        var batches = new List<List<Pending>>();
        foreach (var account in taken.GroupBy(p => p.Account, StringComparer.Ordinal))
        {
            var batch = new List<Pending>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pending in account)
            {
                var fits = ids.Count + pending.Events.Count <= Events.MetricEventBatch.MaxEvents && pending.Events.All(e => !ids.Contains(e.UniqueId));
                if (!fits && batch.Count > 0)
                {
                    batches.Add(batch);
                    batch = [];
                    ids.Clear();
                }

                batch.Add(pending);
                ids.UnionWith(pending.Events.Select(e => e.UniqueId));
            }

            batches.Add(batch);
        }

        return batches;
    }

    private async Task SendBatchAsync(List<Pending> batch)
    {
        try
        {
            await _sender().SendAsync(batch.SelectMany(p => p.Events).ToList(), _stopping.Token);
            foreach (var pending in batch)
            {
                pending.Done.TrySetResult();
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            foreach (var pending in batch)
            {
                pending.Done.TrySetException(ex);
            }
        }
        finally
        {
            try
            {
                _slots.Release();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>One grain's outbox batch waiting to go.</summary>
    internal sealed record Pending(IReadOnlyList<OutboxEntry> Events, string Account, TaskCompletionSource Done);
}
