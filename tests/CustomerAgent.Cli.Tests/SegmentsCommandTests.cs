using System.Text.Json.Nodes;

namespace CustomerAgent.Cli.Tests;

/// <summary><c>segments</c> (R21) and <c>flow follow-up</c> (R22): per account, never mixed, as of each account's own instant.</summary>
public sealed class SegmentsCommandTests
{
    /// <summary>
    /// acme (Paris): Ann (ann@example.com) gets recommendations in c0 (June 5, 20:01Z) and c1 (June 7, 10:01Z), orders on June 6
    /// (one with her email in other capitals); c2 (SMS, no profile) is handed off on June 6. acme's latest line is June 7, 10:03Z.
    /// globex has a later conversation and an order by the same email: it never changes acme's answers.
    /// </summary>
    private static readonly string[] Log =
    [
        .. Cli.TwoAccounts,
        """{"conversation":"c0","account":"acme","channel":"web-chat","at":"2026-06-05T20:00:00Z","type":"shopper-message","text":"Red shoes?","profile":{"name":"Ann","email":"ann@example.com"}}""",
        """{"conversation":"c0","account":"acme","at":"2026-06-05T20:01:00Z","type":"agent-message","text":"These:","skill":"product-recommendations","products":["SKU-1","SKU-2"]}""",
        """{"type":"order","account":"acme","at":"2026-06-06T12:00:00Z","order":"o-1","shopper":{"email":"Ann@Example.com"},"amount":59.90,"currency":"EUR","items":["SKU-1"]}""",
        """{"type":"order","account":"acme","at":"2026-06-06T14:00:00Z","order":"o-2","shopper":{"email":"ann@example.com"},"amount":20.00,"currency":"USD"}""",
        """{"type":"order","account":"globex","at":"2026-06-07T13:00:00Z","order":"o-1","shopper":{"email":"ann@example.com"},"amount":99.00,"currency":"EUR"}""",
        """{"conversation":"c9","account":"globex","channel":"web-chat","at":"2026-06-08T10:02:00Z","type":"shopper-message","text":"Later","profile":{"email":"ann@example.com"}}""",
        """{"conversation":"c9","account":"globex","at":"2026-06-08T10:03:00Z","type":"agent-message","text":"Hi!","skill":"product-recommendations","products":["SKU-9"]}""",
    ];

    private static string[] AcmeOnly => [.. Log.Where(l => l.Contains("\"account\":\"acme\"", StringComparison.Ordinal))];

    private static string Run(params string[] args)
    {
        var (code, output, err) = Cli.Run(args);
        Assert.True(code == 0, $"exit code {code}: {err}");
        Assert.Equal(string.Empty, err);
        return output;
    }

    private static JsonArray Json(string output) => JsonNode.Parse(output)!.AsArray();

    [Fact]
    public void R21_the_three_segments_of_the_guide_on_a_log_with_their_evidence()
    {
        using var log = new Cli.TempLog(Log);

        var all = Json(Run("segments", "--log", log.Path, "--account", "acme", "--format", "json"));

        Assert.Equal(["started-conversation", "recommended-no-order", "escalated-last-7-days"], all.Select(s => (string)s!["segment"]!));
        Assert.All(all, s => Assert.Equal("2026-06-07T10:03:00+00:00", (string)s!["as_of"]!));
        var started = all[0]!["members"]!.AsArray();
        Assert.Equal(["ann@example.com", null], started.Select(m => (string?)m!["profile"]!["email"]));
        Assert.Equal("customer-agent-conversation:acme:c2", (string)started[1]!["profile"]!["anonymous_id"]!);
        // Ann's orders (June 6) came before her latest recommendation (June 7): she has not purchased since
        var ann = Assert.Single(all[1]!["members"]!.AsArray())!;
        var since = ann["evidence"]![1]!;
        Assert.Equal(0, (int)since["count"]!);
        Assert.Equal("acme:c1:recommendation:1", (string)since["anchor"]!["unique_id"]!);
        Assert.Equal("2026-06-07T10:01:00+00:00", (string)since["window_start"]!);
        var escalated = Assert.Single(all[2]!["members"]!.AsArray())!;
        Assert.Equal("acme:c2:escalated", (string)escalated["evidence"]![0]!["counted"]![0]!["unique_id"]!);

        // as of June 6, 13:00: the order of 12:00 came after the only recommendation, so Ann is not in the segment
        var earlier = Json(Run("segments", "--log", log.Path, "--account", "acme", "--segment", "recommended-no-order", "--now", "2026-06-06T13:00:00Z", "--format", "json"));
        Assert.Empty(Assert.Single(earlier)!["members"]!.AsArray());
    }

    [Fact]
    public void R22_the_follow_up_flow_lists_sent_and_scheduled_follow_ups_with_the_products()
    {
        using var log = new Cli.TempLog(Log);

        var csv = Run("flow", "follow-up", "--log", log.Path, "--account", "acme", "--format", "csv").Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("account_id,kind,trigger_id,conversation_id,email,phone_number,external_id,anonymous_id,triggered_at,at,status,cause,products", csv[0]);
        Assert.Equal("acme,send,acme:c0:recommendation:1,c0,ann@example.com,,,,2026-06-05T20:01:00Z,2026-06-05T22:01:00Z,sent,,SKU-1 SKU-2", csv[1]);
        Assert.Equal("acme,send,acme:c1:recommendation:1,c1,ann@example.com,,,,2026-06-07T10:01:00Z,2026-06-07T12:01:00Z,scheduled,,SKU-1", csv[2]);
        Assert.Equal(3, csv.Length);

        // an order within the delay: with a 1-day delay, the June 6 12:00 order cancels c0's follow-up
        var json = Json(Run("flow", "follow-up", "--log", log.Path, "--account", "acme", "--delay", "1d", "--format", "json"));
        var skip = Assert.Single(json[0]!["skipped"]!.AsArray())!;
        Assert.Equal(("placed-order", "o-1", "2026-06-06T12:00:00+00:00"), ((string)skip["reason"]!, (string)skip["cause"]!, (string)skip["decided_at"]!));
        Assert.Equal(86_400, (long)json[0]!["settings"]!["delay_seconds"]!);
        Assert.Equal("Europe/Paris", (string)json[0]!["period"]!["time_zone"]!);
    }

    [Fact]
    public void R21_R22_ACCOUNT_segments_and_flow_of_an_account_are_identical_with_and_without_another_accounts_lines()
    {
        using var both = new Cli.TempLog(Log);
        using var alone = new Cli.TempLog(AcmeOnly);
        static string Acme(string output) => string.Join("\n", Json(output).Where(s => (string)s!["account_id"]! == "acme").Select(s => s!.ToJsonString()));

        foreach (var command in new[] { new[] { "segments", "--format", "json" }, ["flow", "follow-up", "--format", "json"] })
        {
            var withOther = Run([.. command, "--log", both.Path]);
            Assert.Equal(Acme(withOther), Acme(Run([.. command, "--log", alone.Path])));
            Assert.Equal(Acme(withOther), Acme(Run([.. command, "--log", both.Path, "--account", "acme"])));
            Assert.Contains(Json(withOther), s => (string)s!["account_id"]! == "globex");
        }

        // globex's Ann (same email) is globex's profile only: her recommendation there is not acme's
        var globex = Json(Run("segments", "--log", both.Path, "--account", "globex", "--segment", "recommended-no-order", "--format", "json"));
        Assert.Equal("globex:c9:recommendation:1", (string)Assert.Single(globex[0]!["members"]!.AsArray())!["evidence"]![1]!["anchor"]!["unique_id"]!);
    }

    [Fact]
    public void R21_R22_tables_show_each_account_apart_and_bad_options_say_what_is_wrong()
    {
        using var log = new Cli.TempLog(Log);

        var table = Run("segments", "--log", log.Path, "--rows", "1");
        Assert.Contains("acme · started-conversation: 2 of 2 profiles as of 2026-06-07T10:03:00Z", table, StringComparison.Ordinal);
        Assert.Contains("… and 1 more", table, StringComparison.Ordinal);
        Assert.Contains("globex · escalated-last-7-days: 0 of", table, StringComparison.Ordinal);
        var flow = Run("flow", "follow-up", "--log", log.Path, "--account", "acme");
        Assert.Contains("delay 2h, re-entry every-trigger, quiet period 16h, by email", flow, StringComparison.Ordinal);
        Assert.Contains("scheduled", flow, StringComparison.Ordinal);
        var none = Run("flow", "follow-up", "--log", log.Path, "--account", "acme", "--rows", "0");
        Assert.DoesNotContain("send at", none, StringComparison.Ordinal);
        Assert.Matches(@"… and \d+ more follow-ups \(--rows, or --format csv for every one\)", none);

        var (code, _, err) = Cli.Run("segments", "--log", log.Path, "--segment", "vip");
        Assert.Equal(2, code);
        Assert.Contains("--segment 'vip' is not a segment: use started-conversation, recommended-no-order, escalated-last-7-days", err, StringComparison.Ordinal);
        (code, _, err) = Cli.Run("flow", "follow-up", "--log", log.Path, "--delay", "2x");
        Assert.Equal(2, code);
        Assert.Contains("'2x' is not a duration", err, StringComparison.Ordinal);
        (code, _, err) = Cli.Run("flow", "follow-up", "--log", log.Path, "--delay", "30s");
        Assert.NotEqual(0, code);
        Assert.Contains("R22", err, StringComparison.Ordinal);
        Assert.Contains("delay", err, StringComparison.Ordinal);
        (code, _, err) = Cli.Run("flow", "follow-up", "--log", log.Path, "--re-entry", "every");
        Assert.Equal(2, code);
        Assert.Contains("--re-entry: R22", err, StringComparison.Ordinal);
        Assert.Contains("every-trigger, when-not-in-flow, once", err, StringComparison.Ordinal);
        (code, _, err) = Cli.Run("flow", "follow-up", "--log", log.Path, "--channel", "whatsapp");
        Assert.Equal(2, code);
        Assert.Contains("--channel: R22", err, StringComparison.Ordinal);
        var once = Run("flow", "follow-up", "--log", log.Path, "--account", "acme", "--re-entry", "once", "--channel", "sms");
        Assert.Contains("re-entry once, quiet period 16h, by sms", once, StringComparison.Ordinal);
        (code, _, err) = Cli.Run("flow");
        Assert.Equal(2, code);
        Assert.Contains("name a flow (follow-up)", err, StringComparison.Ordinal);
    }
}
