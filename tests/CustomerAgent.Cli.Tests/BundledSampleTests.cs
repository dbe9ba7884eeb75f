using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;

namespace CustomerAgent.Cli.Tests;

/// <summary>The first command of the README, checked against numbers computed here from the log's lines, independently of the SDK.</summary>
public sealed class BundledSampleTests
{
    private sealed class Oracle
    {
        internal string Account = "";
        internal string Channel = "";
        internal bool Preview;
        internal Instant Start;
        internal Instant LastMessage;
        internal bool AgentLast;
        internal Instant? Handoff;
        internal Instant? Closed;
    }

    private static Instant At(JsonElement line) => OffsetDateTimePattern.ExtendedIso.Parse(line.GetProperty("at").GetString()!).GetValueOrThrow().ToInstant();

    /// <summary>Per account: volume, resolved by AI, not resolved by AI and closed for the last 7 local days up to the account's own latest instant (another account's later lines never move it), and the volume per day.</summary>
    private static Dictionary<string, (long Volume, long Resolved, long Routed, long Closed, long[] Days)> Expected(string[] lines)
    {
        var conversations = new Dictionary<(string, string), Oracle>();
        var zones = new Dictionary<string, DateTimeZone>();
        var switches = new List<(string Account, string Channel, Instant At, bool Enabled)>();
        var latestOf = new Dictionary<string, Instant>();
        foreach (var text in lines.Where(l => l.Length > 0))
        {
            var line = JsonDocument.Parse(text).RootElement;
            var at = At(line);
            var account = line.GetProperty("account").GetString()!;
            latestOf[account] = latestOf.TryGetValue(account, out var seen) && seen > at ? seen : at;
            var type = line.GetProperty("type").GetString();
            switch (type)
            {
                case "account-settings":
                    zones[account] = DateTimeZoneProviders.Tzdb[line.GetProperty("timeZone").GetString()!];
                    continue;
                case "agent-switch":
                    switches.Add((account, line.GetProperty("channel").GetString()!, at, line.GetProperty("enabled").GetBoolean()));
                    continue;
                case "order" or "touch":
                    continue;
            }

            var key = (account, line.GetProperty("conversation").GetString()!);
            if (!conversations.TryGetValue(key, out var c))
            {
                conversations[key] = c = new Oracle
                {
                    Account = account, Channel = line.GetProperty("channel").GetString()!, Start = at,
                    Preview = line.TryGetProperty("mode", out var m) && m.GetString() == "preview",
                };
            }

            switch (type)
            {
                case "shopper-message":
                    (c.LastMessage, c.AgentLast) = (at, false);
                    break;
                case "agent-message":
                    (c.LastMessage, c.AgentLast) = (at, true);
                    break;
                case "handoff":
                    c.Handoff ??= at;
                    break;
                case "ticket-answer" when line.GetProperty("accepted").GetBoolean():
                    c.Handoff ??= at;
                    break;
                case "close":
                    c.Closed ??= at;
                    break;
            }
        }

        var result = new Dictionary<string, (long, long, long, long, long[])>();
        foreach (var (account, zone) in zones)
        {
            var latest = latestOf[account];
            var today = latest.InZone(zone).Date;
            var first = today.PlusDays(-6);
            long volume = 0, resolved = 0, routed = 0, closed = 0;
            var days = new long[7];
            foreach (var c in conversations.Values.Where(c => c.Account == account && !c.Preview))
            {
                var date = c.Start.InZone(zone).Date;
                var live = switches.Where(s => s.Account == account && s.Channel == c.Channel && s.At <= c.Start).OrderBy(s => s.At).LastOrDefault();
                if (date < first || date > today || !live.Enabled)
                {
                    continue;
                }

                volume++;
                days[Period.DaysBetween(first, date)]++;
                var closedAt = c.Closed ?? c.LastMessage + Duration.FromHours(48);
                if (c.Handoff is { } h && h <= latest)
                {
                    routed++;
                }
                else if (closedAt <= latest)
                {
                    if (c.AgentLast)
                    {
                        resolved++;
                    }
                    else
                    {
                        closed++;
                    }
                }
            }

            result[account] = (volume, resolved, routed, closed, days);
        }

        return result;
    }

    [Fact]
    public void R13_R14_R15_the_bundled_samples_dashboard_equals_numbers_computed_from_its_lines()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "samples", "activity-log.jsonl"));
        var expected = Expected(lines);

        var (code, output, err) = Cli.Run("report", "--format", "json");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, err);
        var reports = JsonNode.Parse(output)!.AsArray();
        Assert.Equal(["acme", "globex"], reports.Select(r => (string)r!["account"]!));
        foreach (var report in reports)
        {
            var (volume, resolved, routed, closed, days) = expected[(string)report!["account"]!];
            var kpis = report["kpis"]!;
            Assert.True(volume > 10);
            Assert.Equal(volume, (long)kpis["volume"]!);
            Assert.Equal(resolved, (long)kpis["resolved-by-ai"]!);
            Assert.Equal(routed, (long)kpis["routed-to-team"]!);
            Assert.Equal(closed, (long)kpis["closed"]!);
            Assert.Equal(days, report["days"]!.AsArray().Select(d => (long)d!["total"]!));
            Assert.Equal(volume, (long)report["values-report"]!["data"]!["attributes"]!["results"]!.AsArray().Sum(r => (long)r!["statistics"]!["volume"]!));
        }

        var text = Cli.Run("report").Out;
        var acme = expected["acme"];
        Assert.Contains($"{(acme.Resolved * 100m / acme.Volume).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} % ({acme.Resolved}/{acme.Volume})", text, StringComparison.Ordinal);
        Assert.Contains("Sun 2026-10-25 (25 h)", text, StringComparison.Ordinal); // Paris leaves summer time inside the week
    }

    [Fact]
    public void The_tool_runs_on_its_bundled_sample_from_any_working_directory()
    {
        var elsewhere = Directory.CreateTempSubdirectory("ca-cli-cwd-");
        try
        {
            var (code, output, err) = Cli.RunProcess(elsewhere.FullName, "report", "--format", "json");

            Assert.True(code == 0, err);
            Assert.Equal(Cli.Run("report", "--format", "json").Out, output);
            var redirected = Cli.RunProcess(elsewhere.FullName, "report", "--account", "globex");
            Assert.Equal(0, redirected.Code);
            Assert.Contains("globex · last_7_days", redirected.Out, StringComparison.Ordinal);
            Assert.Equal(string.Empty, redirected.Err); // no progress bar when output is redirected

            var misuse = Cli.RunProcess(elsewhere.FullName, "report", "--as-off", "x");
            Assert.Equal(2, misuse.Code);
            Assert.DoesNotContain("   at ", misuse.Err, StringComparison.Ordinal);
        }
        finally
        {
            elsewhere.Delete(recursive: true);
        }
    }
}
