using System.Net;
using System.Text.Json.Nodes;

namespace CustomerAgent.Web.Tests;

/// <summary>Issue 17: an invalid query parameter gives 400 with RFC 9457 problem details naming it; an unknown account or conversation 404.</summary>
public sealed class ParameterErrorTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    public static TheoryData<string, string, string> BadParameters => new()
    {
        // endpoint, query, the parameter named
        { "report", "period=bogus", "period" },
        { "report", "period=2026-01-01..2027-06-01", "period" },
        { "report", "period=2026-06-07..2026-06-01", "period" },
        { "report", "period=2026-06-01..junk", "period" },
        { "report", "period=today&period=yesterday", "period" },
        { "report", "tz=Mars/Olympus_Mons", "tz" },
        { "report", "asOf=yesterday", "asOf" },
        { "report", "asOf=2026-06-01T00:00:00Z", "asOf" },
        { "report", "asOf=2300-01-01T00:00:00Z", "asOf" },
        { "report", "asOf=2026-06-07T10:00:00%2B19:00", "asOf" }, // an offset beyond 18 hours: NodaTime alone would throw
        { "report", "period=2026-06-01T00:00:00%2B19:00..2026-06-02T00:00:00Z", "period" },
        { "report", "groupBy=week", "groupBy" },
        { "report", "rows=101", "rows" },
        { "report", "rows=-1", "rows" },
        { "report", "rows=ten", "rows" },
        { "kpis", "period=last_year", "period" },
        { "kpis", "asOf=now", "asOf" },
        { "days", "groupBy=skill", "groupBy" },
        { "days", "tz=CET+1", "tz" },
        { "values-report", "groupBy=Channel", "groupBy" },
        { "skill-values-report", "period=7d", "period" },
        { "conversations", "status=pending", "status" },
        { "conversations", "status=,", "status" },
        { "conversations", "channel=fax", "channel" },
        { "conversations", "tag=%20", "tag" },
        { "conversations", "sort=price", "sort" },
        { "conversations", "order=up", "order" },
        { "conversations", "pageSize=0", "pageSize" },
        { "conversations", "pageSize=101", "pageSize" },
        { "conversations", "cursor=forged", "cursor" },
        { "conversations", "cursor=", "cursor" },
        { "conversations", "period=whenever", "period" },
        { "conversations", "asOf=2026-10-01T00:00:00Z", "asOf" },
        { "conversations/conv-00001", "asOf=noon", "asOf" },
    };

    [Theory]
    [MemberData(nameof(BadParameters))]
    public async Task An_invalid_parameter_is_a_400_problem_naming_it(string endpoint, string query, string parameter)
    {
        var response = await factory.CreateClient().GetAsync($"/api/accounts/acme/{endpoint}?{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal(400, (int)problem["status"]!);
        Assert.Equal("Invalid query parameter", (string)problem["title"]!);
        Assert.Equal(parameter, (string)problem["parameter"]!);
        Assert.StartsWith(parameter + ": ", (string)problem["detail"]!);
    }

    [Fact]
    public async Task A_cursor_of_another_query_is_refused_as_the_cursor()
    {
        var client = factory.CreateClient();
        var first = JsonNode.Parse(await client.GetStringAsync("/api/accounts/acme/conversations?pageSize=5"))!;
        var cursor = Uri.EscapeDataString((string)first["next-cursor"]!);
        var ok = await client.GetAsync($"/api/accounts/acme/conversations?pageSize=5&cursor={cursor}");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var other = await client.GetAsync($"/api/accounts/acme/conversations?pageSize=5&sort=started&cursor={cursor}");
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Equal("cursor", (string)JsonNode.Parse(await other.Content.ReadAsStringAsync())!["parameter"]!);
    }

    [Theory]
    [InlineData("/api/accounts/initech")]
    [InlineData("/api/accounts/initech/report")]
    [InlineData("/api/accounts/initech/kpis")]
    [InlineData("/api/accounts/initech/days")]
    [InlineData("/api/accounts/initech/values-report")]
    [InlineData("/api/accounts/initech/skill-values-report")]
    [InlineData("/api/accounts/initech/conversations")]
    [InlineData("/api/accounts/initech/conversations/conv-00001")]
    [InlineData("/api/accounts/acme/conversations/no-such-conversation")]
    [InlineData("/api/accounts/globex/conversations/conv-00001")]
    public async Task An_unknown_account_or_conversation_is_a_404_problem(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, (int)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!);
    }
}
