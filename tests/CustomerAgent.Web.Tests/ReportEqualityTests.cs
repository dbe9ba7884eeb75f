using System.Text.Json.Nodes;

namespace CustomerAgent.Web.Tests;

/// <summary>
/// Issue 17: for the same log, period and as-of instant the API gives exactly the numbers of <c>customer-agent report --format
/// json</c> (R13–R15, R18): the same document, byte for byte once parsed, for several periods, zones, groupings and instants.
/// </summary>
public sealed class ReportEqualityTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    public static TheoryData<string, string, string[]> Cases => new()
    {
        // account, API query, the tool's options
        { "acme", "", [] },
        { "globex", "period=last_30_days&groupBy=status&tz=UTC", ["--period", "last_30_days", "--group-by", "status", "--tz", "UTC"] },
        { "acme", "period=2026-10-19..2026-10-27&groupBy=tag&rows=25", ["--period", "2026-10-19..2026-10-27", "--group-by", "tag", "--rows", "25"] },
        { "acme", "period=2026-10-20T00:00:00Z..2026-10-27T00:00:00Z&groupBy=status&asOf=2026-11-01T00:00:00Z", ["--period", "2026-10-20T00:00:00Z..2026-10-27T00:00:00Z", "--group-by", "status", "--now", "2026-11-01T00:00:00Z"] },
        { "globex", "period=this_month&tz=Asia/Tokyo&asOf=2026-10-30T12:00:00Z&rows=0", ["--period", "this_month", "--tz", "Asia/Tokyo", "--now", "2026-10-30T12:00:00Z", "--rows", "0"] },
        { "acme", "period=last_90_days&tz=America/Los_Angeles&groupBy=channel&rows=100", ["--period", "last_90_days", "--tz", "America/Los_Angeles", "--rows", "100"] },
        { "acme", "period=2026-01-05..2026-01-11", ["--period", "2026-01-05..2026-01-11"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Report_equals_the_tools_report_json(string account, string query, string[] tool)
    {
        var api = JsonNode.Parse(await factory.CreateClient().GetStringAsync($"/api/accounts/{account}/report?{query}"))!;
        var expected = Sample.ToolReport(account, tool);
        Assert.True(JsonNode.DeepEquals(expected, api), $"API:\n{api.ToJsonString()}\ntool:\n{expected.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_part_of_the_report_equals_the_same_part_of_the_tools_report(string account, string query, string[] tool)
    {
        var client = factory.CreateClient();
        var expected = Sample.ToolReport(account, tool);
        var partQuery = string.Join('&', query.Split('&').Where(p => !p.StartsWith("rows=", StringComparison.Ordinal)));
        var kpis = JsonNode.Parse(await client.GetStringAsync($"/api/accounts/{account}/kpis?{partQuery}"))!;
        var days = JsonNode.Parse(await client.GetStringAsync($"/api/accounts/{account}/days?{partQuery}"))!;
        var values = JsonNode.Parse(await client.GetStringAsync($"/api/accounts/{account}/values-report?{partQuery}"))!;
        var skills = JsonNode.Parse(await client.GetStringAsync($"/api/accounts/{account}/skill-values-report?{partQuery}"))!;
        foreach (var part in new[] { kpis, days })
        {
            Assert.True(JsonNode.DeepEquals(expected["period"], part["period"]));
            Assert.Equal((string?)expected["as-of"], (string?)part["as-of"]);
        }

        Assert.True(JsonNode.DeepEquals(expected["kpis"], kpis["kpis"]), kpis.ToJsonString());
        Assert.True(JsonNode.DeepEquals(expected["days"], days["days"]), days.ToJsonString());
        Assert.True(JsonNode.DeepEquals(expected["values-report"], values), values.ToJsonString());
        Assert.True(JsonNode.DeepEquals(expected["skill-values-report"], skills), skills.ToJsonString());
    }

    [Fact]
    public async Task R15_a_period_without_conversations_has_no_rate_not_zero()
    {
        var kpis = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/api/accounts/acme/kpis?period=2026-01-05..2026-01-11"))!["kpis"]!;
        Assert.Equal(0, (long)kpis["volume"]!);
        Assert.Equal(JsonValueKindNull, Kind(kpis, "resolved-by-ai-rate"));
        Assert.Equal(JsonValueKindNull, Kind(kpis, "routed-to-team-rate"));
    }

    [Fact]
    public async Task R14_the_days_of_a_daylight_saving_change_say_their_hours()
    {
        // Paris leaves summer time on 2026-10-25: a day of 25 hours; New York on 2026-11-01
        var paris = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/api/accounts/acme/days?period=2026-10-24..2026-10-26"))!["days"]!.AsArray();
        Assert.Equal([24, 25, 24], paris.Select(d => (int)d!["hours"]!));
        var ny = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/api/accounts/acme/days?period=2026-03-07..2026-03-09&tz=America/New_York&asOf=2026-12-01T00:00:00Z"))!["days"]!.AsArray();
        Assert.Equal([24, 23, 24], ny.Select(d => (int)d!["hours"]!));
    }

    private const string JsonValueKindNull = "null";

    private static string Kind(JsonNode node, string name) =>
        node.AsObject().TryGetPropertyValue(name, out var value) ? value is null ? "null" : value.ToJsonString() : "missing";
}
