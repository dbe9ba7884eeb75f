using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Xunit.Abstractions;

namespace CustomerAgent.Live.Tests;

/// <summary>
/// D1, R2, R7: under a 1-minute policy, a conversation whose agent spoke last is Resolved at last message + 1 minute with no
/// further activity: the durable reminder ticks at that instant and its Resolved event reaches the sink (real clock; the test
/// waits at most a few reminder periods and prints the delay it saw).
/// </summary>
public sealed class AutoCloseTests(ITestOutputHelper output)
{
    [Fact]
    public async Task D1_the_reminder_closes_the_conversation_and_delivers_its_resolved_event_with_no_further_activity()
    {
        var sink = new RecordingSink();
        await using var service = await LiveService.StartAsync(new Dictionary<string, string> { ["Live:AutoCloseAfter"] = "00:01:00" }, sink: sink);
        var now = SystemClock.Instance.GetCurrentInstant();
        var lastMessage = now - Duration.FromSeconds(45);
        string At(Instant i) => InstantPattern.ExtendedIso.Format(i);
        var result = await service.IngestAsync("auto-1", string.Create(CultureInfo.InvariantCulture, $$"""
            {"conversation":"c1","account":"acme","channel":"web-chat","at":"{{At(lastMessage - Duration.FromSeconds(5))}}","type":"shopper-message","text":"Hi"}
            {"conversation":"c1","account":"acme","at":"{{At(lastMessage)}}","type":"agent-message","text":"Hello","skill":"general-qa"}

            """));
        Assert.Equal(2, result.Accepted);
        Assert.Equal("open", (await service.SnapshotAsync("acme", "c1")).Status);

        Assert.True(await Logs.WaitUntil(() => sink.Received.Any(e => e.UniqueId == "acme:c1:resolved"), TimeSpan.FromSeconds(150)), string.Join(",", sink.Received.Select(e => e.UniqueId)));
        var seen = SystemClock.Instance.GetCurrentInstant();
        var closeAt = lastMessage + Duration.FromMinutes(1);
        output.WriteLine($"closed at {At(closeAt)}, resolved event delivered {(seen - closeAt).TotalSeconds:F1} s later");
        Assert.True(seen >= closeAt);
        Assert.Contains(At(closeAt)[..19], sink.Received.Single(e => e.UniqueId == "acme:c1:resolved").Body, StringComparison.Ordinal);
        Assert.Equal("resolved-by-ai", (await service.SnapshotAsync("acme", "c1")).Status);
    }
}
