using System.Text.Json;
using CustomerAgent.Classification;
using CustomerAgent.Events;
using CustomerAgent.Serialization;
using NJsonSchema;
using NodaTime;
using NodaTime.Text;

namespace CustomerAgent.ActivityLog.Tests;

/// <summary>The bundled sample: valid against the schema, read cleanly, and counted as an independent reading of the file counts it.</summary>
public sealed class SampleTests
{
    [Fact]
    public async Task Every_line_of_the_sample_is_valid_against_the_schema()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "docs", "activity-log.schema.json"));
        var lines = File.ReadAllLines(Logs.SamplePath);

        Assert.All(lines, line => Assert.Empty(schema.Validate(line)));
        Assert.NotEmpty(schema.Validate("""{"conversation":"c1","account":"acme","at":"2026-06-07T10:00:00Z","type":"tag","tag":"x","prodcts":[]}"""));
        Assert.NotEmpty(schema.Validate("""{"conversation":"c1","account":"acme","channel":"web-chat","mode":1,"at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"x"}"""));
    }

    [Theory]
    [InBothModes]
    public void The_sample_carries_every_line_type_and_reads_cleanly(ReaderMode mode)
    {
        var log = Modes.Read(mode, File.ReadAllBytes(Logs.SamplePath));
        var types = File.ReadAllLines(Logs.SamplePath).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()).ToHashSet();

        Assert.Empty(log.Rejections);
        Assert.Equal(12, types.Count);
        Assert.Equal(["acme", "globex"], log.Accounts.Select(a => a.AccountId.Value));
        Assert.Equal("Europe/Paris", log.Accounts[0].Settings.TimeZone.Id);
        Assert.Equal(IsoDayOfWeek.Sunday, log.Accounts[1].Settings.FirstDayOfWeek);
        Assert.False(log.Accounts[0].Settings.Attribution[CustomerAgent.Attribution.Touchpoint.SmsDelivery].Enabled);
        Assert.NotNull(log.Accounts[1].Switches);
        Assert.NotEmpty(log.Accounts.SelectMany(a => a.Orders));
        Assert.Contains(log.Accounts.SelectMany(a => a.Touches), t => t.IsFromCustomerAgent);
        Assert.Contains(log.Accounts.SelectMany(a => a.Touches), t => !t.IsFromCustomerAgent);
    }

    /// <summary>The oracle: the status rules read straight from the file with JsonDocument, independently of the reader.</summary>
    [Fact]
    public void The_sample_counts_equal_an_independent_reading_of_the_file()
    {
        var lines = File.ReadAllLines(Logs.SamplePath).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var asOf = lines.Max(l => InstantPattern.ExtendedIso.Parse(l.GetProperty("at").GetString()!).Value);
        var expected = new Dictionary<(string, string), int>();
        foreach (var group in lines.Where(l => l.TryGetProperty("conversation", out _) && l.GetProperty("type").GetString() != "touch")
                     .GroupBy(l => (l.GetProperty("account").GetString(), l.GetProperty("conversation").GetString())))
        {
            var first = group.First();
            if (first.TryGetProperty("mode", out var mode) && mode.GetString() == "preview")
            {
                continue;
            }

            Instant At(JsonElement l) => InstantPattern.ExtendedIso.Parse(l.GetProperty("at").GetString()!).Value;

            // R12: a conversation begun while the agent was off on its channel is not there at all (when the account has switches).
            var switches = lines.Where(l => l.GetProperty("type").GetString() == "agent-switch" && l.GetProperty("account").GetString() == group.Key.Item1).ToList();
            var lastSwitch = switches.Where(l => l.GetProperty("channel").GetString() == first.GetProperty("channel").GetString() && At(l) <= At(first)).LastOrDefault();
            if (switches.Count > 0 && (lastSwitch.ValueKind != JsonValueKind.Object || !lastSwitch.GetProperty("enabled").GetBoolean()))
            {
                continue;
            }

            var messages = group.Where(l => l.GetProperty("type").GetString() is "shopper-message" or "agent-message").ToList();
            var last = messages[^1];
            var handoff = group.FirstOrDefault(l => l.GetProperty("type").GetString() == "handoff" || (l.GetProperty("type").GetString() == "ticket-answer" && l.GetProperty("accepted").GetBoolean()));
            var close = group.FirstOrDefault(l => l.GetProperty("type").GetString() == "close");
            var closeAt = close.ValueKind == JsonValueKind.Object ? At(close) : At(last) + Duration.FromHours(48);
            var status = handoff.ValueKind == JsonValueKind.Object ? "routed-to-team"
                : closeAt <= asOf ? (last.GetProperty("type").GetString() == "agent-message" ? "resolved-by-ai" : "closed")
                : "open";
            var key = (first.GetProperty("channel").GetString()!, status);
            expected[key] = expected.GetValueOrDefault(key) + 1;
        }

        var log = ActivityLogReader.ReadFile(Logs.SamplePath);
        var actual = new Dictionary<(string, string), int>();
        foreach (var account in log.Accounts)
        {
            var counts = account.CountByChannelAndStatus(asOf);
            foreach (var channel in Enum.GetValues<CustomerAgent.Conversations.Channel>())
            {
                foreach (var status in Enum.GetValues<ConversationStatus>())
                {
                    if (counts[channel, status] > 0)
                    {
                        var key = (channel.ToApiName(), status.ToApiName());
                        actual[key] = actual.GetValueOrDefault(key) + (int)counts[channel, status];
                    }
                }
            }
        }

        Assert.Equal(expected.OrderBy(kv => kv.Key).ToList(), actual.OrderBy(kv => kv.Key).ToList());
        Assert.Equal(4, expected.Keys.Select(k => k.Item2).Distinct().Count());
    }

    /// <summary>The lean state and the aggregates agree: statuses and metric events (screened by the agent switches, R12).</summary>
    [Fact]
    public void The_lean_counts_equal_the_aggregates_counts()
    {
        var lean = ActivityLogReader.ReadFile(Logs.SamplePath);
        var full = ActivityLogReader.ReadFile(Logs.SamplePath, new ActivityLogReaderOptions { KeepConversations = true });
        var asOf = lean.LatestInstant!.Value;

        foreach (var account in lean.Accounts)
        {
            var conversations = full.Conversations.Where(c => c.Header.AccountId == account.AccountId && c.IsCountedInMetrics).ToList();
            var begunWhileOn = conversations.Where(c => account.Switches is null || account.Switches.IsEnabled(c.Channel, c.StartedAt)).ToList();
            foreach (var status in Enum.GetValues<ConversationStatus>())
            {
                Assert.Equal(begunWhileOn.Count(c => ConversationClassifier.Default.Classify(c, asOf).Status == status), account.CountByChannelAndStatus(asOf).Total[status]);
            }

            var events = conversations.SelectMany(c => MetricEventFactory.Default.EventsAsOf(c, account.Switches!, asOf).Collected).GroupBy(e => e.Kind).ToDictionary(g => g.Key, g => (long)g.Count());
            foreach (var (kind, n) in account.CountEventsAsOf(asOf))
            {
                Assert.Equal(events.GetValueOrDefault(kind), n);
            }
        }

        Assert.Equal(lean.ConversationCount, full.Conversations.Count);
    }
}
