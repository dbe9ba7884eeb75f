using NodaTime;

namespace CustomerAgent.Cli.Tests;

public sealed class ProgramTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Sample_is_deterministic_and_the_bundled_sample_is_its_default_output()
    {
        var first = Run("sample");
        var second = Run("sample");

        Assert.Equal(0, first.Code);
        Assert.Equal(first.Out, second.Out);
        Assert.Equal(first.Out.ReplaceLineEndings("\n"), File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "activity-log.jsonl")).ReplaceLineEndings("\n"));
        Assert.NotEqual(first.Out, Run("sample", "--seed", "8").Out);
    }

    [Fact]
    public void R1_R20_the_sample_reads_cleanly_and_covers_every_status_and_preview()
    {
        var log = CustomerAgent.ActivityLog.ActivityLogReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Run("sample", "--conversations", "400").Out)), new() { KeepConversations = true });
        var asOf = log.LatestInstant!.Value + Duration.FromHours(48);

        Assert.Empty(log.Rejections);
        Assert.Equal(400, log.Conversations.Count);
        var statuses = log.Conversations.Select(c => CustomerAgent.Classification.ConversationClassifier.Default.Classify(c, asOf).Status).ToHashSet();
        Assert.Equal(3, statuses.Count); // at rest 48 h after the last activity nothing is open
        Assert.Contains(log.Conversations, c => !c.IsCountedInMetrics);
    }

    [Fact]
    public void Run_reports_counts_rates_channels_table_and_rejections()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path,
            [
                """{"conversation":"c1","account":"acme","channel":"web-chat","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"Hi there"}""",
                """{"conversation":"c1","account":"acme","at":"2026-06-07T10:01:00Z","type":"agent-message","text":"Hello","skill":"general-qa"}""",
                """{"conversation":"c2","account":"acme","channel":"sms","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"Help","profile":{"email":"bo@example.com"}}""",
                """{"conversation":"c2","account":"acme","at":"2026-06-07T10:02:00Z","type":"handoff","kind":"transfer-to-human","mode":"hard","reason":"explicit-ask"}""",
                """{"conversation":"c2","account":"acme","at":"2026-06-07T10:03:00Z","type":"product-click","product":"SKU-1"}""",
            ]);

            var (code, output, _) = Run("run", "--log", path, "--as-of", "2026-06-09T10:01:00Z");

            Assert.Equal(1, code);
            Assert.Contains("2 conversations read", output, StringComparison.Ordinal);
            Assert.Contains("resolved-by-ai       1   50.0%", output, StringComparison.Ordinal);
            Assert.Contains("routed-to-team       1   50.0%", output, StringComparison.Ordinal);
            Assert.Contains("Resolved by AI rate: 50.0%   Not resolved by AI rate: 50.0%", output, StringComparison.Ordinal);
            Assert.Contains("bo@example.com", output, StringComparison.Ordinal);
            Assert.Contains("line 5: H2: productId = 'SKU-1'", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void R6_R7_events_writes_one_vendor_request_per_event_and_run_counts_them()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path,
            [
                """{"conversation":"c1","account":"acme","channel":"web-chat","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"Hi there","profile":{"email":"ann@example.com"}}""",
                """{"conversation":"c1","account":"acme","at":"2026-06-07T10:01:00Z","type":"agent-message","text":"These?","skill":"product-recommendations","products":["SKU-1"]}""",
                """{"conversation":"c1","account":"acme","at":"2026-06-07T10:02:00Z","type":"close","by":"visitor"}""",
            ]);

            var (code, output, _) = Run("events", "--log", path, "--as-of", "2026-06-07T10:02:00Z");
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

            Assert.Equal(0, code);
            Assert.Equal(3, lines.Length);
            Assert.All(lines, l => Assert.StartsWith("{\"data\":{\"type\":\"event\"", l, StringComparison.Ordinal));
            Assert.Equal(["acme:c1:started", "acme:c1:recommendation:1", "acme:c1:resolved"], lines.Select(l => CustomerAgent.Serialization.CustomerAgentJson.DeserializeEvent(l).UniqueId));

            var report = Run("run", "--log", path, "--as-of", "2026-06-07T10:02:00Z").Out;
            Assert.Contains("Conversation with Customer Agent Resolved                    1", report, StringComparison.Ordinal);
            Assert.Contains("Conversation with Customer Agent Escalated                   0", report, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Run_with_no_conversations_shows_no_rate_rather_than_zero()
    {
        var path = Path.GetTempFileName();
        try
        {
            var (code, output, _) = Run("run", "--log", path, "--as-of", "2026-06-09T10:01:00Z");

            Assert.Equal(0, code);
            Assert.Contains("Resolved by AI rate: n/a   Not resolved by AI rate: n/a", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("run", "--log")]
    [InlineData("run", "--log", "/nonexistent/log.jsonl")]
    [InlineData("run", "--log", "x", "--as-of", "soon")]
    [InlineData("sample", "--conversations", "0")]
    public void Bad_arguments_exit_2_with_a_message(params string[] args)
    {
        var (code, _, err) = Run(args);

        Assert.Equal(2, code);
        Assert.StartsWith("customer-agent: ", err, StringComparison.Ordinal);
    }
}
