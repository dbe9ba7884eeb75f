using CustomerAgent.Live.Grains;
using NodaTime;
using NodaTime.Testing;
using Xunit.Abstractions;

namespace CustomerAgent.Live.Tests;

/// <summary>
/// The Events API sink against a local fake of the vendor's API: bodies valid against the vendor's schemas (D4), one event per
/// Create Event request or several in one bulk job, 429 with Retry-After honoured, 500 and slow answers retried with backoff,
/// nothing lost, each unique_id accepted once.
/// </summary>
public sealed class EventsApiTests(ITestOutputHelper output)
{
    private const string Lines = """
        {"conversation":"c1","account":"acme","channel":"web-chat","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"Shoes?","profile":{"email":"ann@example.com"}}
        {"conversation":"c1","account":"acme","at":"2026-06-07T10:01:00Z","type":"agent-message","text":"These","skill":"product-recommendations","products":["SKU-1"]}
        {"conversation":"c1","account":"acme","at":"2026-06-07T10:02:00Z","type":"handoff","kind":"transfer-to-human","mode":"hard","reason":"explicit-ask"}
        {"conversation":"c2","account":"acme","channel":"sms","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"Hi","profile":{"phone":"+33612345678"}}
        {"conversation":"c2","account":"acme","at":"2026-06-07T10:01:00Z","type":"agent-message","text":"Hello","skill":"general-qa"}
        {"conversation":"c2","account":"acme","at":"2026-06-07T10:02:00Z","type":"close","by":"visitor"}

        """;

    private static Dictionary<string, string> Settings(FakeEventsApi fake, string attemptTimeout = "00:00:01") => new()
    {
        ["EventsApi:BaseAddress"] = fake.Address.ToString(),
        ["EventsApi:ApiKey"] = fake.Key,
        ["EventsApi:BaseDelay"] = "00:00:00.100",
        ["EventsApi:AttemptTimeout"] = attemptTimeout,
        ["EventsApi:MaxRetries"] = "8",
    };

    [Fact]
    public async Task Every_event_is_accepted_once_with_valid_bodies_D4()
    {
        await using var fake = await FakeEventsApi.StartAsync();
        // an attempt timeout far above any answer time here: with no fault, nothing is sent twice (a 1 s timeout on a loaded
        // 2-core machine was seen to give up on answers already accepted, and the retries then send duplicates, as at-least-once does)
        await using var service = await LiveService.StartAsync(Settings(fake, "00:00:20"), new FakeClock(Instant.FromUtc(2026, 6, 7, 12, 0)));
        var result = await service.IngestAsync("api-1", Lines);
        Assert.Equal(6, result.Accepted);

        var expected = new[] { "acme:c1:started", "acme:c1:recommendation:1", "acme:c1:escalated", "acme:c2:started", "acme:c2:resolved" };
        Assert.True(await Logs.WaitUntil(() => expected.All(fake.Received.ContainsKey), TimeSpan.FromSeconds(30)), string.Join(",", fake.Received.Keys) + " " + string.Join(";", fake.SchemaErrors));
        Assert.Empty(fake.SchemaErrors);
        Assert.Equal(expected.Order(StringComparer.Ordinal), fake.Received.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, fake.Duplicates);
        Assert.Equal(0, (await service.SnapshotAsync("acme", "c1")).Pending);
    }

    [Fact]
    public async Task A_429_with_retry_after_500s_and_slow_answers_lose_nothing_and_the_retry_after_is_honoured()
    {
        await using var fake = await FakeEventsApi.StartAsync();
        fake.Faults.Enqueue(new Fault(429, RetryAfterSeconds: 2));
        fake.Faults.Enqueue(new Fault(500));
        fake.Faults.Enqueue(new Fault(503));
        fake.Faults.Enqueue(new Fault(202, Delay: TimeSpan.FromSeconds(3)));
        fake.Faults.Enqueue(new Fault(500));
        await using var service = await LiveService.StartAsync(Settings(fake), new FakeClock(Instant.FromUtc(2026, 6, 7, 12, 0)));
        await service.IngestAsync("api-2", Lines);

        var expected = new[] { "acme:c1:started", "acme:c1:recommendation:1", "acme:c1:escalated", "acme:c2:started", "acme:c2:resolved" };
        Assert.True(await Logs.WaitUntil(() => expected.All(fake.Received.ContainsKey), TimeSpan.FromSeconds(60)), string.Join(",", fake.Received.Keys));
        Assert.Empty(fake.SchemaErrors);
        // each unique_id is accepted once (the fake dedupes as the vendor does); a retry of an attempt that timed out while the
        // fake was answering sends it again: counted and reported, never lost
        Assert.Equal(expected.Order(StringComparer.Ordinal), fake.Received.Keys.Order(StringComparer.Ordinal));
        output.WriteLine($"duplicates sent (deduped by unique_id): {fake.Duplicates}");
        Assert.Empty(fake.Faults);
        var requests = fake.Requests.ToList();
        var throttled = requests.FindIndex(r => r.Status == 429);
        // the next request after the 429 came no earlier than its Retry-After (2 s; the other conversation's sends may interleave)
        var nextAfter = requests.Skip(throttled + 1).Select(r => r.At - requests[throttled].At).ToList();
        Assert.NotEmpty(nextAfter);
        Assert.Contains(nextAfter, gap => gap >= TimeSpan.FromSeconds(1.9));
        Assert.True(await Logs.WaitUntil(() => service.SnapshotAsync("acme", "c1").Result.Pending == 0 && service.SnapshotAsync("acme", "c2").Result.Pending == 0, TimeSpan.FromSeconds(30)));
    }
}
