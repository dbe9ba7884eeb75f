using System.Collections.Concurrent;
using CustomerAgent.Live.Delivery;
using CustomerAgent.Live.Grains;

namespace CustomerAgent.Live.Tests;

/// <summary>
/// The per-silo batching sink: the outboxes handed over together go as bulk requests of one account each (one account's data
/// never counts in another's), at most the vendor's 1,000 events, a unique ID at most once per request (D4: the vendor fails a
/// bulk request that repeats one), a grain's events never split; a failed request fails every outbox it carried (they stay).
/// </summary>
public sealed class BatchingSinkTests
{
    private static OutboxEntry Entry(string account, string id) => new() { UniqueId = $"{account}:{id}", Body = "{}" };

    private static BatchingSink.Pending Pending(string account, params string[] ids) =>
        new(ids.Select(id => Entry(account, id)).ToList(), account, new TaskCompletionSource());

    [Fact]
    public void D4_batches_hold_one_account_each_a_unique_id_once_and_whole_outboxes_within_the_bulk_limit()
    {
        var big = Pending("acme", Enumerable.Range(0, 600).Select(i => $"big:{i}").ToArray());
        var bigger = Pending("acme", Enumerable.Range(0, 500).Select(i => $"bigger:{i}").ToArray());
        var a1 = Pending("acme", "c1:started");
        var g1 = Pending("globex", "c9:started", "c9:resolved");
        var again = Pending("acme", "c1:started");
        var batches = BatchingSink.Batches([big, a1, g1, bigger, again]);

        Assert.All(batches, b => Assert.Single(b.Select(p => p.Account).Distinct()));
        Assert.All(batches, b => Assert.InRange(b.Sum(p => p.Events.Count), 1, Events.MetricEventBatch.MaxEvents));
        Assert.All(batches, b => Assert.Equal(b.SelectMany(p => p.Events).Count(), b.SelectMany(p => p.Events).Select(e => e.UniqueId).Distinct().Count()));
        Assert.Equal(5, batches.Sum(b => b.Count));
        Assert.Equal([[big, a1], [bigger, again], [g1]], batches);
    }

    /// <summary>Real Create Event bodies: <c>customer-agent events</c> of the sample (the sink reads each outbox's account from its first body).</summary>
    private static List<OutboxEntry> SampleEvents() =>
        ReplayTests.Cli("events", "--log", Logs.SamplePath).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(body => new OutboxEntry { UniqueId = FakeEventsApi.NormalizeCreateEvent(body).UniqueId, Body = body }).ToList();

    [Fact]
    public async Task A_failed_request_fails_every_outbox_it_carried_and_a_later_one_goes()
    {
        var events = SampleEvents();
        var inner = new GatedSink();
        using var sink = new BatchingSink(() => inner);
        inner.Failing = true;
        var failed = sink.SendAsync([events[0]], CancellationToken.None);
        await Assert.ThrowsAsync<HttpRequestException>(() => failed);

        inner.Failing = false;
        var sent = await Task.WhenAll(events.Skip(1).Take(20).Select(e => sink.SendAsync([e], CancellationToken.None)).Select(async t => { await t; return true; }));
        Assert.All(sent, Assert.True);
        Assert.Equal(20, inner.Received.Count);
        Assert.InRange(inner.Requests, 1, 20);
    }

    private sealed class GatedSink : IMetricEventSink
    {
        public volatile bool Failing;
        private int _requests;

        public ConcurrentQueue<OutboxEntry> Received { get; } = new();

        public int Requests => _requests;

        public Task SendAsync(IReadOnlyList<OutboxEntry> events, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            if (Failing)
            {
                return Task.FromException(new HttpRequestException("down (test)"));
            }

            foreach (var e in events)
            {
                Received.Enqueue(e);
            }

            return Task.CompletedTask;
        }
    }
}
