using System.Text.Json.Nodes;

namespace CustomerAgent.Cli.Tests;

/// <summary><c>counts</c>: the lean one-pass counts agree with the dashboard's KPIs (one answer everywhere).</summary>
public sealed class CountsCommandTests
{
    [Fact]
    public void R15_R12_R20_counts_of_the_bundled_sample_equal_the_dashboard_over_the_whole_log_per_account()
    {
        var (code, output, _) = Cli.Run("counts");
        var (reportCode, json, _) = Cli.Run("report", "--period", "2026-10-01..2026-11-30", "--format", "json");

        Assert.Equal(0, code);
        Assert.Equal(0, reportCode);
        var lines = output.Trim().Split('\n');
        var reports = JsonNode.Parse(json)!.AsArray();
        Assert.Equal(reports.Count, lines.Length);
        foreach (var report in reports)
        {
            var kpis = report!["kpis"]!;
            var expected = $"account {(string)report["account"]!}: volume {(long)kpis["volume"]!}; open/resolved-by-ai/routed-to-team/closed = {(long)kpis["open"]!}/{(long)kpis["resolved-by-ai"]!}/{(long)kpis["routed-to-team"]!}/{(long)kpis["closed"]!};";
            Assert.Contains(lines, l => l.StartsWith(expected, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Counts_report_rejects_like_every_command()
    {
        var path = Path.Combine(Path.GetTempPath(), $"counts-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(path, [.. Cli.TwoAccounts, "{\"not\": \"a line\"}"]);
        try
        {
            var (code, output, error) = Cli.Run("counts", "--log", path);
            Assert.Equal(1, code);
            Assert.Contains("account acme: volume", output, StringComparison.Ordinal);
            Assert.Contains($"line {Cli.TwoAccounts.Length + 1}", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
