using System.Text.Json;
using System.Text.Json.Nodes;
using CustomerAgent.Serialization;

namespace CustomerAgent.Cli.Tests;

public sealed class CommandTests
{
    private const string Now = "2026-06-08T00:00:00Z";

    private static JsonArray Json(string text) => JsonNode.Parse(text)!.AsArray();

    private static JsonObject Account(JsonArray reports, string account) => reports.Single(r => (string)r!["account"]! == account)!.AsObject();

    [Fact]
    public void R15_report_json_is_per_account_and_never_adds_two_accounts()
    {
        using var log = new Cli.TempLog(Cli.TwoAccounts);

        var (code, output, err) = Cli.Run("report", "--log", log.Path, "--now", Now, "--format", "json");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, err);
        var reports = Json(output);
        Assert.Equal(2, reports.Count);
        var acme = Account(reports, "acme");
        Assert.Equal(2, (long)acme["kpis"]!["volume"]!);
        Assert.Equal(1, (long)acme["kpis"]!["resolved-by-ai"]!);
        Assert.Equal(1, (long)acme["kpis"]!["routed-to-team"]!);
        Assert.Equal("Europe/Paris", (string)acme["period"]!["timezone"]!);
        Assert.Equal("2026-06-02", (string)acme["period"]!["first-date"]!);
        Assert.Equal("2026-06-08", (string)acme["period"]!["last-date"]!);
        Assert.Equal("customer-agent-values-report", (string)acme["values-report"]!["data"]!["type"]!);
        Assert.Equal(2, (long)acme["values-report"]!["data"]!["attributes"]!["results"]!.AsArray().Sum(r => (long)r!["statistics"]!["volume"]!));
        Assert.Equal("product-recommendations", (string)acme["skill-values-report"]!["data"]!["attributes"]!["results"]![0]!["groupings"]!["skill"]!);
        var globex = Account(reports, "globex");
        Assert.Equal(1, (long)globex["kpis"]!["volume"]!);
        Assert.Equal(1, (long)globex["kpis"]!["closed"]!);
        Assert.Equal("America/New_York", (string)globex["period"]!["timezone"]!);
        Assert.Equal(7, globex["days"]!.AsArray().Count);
    }

    [Fact]
    public void R13_report_account_period_dates_and_tz()
    {
        using var log = new Cli.TempLog(Cli.TwoAccounts);

        var (code, output, _) = Cli.Run("report", "--log", log.Path, "--now", Now, "--account", "acme", "--period", "2026-06-07..2026-06-07", "--tz", "Asia/Tokyo", "--group-by", "status", "--format", "json");

        Assert.Equal(0, code);
        var acme = Json(output).Single()!;
        Assert.Equal("Asia/Tokyo", (string)acme["period"]!["timezone"]!);
        Assert.Equal("2026-06-06T15:00:00Z", (string)acme["period"]!["start"]!);
        Assert.Equal(1, (long)acme["kpis"]!["volume"]!); // c2 started June 6, 18:00 in Tokyo
        Assert.Equal(1, (long)acme["days"]![0]!["by-status"]!["resolved-by-ai"]!);
    }

    [Fact]
    public void Report_table_shows_kpis_chart_skills_and_rows_and_run_is_its_alias()
    {
        using var log = new Cli.TempLog(Cli.TwoAccounts);

        var (code, output, _) = Cli.Run("run", "--log", log.Path, "--now", Now, "--account", "acme");

        Assert.Equal(0, code);
        Assert.Contains("acme · last_7_days: 2026-06-02 to 2026-06-08 in Europe/Paris", output, StringComparison.Ordinal);
        Assert.Contains("50.0 % (1/2)", output, StringComparison.Ordinal);
        Assert.Contains("Sun 2026-06-07", output, StringComparison.Ordinal);
        Assert.Contains("product-recommendations", output, StringComparison.Ordinal);
        Assert.Contains("Any red shoes?", output, StringComparison.Ordinal);
        Assert.DoesNotContain("globex", output, StringComparison.Ordinal);
    }

    [Fact]
    public void R18_R19_conversations_filters_sorts_pages_and_formats()
    {
        using var log = new Cli.TempLog(Cli.TwoAccounts);

        var json = Json(Cli.Run("conversations", "--log", log.Path, "--now", Now, "--account", "acme", "--status", "routed-to-team", "--format", "json").Out);
        var page = json.Single()!["page"]!["data"]!.AsArray();
        Assert.Equal("c2", (string)page.Single()!["id"]!);

        var csv = Cli.Run("conversations", "--log", log.Path, "--now", Now, "--search", "RED", "--format", "csv");
        Assert.Equal(0, csv.Code);
        Assert.Equal(["account,id,channel,profile,status,messages,started,last_updated,tags,first_question", "acme,c1,web-chat,Ann,resolved-by-ai,2,2026-06-07T10:00:00Z,2026-06-07T10:01:00Z,shoes,Any red shoes?"], csv.Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));

        var paged = Json(Cli.Run("conversations", "--log", log.Path, "--now", Now, "--account", "acme", "--sort", "started", "--order", "asc", "--page-size", "1", "--page", "2", "--format", "json").Out).Single()!;
        Assert.Equal("c1", (string)paged["page"]!["data"]![0]!["id"]!);
        Assert.Equal(2, (long)paged["matching"]!);
        var past = Json(Cli.Run("conversations", "--log", log.Path, "--now", Now, "--account", "acme", "--page-size", "1", "--page", "3", "--format", "json").Out).Single()!;
        Assert.Null(past["page"]);
    }

    [Fact]
    public void R18_conversation_prints_the_whole_thread_and_asks_for_an_account_when_the_id_is_in_two()
    {
        using var log = new Cli.TempLog(Cli.TwoAccounts);

        var ambiguous = Cli.Run("conversation", "c1", "--log", log.Path);
        Assert.Equal(2, ambiguous.Code);
        Assert.Contains("in several accounts (acme, globex): name one with --account", ambiguous.Err, StringComparison.Ordinal);

        var (code, output, _) = Cli.Run("conversation", "c1", "--log", log.Path, "--account", "globex", "--now", Now);
        Assert.Equal(0, code);
        Assert.Contains("status as of 2026-06-08T00:00:00Z: closed; 3 messages", output, StringComparison.Ordinal);
        Assert.Contains("2026-06-07T12:01:00Z  agent (general-qa): Hi!", output, StringComparison.Ordinal);
        Assert.Contains("shopper: Bye", output, StringComparison.Ordinal);

        var json = JsonNode.Parse(Cli.Run("conversation", "c1", "--log", log.Path, "--account", "acme", "--format", "json").Out)!;
        Assert.Equal("customer-agent-message", (string)json["data"]![0]!["type"]!);

        Assert.Equal(2, Cli.Run("conversation", "nope", "--log", log.Path).Code);
    }

    [Fact]
    public void R6_R9_events_are_json_lines_per_account_within_from_to()
    {
        using var log = new Cli.TempLog(Cli.TwoAccounts);

        var all = Cli.Run("events", "--log", log.Path);
        var ids = all.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => CustomerAgentJson.DeserializeEvent(l).UniqueId).ToList();
        Assert.Equal(0, all.Code);
        Assert.Equal(["acme:c1:started", "acme:c1:recommendation:1", "acme:c1:resolved", "acme:c2:started", "acme:c2:escalated", "globex:c1:started"], ids);

        var window = Cli.Run("events", "--log", log.Path, "--from", "2026-06-07T10:02:00Z", "--to", "2026-06-07T10:03:00.000000001Z");
        Assert.Equal(["acme:c1:resolved"], window.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => CustomerAgentJson.DeserializeEvent(l).UniqueId));

        var globex = Cli.Run("events", "--log", log.Path, "--account", "globex", "--out", log.Sibling(".events"));
        Assert.Equal(string.Empty, globex.Out);
        Assert.Single(File.ReadAllLines(log.Sibling(".events")));
    }

    public static TheoryData<string[]> EveryCommand => new()
    {
        new[] { "report" }, new[] { "report", "--format", "json" }, new[] { "conversations" }, new[] { "conversation", "c1", "--account", "acme" }, new[] { "events" },
    };

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public void LOG_every_command_reports_rejected_lines_the_same_way_keeps_them_verbatim_and_exits_1(string[] command)
    {
        var lines = Cli.TwoAccounts.Append("""{"conversation":"c1","account":"acme","at":"2026-06-07T10:04:00Z","type":"product-click","product":"SKU-9"}""").Append("not json \u00e9").ToArray();
        using var log = new Cli.TempLog(lines);
        var rejects = log.Sibling(".rejects");

        var (code, output, err) = Cli.Run([.. command, "--log", log.Path, "--rejects", rejects]);

        Assert.Equal(1, code);
        Assert.NotEqual(string.Empty, output);
        Assert.StartsWith($"customer-agent: 2 of 14 lines of '{log.Path}' rejected; kept verbatim in '{rejects}':", err, StringComparison.Ordinal);
        Assert.Contains("  line 13: H2: ", err, StringComparison.Ordinal);
        Assert.Contains("  line 14: LOG: ", err, StringComparison.Ordinal);
        var kept = File.ReadAllLines(rejects);
        Assert.Equal(4, kept.Length);
        Assert.StartsWith("# line 13: H2: ", kept[0], StringComparison.Ordinal);
        Assert.Equal(lines[12], kept[1]);
        Assert.Equal(lines[13], kept[3]);

        // the rejects file is a log: its comment lines are skipped, so it reads back with the same two rejections
        var replay = CustomerAgent.ActivityLog.ActivityLogReader.ReadFile(rejects);
        Assert.Equal(2, replay.SkippedLineCount);
        Assert.Equal(2, replay.Rejections.Count);
    }

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public void LOG_strict_stops_at_the_first_rejected_line_with_no_output(string[] command)
    {
        using var log = new Cli.TempLog([.. Cli.TwoAccounts, "{}", "[]"]);

        var (code, output, err) = Cli.Run([.. command, "--log", log.Path, "--strict"]);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"customer-agent: --strict: stopped at the first rejected line of '{log.Path}', line 13: ", err, StringComparison.Ordinal);
        Assert.DoesNotContain("line 14", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_is_deterministic_and_the_bundled_sample_is_its_default_output()
    {
        var first = Cli.Run("sample");

        Assert.Equal(0, first.Code);
        Assert.Equal(first.Out, Cli.Run("sample").Out);
        Assert.Equal(first.Out.ReplaceLineEndings("\n"), File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "activity-log.jsonl")).ReplaceLineEndings("\n"));
        Assert.NotEqual(first.Out, Cli.Run("sample", "--seed", "8").Out);
    }

    [Fact]
    public void R13_the_sample_has_two_accounts_and_a_daylight_saving_change_inside_its_range()
    {
        var log = CustomerAgent.ActivityLog.ActivityLogReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Cli.Run("sample", "--conversations", "400").Out)), new() { KeepConversations = true });

        Assert.Empty(log.Rejections);
        Assert.Equal(["acme", "globex"], log.Accounts.Select(a => a.AccountId.Value));
        Assert.Contains(log.Conversations, c => !c.IsCountedInMetrics);
        var acme = log.Accounts[0];
        var starts = log.Conversations.Where(c => c.Header.AccountId == acme.AccountId).Select(c => c.StartedAt).ToList();
        Assert.NotEqual(acme.Settings.TimeZone.GetUtcOffset(starts.Min()), acme.Settings.TimeZone.GetUtcOffset(starts.Max()));
        Assert.Contains(log.Accounts[1].Switches!.Changes, c => !c.Enabled);
    }
}
