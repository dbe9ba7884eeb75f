using System.Text.Json.Nodes;
using CustomerAgent.Serialization;

namespace CustomerAgent.Cli.Tests;

/// <summary>
/// Accounts never move each other (R15, D1): without <c>--now</c> every command reports each account as of its own latest line, so
/// the output of the earlier account is the same with the other account's (later) lines, without them, and with <c>--account</c>;
/// <c>--now</c> (and <c>events --to</c>) applies to both accounts.
/// </summary>
public sealed class AccountAsOfCommandTests
{
    /// <summary>
    /// acme's last line is 2026-06-07T10:03Z; globex's is exactly one day later. acme's c0 (web chat, agent last at
    /// 2026-06-05T20:01Z) closes by inactivity at 2026-06-07T20:01Z, between the two: resolved as of globex's latest, still open as
    /// of acme's own. acme has orders credited by a click (R16) and an SMS touch (R17); globex an order of a shopper with the same email.
    /// </summary>
    private static readonly string[] Log =
    [
        .. Cli.TwoAccounts,
        """{"conversation":"c0","account":"acme","channel":"web-chat","at":"2026-06-05T20:00:00Z","type":"shopper-message","text":"Red shoes?","profile":{"name":"Ann","email":"ann@example.com"}}""",
        """{"conversation":"c0","account":"acme","at":"2026-06-05T20:01:00Z","type":"agent-message","text":"These:","skill":"product-recommendations","products":["SKU-1"]}""",
        """{"conversation":"c0","account":"acme","at":"2026-06-05T20:02:00Z","type":"product-click","product":"SKU-1"}""",
        """{"type":"order","account":"acme","at":"2026-06-06T12:00:00Z","order":"o-1","shopper":{"email":"Ann@Example.com"},"amount":59.90,"currency":"EUR","items":["SKU-1"]}""",
        """{"type":"touch","account":"acme","at":"2026-06-06T13:00:00Z","channel":"sms","kind":"click","shopper":{"email":"ann@example.com"},"conversation":"c2"}""",
        """{"type":"order","account":"acme","at":"2026-06-06T14:00:00Z","order":"o-2","shopper":{"email":"ann@example.com"},"amount":20.00,"currency":"USD"}""",
        """{"type":"order","account":"globex","at":"2026-06-07T13:00:00Z","order":"o-1","shopper":{"email":"ann@example.com"},"amount":99.00,"currency":"EUR"}""",
        """{"conversation":"c9","account":"globex","channel":"web-chat","at":"2026-06-08T10:02:00Z","type":"shopper-message","text":"Later"}""",
        """{"conversation":"c9","account":"globex","at":"2026-06-08T10:03:00Z","type":"agent-message","text":"Hi!","skill":"general-qa"}""",
    ];

    private const string AcmeLatest = "2026-06-07T10:03:00Z";
    private const string GlobexLatest = "2026-06-08T10:03:00Z";

    private static string[] AcmeOnly => [.. Log.Where(l => l.Contains("\"account\":\"acme\"", StringComparison.Ordinal))];

    private static string Run(params string[] args)
    {
        var (code, output, err) = Cli.Run(args);
        Assert.True(code == 0, $"exit code {code}: {err}");
        Assert.Equal(string.Empty, err);
        return output;
    }

    private static JsonObject Report(string json, string account) => JsonNode.Parse(json)!.AsArray().Single(r => (string)r!["account"]! == account)!.AsObject();

    /// <summary>The same command on the two-account log, on acme's lines alone, and on the two-account log with <c>--account acme</c>.</summary>
    private static (string Both, string Alone, string Selected) ThreeWays(Func<string, string[], string> run)
    {
        using var both = new Cli.TempLog(Log);
        using var alone = new Cli.TempLog(AcmeOnly);
        return (run(both.Path, []), run(alone.Path, []), run(both.Path, ["--account", "acme"]));
    }

    [Fact]
    public void R15_D1_report_json_of_the_earlier_account_is_identical_with_and_without_the_later_accounts_lines_and_with_account()
    {
        var (both, alone, selected) = ThreeWays((log, extra) => Run(["report", "--log", log, "--format", "json", .. extra]));

        var acme = Report(both, "acme");
        Assert.Equal(acme.ToJsonString(), Report(alone, "acme").ToJsonString());
        Assert.Equal(acme.ToJsonString(), Assert.Single(JsonNode.Parse(selected)!.AsArray())!.ToJsonString());

        Assert.Equal(AcmeLatest, (string)acme["as-of"]!);
        Assert.Equal(GlobexLatest, (string)Report(both, "globex")["as-of"]!);
        Assert.Equal("2026-06-07", (string)acme["period"]!["last-date"]!);
        Assert.Equal((1L, 1L, 1L, 0L), ((long)acme["kpis"]!["open"]!, (long)acme["kpis"]!["resolved-by-ai"]!, (long)acme["kpis"]!["routed-to-team"]!, (long)acme["kpis"]!["closed"]!)); // c0 still open
        Assert.Equal(
            [("EUR", 59.90m), ("USD", 20.00m)],
            acme["kpis"]!["ai-generated-sales"]!.AsArray().Select(m => ((string)m!["currency"]!, (decimal)m["amount"]!)));
    }

    [Fact]
    public void R15_D1_counts_of_the_earlier_account_are_identical_with_and_without_the_later_accounts_lines_and_with_account()
    {
        static string Acme(string output) => Assert.Single(output.Split('\n'), l => l.StartsWith("account acme:", StringComparison.Ordinal));

        var (both, alone, selected) = ThreeWays((log, extra) => Run(["counts", "--log", log, .. extra]));

        Assert.Equal(Acme(both), Acme(alone));
        Assert.Equal(Acme(both), selected.Trim());
        Assert.StartsWith("account acme: volume 3; open/resolved-by-ai/routed-to-team/closed = 1/1/1/0;", Acme(both), StringComparison.Ordinal); // c0 still open
    }

    [Fact]
    public void R15_D1_events_of_the_earlier_account_are_identical_with_and_without_the_later_accounts_lines_and_with_account()
    {
        static List<string> Acme(string output) =>
            [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => CustomerAgentJson.DeserializeEvent(l).AccountId.Value == "acme")];

        var (both, alone, selected) = ThreeWays((log, extra) => Run(["events", "--log", log, .. extra]));

        Assert.Equal(Acme(both), Acme(alone));
        Assert.Equal(Acme(both), selected.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain(Acme(both), l => CustomerAgentJson.DeserializeEvent(l).UniqueId == "acme:c0:resolved"); // at 2026-06-07T20:01Z, after acme's own latest
        Assert.Contains(Acme(both), l => CustomerAgentJson.DeserializeEvent(l).UniqueId == "acme:c0:started");
    }

    [Fact]
    public void R15_D1_conversations_json_of_the_earlier_account_is_identical_with_and_without_the_later_accounts_lines_and_with_account()
    {
        static string Acme(string output) => JsonNode.Parse(output)!.AsArray().Single(p => (string)p!["account"]! == "acme")!.ToJsonString();

        var (both, alone, selected) = ThreeWays((log, extra) => Run(["conversations", "--log", log, "--format", "json", .. extra]));

        Assert.Equal(Acme(both), Acme(alone));
        Assert.Equal(Acme(both), Acme(selected));
    }

    [Fact]
    public void D1_now_applies_to_both_accounts_and_the_earlier_accounts_report_still_does_not_depend_on_the_other()
    {
        const string now = "2026-06-09T00:00:00Z";

        var (both, alone, selected) = ThreeWays((log, extra) => Run(["report", "--log", log, "--format", "json", "--now", now, .. extra]));

        var acme = Report(both, "acme");
        Assert.Equal(now, (string)acme["as-of"]!);
        Assert.Equal(now, (string)Report(both, "globex")["as-of"]!);
        Assert.Equal(acme.ToJsonString(), Report(alone, "acme").ToJsonString());
        Assert.Equal(acme.ToJsonString(), Assert.Single(JsonNode.Parse(selected)!.AsArray())!.ToJsonString());
        Assert.Equal((0L, 2L, 1L), ((long)acme["kpis"]!["open"]!, (long)acme["kpis"]!["resolved-by-ai"]!, (long)acme["kpis"]!["routed-to-team"]!)); // c0 closed by inactivity at 2026-06-07T20:01Z
        Assert.Equal("2026-06-09", (string)acme["period"]!["last-date"]!);
    }

    [Fact]
    public void D1_now_before_the_later_accounts_last_line_leaves_that_line_out_for_it_too()
    {
        const string now = "2026-06-07T23:00:00Z";
        using var both = new Cli.TempLog(Log);

        var json = Run("report", "--log", both.Path, "--format", "json", "--now", now);

        Assert.Equal(now, (string)Report(json, "globex")["as-of"]!);
        Assert.Equal(1L, (long)Report(json, "globex")["kpis"]!["volume"]!); // c1 only: c9, from 2026-06-08T10:02Z, is not there yet
        Assert.Equal(now, (string)Report(json, "acme")["as-of"]!);
        Assert.Equal((0L, 2L), ((long)Report(json, "acme")["kpis"]!["open"]!, (long)Report(json, "acme")["kpis"]!["resolved-by-ai"]!)); // c0 closed by inactivity at 20:01
    }

    [Fact]
    public void D1_events_to_applies_to_both_accounts()
    {
        using var both = new Cli.TempLog(Log);

        var ids = Run("events", "--log", both.Path, "--to", "2026-06-11T00:00:00Z").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => CustomerAgentJson.DeserializeEvent(l).UniqueId).ToList();

        Assert.Contains("acme:c0:resolved", ids);  // 2026-06-07T20:01Z: acme's events run to --to, past its own latest line
        Assert.Contains("globex:c9:resolved", ids); // c9's close by inactivity, 2026-06-10T10:03Z, past globex's latest line
    }

    /// <summary>
    /// <c>events --from</c> an instant after the earlier account's own latest line (and before the later account's): the earlier
    /// account has no event in the interval, the later one has c9's; the command must not fail because of the earlier account.
    /// Fails today: exit code 2, <c>D4: endExclusive = '2026-06-07T10:03:00.000000001Z' is earlier than startInclusive =
    /// 2026-06-08T00:00:00Z</c> (the earlier account's default end, its own latest + 1 ns, is before --from), and globex's event is
    /// not written; with <c>--account globex</c> it is.
    /// </summary>
    [Fact]
    public void D1_R15_events_from_after_the_earlier_accounts_own_latest_line_writes_the_later_accounts_events_instead_of_failing_with_D4()
    {
        using var both = new Cli.TempLog(Log);

        var (code, output, err) = Cli.Run("events", "--log", both.Path, "--from", "2026-06-08T00:00:00Z");
        var globexOnly = Run("events", "--log", both.Path, "--from", "2026-06-08T00:00:00Z", "--account", "globex");

        Assert.Equal(["globex:c9:started"], globexOnly.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => CustomerAgentJson.DeserializeEvent(l).UniqueId));
        Assert.Equal((0, string.Empty), (code, err));
        Assert.Equal(globexOnly, output);
    }
}
