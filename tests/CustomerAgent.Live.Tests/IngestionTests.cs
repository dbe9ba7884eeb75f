using CustomerAgent.ActivityLog;
using CustomerAgent.Live.Grains;
using CustomerAgent.Live.Hosting;
using CustomerAgent.Serialization;
using NodaTime;
using NodaTime.Testing;

namespace CustomerAgent.Live.Tests;

/// <summary>
/// One in-memory silo: lines ingested over HTTP are applied by the grains through the reader's rules (same acceptances, same
/// reasons: H1–H6, D2, R1, R6, LOG), the events of the outboxes reach the sink exactly once and equal <c>events</c> of the same
/// log (R6–R9, R12, D4), a retried request applies nothing twice, and events wait in the outbox while the sink fails.
/// </summary>
public sealed class IngestionTests
{
    private static readonly Instant Early = Instant.FromUtc(2000, 1, 1, 0, 0);

    [Fact]
    public async Task The_sample_ingested_in_requests_gives_the_readers_results_and_events_exactly_once()
    {
        var log = await File.ReadAllTextAsync(Logs.SamplePath);
        var read = Logs.Read(log);
        var clock = new FakeClock(Early);
        var sink = new RecordingSink();
        await using var service = await LiveService.StartAsync(clock: clock, sink: sink);
        var rejected = 0;
        var index = 0;
        foreach (var request in Logs.Requests(log, 400))
        {
            var result = await service.IngestAsync("sample-" + index++, request);
            rejected += result.Rejected;
        }

        Assert.Equal(read.Rejections.Count, rejected);

        // the clock passes every close by inactivity: each conversation's reminder would tick; tick them now
        var end = read.LatestInstant!.Value + Duration.FromDays(10);
        clock.Reset(end);
        foreach (var account in read.Accounts)
        {
            foreach (var conversation in account.Conversations)
            {
                await service.Grains.GetGrain<IConversationGrain>(GrainKeys.Conversation(account.AccountId.Value, conversation.Id.Value)).Tick();
            }
        }

        var expected = read.Accounts.SelectMany(a => a.Events(SupportedInstants.Start, end)).Select(CustomerAgentJson.Serialize).Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.Count > 300, $"the sample has {expected.Count} events");
        Assert.True(await Logs.WaitUntil(() => sink.Received.Count >= expected.Count, TimeSpan.FromSeconds(60)), $"{sink.Received.Count} of {expected.Count} delivered");
        var delivered = sink.Received.Select(e => e.Body).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, delivered);
        Assert.Equal(delivered.Count, sink.Received.Select(e => e.UniqueId).Distinct().Count());
    }

    [Fact]
    public async Task Bad_lines_get_the_readers_line_numbers_and_reasons_H5_H1_LOG()
    {
        string[] lines =
        [
            """{"conversation":"c1","account":"acme","channel":"sms","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"Hi"}""",
            """{"conversation":"c1","account":"acme","at":"2026-06-07T09:00:00Z","type":"agent-message","text":"Back in time","skill":"general-qa"}""",
            "not json",
            """{"conversation":"c1","account":"acme","at":"2026-06-07T10:01:00Z","type":"agent-message","text":"Hello","skill":"general-qa","prodcts":[]}""",
            "",
            "# a comment",
            """{"conversation":"c2","account":"acme","at":"2026-06-07T10:00:00Z","type":"tag","tag":"x"}""",
            """{"conversation":"c2","account":"acme","channel":"sms","at":"2026-06-07T10:01:00Z","type":"shopper-message","text":"Hi"}""",
            """{"conversation":"c1","account":"acme","channel":"web-chat","at":"2026-06-07T10:02:00Z","type":"shopper-message","text":"Other channel"}""",
            """{"type":"agent-switch","account":"acme","at":"2026-06-07T10:00:00Z","channel":"fax","enabled":true}""",
            """{"conversation":"c1","account":"acme","at":"2026-06-07T10:03:00Z","type":"agent-message","text":"Fine","skill":"general-qa"}""",
        ];
        var body = string.Join('\n', lines) + "\n";
        var read = Logs.Read(body);
        await using var service = await LiveService.StartAsync(clock: new FakeClock(Early), sink: new RecordingSink());
        var result = await service.IngestAsync("bad-1", body);

        Assert.Equal(2, result.Skipped);
        Assert.Equal(read.AcceptedLineCount, result.Accepted);
        var rejections = result.Lines.Where(l => l.Status == "rejected").Select(l => (l.Line, l.Reason)).ToList();
        Assert.Equal(read.Rejections.Select(r => (r.LineNumber, (string?)r.Reason)).ToList(), rejections);
        Assert.Contains(rejections, r => r.Reason!.StartsWith("H5", StringComparison.Ordinal));
        Assert.Contains(rejections, r => r.Reason!.StartsWith("H1", StringComparison.Ordinal));
        Assert.Equal(2, (await service.SnapshotAsync("acme", "c1")).AcceptedLines);
        Assert.Null((await service.SnapshotAsync("acme", "c2")).Status);
    }

    [Fact]
    public async Task A_retried_request_applies_no_line_twice_and_sends_no_event_twice()
    {
        var body = """
            {"conversation":"c1","account":"acme","channel":"web-chat","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"Shoes?"}
            {"conversation":"c1","account":"acme","at":"2026-06-07T10:01:00Z","type":"agent-message","text":"These","skill":"product-recommendations","products":["SKU-1"]}
            {"conversation":"c1","account":"acme","at":"2026-06-07T10:02:00Z","type":"shopper-message","text":"Thanks"}
            """ + "\n";
        var sink = new RecordingSink();
        await using var service = await LiveService.StartAsync(clock: new FakeClock(Early), sink: sink);
        var first = await service.IngestAsync("retry-1", body);
        var again = await service.IngestAsync("retry-1", body);

        Assert.Equal(3, first.Accepted);
        Assert.All(first.Lines, l => Assert.False(l.Replayed));
        Assert.Equal(first.Lines.Select(l => (l.Line, l.Status, l.Reason)), again.Lines.Select(l => (l.Line, l.Status, l.Reason)));
        Assert.All(again.Lines, l => Assert.True(l.Replayed));
        var snapshot = await service.SnapshotAsync("acme", "c1");
        Assert.Equal(3, snapshot.AcceptedLines);
        Assert.Equal(["acme:c1:started", "acme:c1:recommendation:1"], snapshot.Emitted);
        Assert.True(await Logs.WaitUntil(() => sink.Received.Count >= 2, TimeSpan.FromSeconds(30)));
        await Task.Delay(300);
        Assert.Equal(2, sink.Received.Count);
    }

    [Fact]
    public async Task Events_stay_in_the_outbox_while_the_sink_fails_and_are_delivered_once_it_is_back()
    {
        var sink = new RecordingSink { Failing = true };
        await using var service = await LiveService.StartAsync(clock: new FakeClock(Early), sink: sink);
        await service.IngestAsync("down-1", """
            {"conversation":"c9","account":"acme","channel":"sms","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"Hi"}
            {"conversation":"c9","account":"acme","at":"2026-06-07T10:01:00Z","type":"agent-message","text":"Hello","skill":"general-qa"}
            """);
        await Task.Delay(300);
        var s0 = await service.SnapshotAsync("acme", "c9");
        Assert.True(s0.Pending == 1, $"pending {s0.Pending} emitted {string.Join(",", s0.Emitted)} lines {s0.AcceptedLines} received {sink.Received.Count}");

        sink.Failing = false;
        await service.Grains.GetGrain<IConversationGrain>(GrainKeys.Conversation("acme", "c9")).Tick();
        Assert.True(await Logs.WaitUntil(() => sink.Received.Count == 1, TimeSpan.FromSeconds(30)));
        Assert.True(await Logs.WaitUntil(() => service.SnapshotAsync("acme", "c9").Result.Pending == 0, TimeSpan.FromSeconds(30)));
        Assert.Equal("acme:c9:started", sink.Received.Single().UniqueId);
    }

    [Fact]
    public async Task Lines_of_an_account_the_service_does_not_serve_are_rejected()
    {
        await using var service = await LiveService.StartAsync(new Dictionary<string, string> { ["Live:Accounts:0"] = "acme" }, new FakeClock(Early), new RecordingSink());
        var result = await service.IngestAsync("accounts-1", """
            {"conversation":"c1","account":"acme","channel":"sms","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"Hi"}
            {"conversation":"c1","account":"zeta","channel":"sms","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"Hi"}
            """);
        Assert.Equal(["accepted", "rejected"], result.Lines.Select(l => l.Status));
        Assert.Equal(Ingestion.Ingestor.UnknownAccount("zeta"), result.Lines[1].Reason);
    }
}
