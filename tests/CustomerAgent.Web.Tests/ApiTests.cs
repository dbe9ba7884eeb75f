using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using System.Net;
using System.Text.Json.Nodes;

namespace CustomerAgent.Web.Tests;

/// <summary>Issue 17: every endpoint of the dashboard's API over the bundled sample, and the page's assets.</summary>
public sealed class ApiTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private async Task<JsonNode> Get(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!;
    }

    [Fact]
    public async Task Accounts_lists_each_account_apart_with_its_zone_and_instant()
    {
        var accounts = (await Get("/api/accounts"))["accounts"]!.AsArray();
        Assert.Equal(["acme", "globex"], accounts.Select(a => (string)a!["account"]!));
        Assert.Equal(["Europe/Paris", "America/New_York"], accounts.Select(a => (string)a!["timezone"]!));
        foreach (var (a, log) in accounts.Zip(Sample.Log.Accounts))
        {
            // D1: each account is as of its own latest instant, never another's
            Assert.Equal(InstantText.Format(log.AsOf!.Value), (string)a!["as-of"]!);
            Assert.Equal(log.Conversations.Count, (int)a["conversations"]!);
        }

        var one = await Get("/api/accounts/globex");
        Assert.True(JsonNode.DeepEquals(accounts[1], one));
    }

    [Fact]
    public async Task R18_paging_by_cursor_visits_every_row_once_in_the_tools_order()
    {
        var expected = Sample.Tool("conversations", "--all", "--format", "jsonl", "--account", "acme")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (string)JsonNode.Parse(l)!["id"]!).ToList();
        var seen = new List<string>();
        string? cursor = null;
        long matching = -1;
        do
        {
            var page = await Get("/api/accounts/acme/conversations?pageSize=7" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)));
            matching = (long)page["matching"]!;
            var rows = page["rows"]!.AsArray().Select(r => (string)r!["id"]!).ToList();
            // the vendor's page lists the same rows, and links to the next page by the same cursor
            Assert.Equal(rows, page["page"]!["data"]!.AsArray().Select(r => (string)r!["id"]!));
            seen.AddRange(rows);
            cursor = (string?)page["next-cursor"];
            Assert.Equal(cursor is not null, page["page"]!["links"]!.AsObject().ContainsKey("next"));
        }
        while (cursor is not null);

        Assert.Equal(expected, seen);
        Assert.Equal(expected.Count, matching);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    public static TheoryData<string, string> Sorts()
    {
        var data = new TheoryData<string, string>();
        foreach (var sort in ConversationSortNames.Names)
        {
            data.Add(sort, "asc");
            data.Add(sort, "desc");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task R18_each_sort_column_orders_rows_as_the_tool_does(string sort, string order)
    {
        var api = await Get($"/api/accounts/acme/conversations?sort={sort}&order={order}&pageSize=100&period=last_30_days");
        var tool = JsonNode.Parse(Sample.Tool("conversations", "--account", "acme", "--sort", sort, "--order", order, "--page-size", "100", "--period", "last_30_days", "--format", "json"))!.AsArray();
        var expected = tool[0]!["page"]!;
        Assert.True(JsonNode.DeepEquals(expected, api["page"]), api["page"]!.ToJsonString());
        Assert.Equal((long)tool[0]!["matching"]!, (long)api["matching"]!);
        Assert.Equal(sort, (string)api["sort"]!);
    }

    [Theory]
    [InlineData("search=order", new[] { "--search", "order" })]
    [InlineData("search=RETURN&channel=web-chat", new[] { "--search", "RETURN", "--channel", "web-chat" })]
    [InlineData("status=routed-to-team,closed", new[] { "--status", "routed-to-team,closed" })]
    [InlineData("channel=sms&status=open", new[] { "--channel", "sms", "--status", "open" })]
    [InlineData("tag=returns", new[] { "--tag", "returns" })]
    [InlineData("period=2026-10-25..2026-10-25&sort=messages", new[] { "--period", "2026-10-25..2026-10-25", "--sort", "messages" })]
    public async Task R18_R19_filters_and_search_find_the_tools_rows(string query, string[] tool)
    {
        var api = await Get($"/api/accounts/acme/conversations?pageSize=100&{query}");
        var expected = JsonNode.Parse(Sample.Tool(["conversations", "--account", "acme", "--page-size", "100", "--format", "json", .. tool]))!.AsArray()[0]!;
        Assert.True(JsonNode.DeepEquals(expected["page"], api["page"]), api["page"]!.ToJsonString());
        Assert.Equal((long)expected["matching"]!, (long)api["matching"]!);
        Assert.NotEqual(0, (long)api["matching"]!);
        var rows = api["rows"]!.AsArray();
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty((string?)r!["first-question"])));
    }

    [Fact]
    public async Task R18_a_thread_has_every_message_skill_product_card_handoff_and_close()
    {
        var log = Sample.Log.Conversations.Where(c => c.Header.AccountId.Value == "acme");
        var handedOff = log.First(c => c.History.OfType<Conversations.HandoffTriggered>().Any());
        var withProducts = log.First(c => c.History.OfType<Conversations.AgentMessageSent>().Any(m => m.HasProducts) && c.ExplicitClose is not null);
        foreach (var conversation in new[] { handedOff, withProducts })
        {
            var id = conversation.Id.Value;
            var thread = await Get($"/api/accounts/acme/conversations/{Uri.EscapeDataString(id)}");
            var expected = JsonNode.Parse(Sample.Tool("conversation", id, "--account", "acme", "--format", "json"))!;
            Assert.True(JsonNode.DeepEquals(expected, thread["messages"]), thread["messages"]!.ToJsonString());
            Assert.Equal(id, (string)thread["conversation"]!["id"]!);
            Assert.Equal(conversation.MessageCount, (int)thread["conversation"]!["messages"]!);
            var timeline = thread["timeline"]!.AsArray();
            Assert.Equal(conversation.History.Count, timeline.Count);
            Assert.Equal(conversation.SkillsUsed, thread["skills"]!.AsArray().Select(s => (string)s!));
            Assert.Equal("shopper-message", (string)timeline[0]!["type"]!);
            Assert.Equal(conversation.FirstQuestion, (string)timeline[0]!["text"]!);
            if (conversation.Handoff is not null)
            {
                Assert.Contains(timeline, a => (string)a!["type"]! == "handoff");
                Assert.Equal("routed-to-team", (string)thread["classification"]!["status"]!);
            }
            else
            {
                Assert.Contains(timeline, a => (string)a!["type"]! == "agent-message" && a["products"]!.AsArray().Count > 0);
                Assert.Contains(timeline, a => (string)a!["type"]! == "close");
                Assert.NotNull((string?)thread["classification"]!["closed-at"]);
            }
        }
    }

    [Fact]
    public async Task The_page_and_its_assets_are_served_from_the_assembly_and_name_nothing_elsewhere()
    {
        var client = factory.CreateClient();
        var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
        var texts = new List<string> { await page.Content.ReadAsStringAsync() };
        foreach (var (asset, type) in new[] { ("dashboard.js", "text/javascript"), ("dashboard.css", "text/css") })
        {
            var response = await client.GetAsync("/assets/" + asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            texts.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.Contains("assets/dashboard.js", texts[0]);
        foreach (var text in texts)
        {
            // the only absolute address is SVG's namespace name, which is never fetched
            var addresses = System.Text.RegularExpressions.Regex.Matches(text, "https?://[^\"'\\s)]+").Select(m => m.Value).Distinct();
            Assert.All(addresses, a => Assert.Equal("http://www.w3.org/2000/svg", a));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/assets/other.js")).StatusCode);
    }
}

/// <summary>Issue 17: a host maps the dashboard under a path of its own.</summary>
public sealed class HostedUnderAPathTests
{
    [Fact]
    public async Task Under_a_group_the_page_redirects_to_its_final_slash_and_the_API_answers_below_it()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapGroup("/dashboard").MapCustomerAgentDashboard(Sample.Source);
        await app.StartAsync();
        try
        {
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.Urls.Single()) };
            var redirect = await client.GetAsync("/dashboard?x=1");
            Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
            Assert.Equal("/dashboard/?x=1", redirect.Headers.Location!.OriginalString);
            var page = await client.GetAsync("/dashboard/");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard/assets/dashboard.js")).StatusCode);
            var accounts = JsonNode.Parse(await client.GetStringAsync("/dashboard/api/accounts"))!["accounts"]!.AsArray();
            Assert.Equal(2, accounts.Count);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/accounts")).StatusCode);
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
