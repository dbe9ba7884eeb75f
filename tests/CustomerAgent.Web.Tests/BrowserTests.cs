using System.Globalization;
using System.Text.Json.Nodes;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace CustomerAgent.Web.Tests;

/// <summary>
/// Issue 17: the page in a real headless Chromium against <c>customer-agent serve</c>'s app over the bundled sample: the tiles
/// against the API, the grouping and the periods (a 25-hour day marked), the search, the sorts, keyset paging to the end, a
/// thread opened with the keyboard, the account picker, labels, a phone's width; screenshots in the test output's screenshots/.
/// </summary>
public sealed class BrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private IWebDriver Driver => browser.Driver;

    private JsonNode Api(string path)
    {
        using var client = new HttpClient { BaseAddress = browser.Address };
        return JsonNode.Parse(client.GetStringAsync("api/" + path).GetAwaiter().GetResult())!;
    }

    private IWebElement Id(string id) => Driver.FindElement(By.Id(id));

    private string? Data(string id, string name) => Id(id).GetAttribute("data-" + name);

    /// <summary>Does something that makes the page load, and waits until it shows the answer.</summary>
    private void AndWait(Action action)
    {
        var before = browser.Ready;
        action();
        browser.Settle(before);
    }

    private void AssertTiles(JsonNode kpis)
    {
        Assert.Equal((long)kpis["volume"]!, long.Parse(Data("kpi-volume", "value")!, CultureInfo.InvariantCulture));
        foreach (var (tile, count, rate) in new[] { ("kpi-resolved", "resolved-by-ai", "resolved-by-ai-rate"), ("kpi-routed", "routed-to-team", "routed-to-team-rate") })
        {
            Assert.Equal((long)kpis[count]!, long.Parse(Data(tile, "count")!, CultureInfo.InvariantCulture));
            if (kpis[rate] is null)
            {
                // R15: no conversation, no rate: the tile says so instead of 0 %
                Assert.Equal(string.Empty, Data(tile, "rate"));
                Assert.Equal("No conversations", Id(tile).Text);
            }
            else
            {
                Assert.Equal((double)kpis[rate]!, double.Parse(Data(tile, "rate")!, CultureInfo.InvariantCulture), 12);
                Assert.EndsWith("%", Id(tile).Text);
            }
        }

        var sales = Driver.FindElements(By.CssSelector("#kpi-sales li[data-currency]"))
            .Select(li => (li.GetAttribute("data-currency"), decimal.Parse(li.GetAttribute("data-amount")!, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(kpis["ai-generated-sales"]!.AsArray().Select(m => ((string?)m!["currency"], (decimal)m["amount"]!)), sales);
    }

    /// <summary>The chart's bars: per day its total and the counts of its segments.</summary>
    private List<(string Date, long Total, Dictionary<string, long> Segments, int Hours)> Bars() =>
        Driver.FindElements(By.CssSelector("#chart svg g[data-date]")).Select(g => (
            g.GetAttribute("data-date")!,
            long.Parse(g.GetAttribute("data-total")!, CultureInfo.InvariantCulture),
            g.FindElements(By.CssSelector("rect[data-key]")).ToDictionary(r => r.GetAttribute("data-key")!, r => long.Parse(r.GetAttribute("data-count")!, CultureInfo.InvariantCulture)),
            int.Parse(g.GetAttribute("data-hours")!, CultureInfo.InvariantCulture))).ToList();

    private void AssertChart(JsonNode days, string groupBy)
    {
        var bars = Bars();
        var expected = days.AsArray();
        Assert.Equal(expected.Select(d => (string)d!["date"]!), bars.Select(b => b.Date));
        foreach (var (day, bar) in expected.Zip(bars))
        {
            Assert.Equal((long)day!["total"]!, bar.Total);
            Assert.Equal((int)day["hours"]!, bar.Hours);
            var segments = day["by-" + groupBy]!.AsObject().Where(kv => (long)kv.Value! > 0).ToDictionary(kv => kv.Key, kv => (long)kv.Value!);
            Assert.Equal(segments, bar.Segments);
        }
    }

    [Fact]
    public void The_tiles_chart_and_skills_show_the_APIs_numbers()
    {
        browser.Open();
        var report = Api("accounts/acme/report?rows=0");
        AssertTiles(report["kpis"]!);
        AssertChart(report["days"]!, "channel");
        var skills = Driver.FindElements(By.CssSelector("#skills rect[data-skill]")).ToDictionary(r => r.GetAttribute("data-skill")!, r => long.Parse(r.GetAttribute("data-volume")!, CultureInfo.InvariantCulture));
        var expected = report["skill-values-report"]!["data"]!["attributes"]!["results"]!.AsArray()
            .Where(r => (long)r!["statistics"]!["volume"]! > 0).ToDictionary(r => (string)r!["groupings"]!["skill"]!, r => (long)r!["statistics"]!["volume"]!);
        Assert.Equal(expected, skills);
        Assert.NotEmpty(skills);
        Assert.Contains("Europe/Paris", Id("zone").Text);
        browser.Screenshot("dashboard.png");
    }

    [Fact]
    public void Switching_the_grouping_and_the_period_redraws_from_the_API_and_marks_a_25_hour_day()
    {
        browser.Open();
        AndWait(() => Driver.FindElement(By.CssSelector("input[name='group-by'][value='status']")).Click());
        AssertChart(Api("accounts/acme/days?groupBy=status")["days"]!, "status");
        var legend = Driver.FindElements(By.CssSelector("#legend li")).Select(li => li.Text).ToList();
        Assert.Subset(new HashSet<string> { "Open", "Resolved by AI", "Routed to team", "Closed" }, legend.ToHashSet());
        Assert.NotEmpty(legend);

        AndWait(() => Driver.FindElement(By.CssSelector("#period option[value='last_30_days']")).Click());
        AssertTiles(Api("accounts/acme/kpis?period=last_30_days")["kpis"]!);
        AssertChart(Api("accounts/acme/days?period=last_30_days&groupBy=status")["days"]!, "status");

        // custom dates in the account's zone across the end of Paris summer time (2026-10-25 has 25 hours)
        Driver.FindElement(By.CssSelector("#period option[value='custom']")).Click();
        Assert.True(Id("custom").Displayed);
        ((IJavaScriptExecutor)Driver).ExecuteScript("document.getElementById('from').value = '2026-10-22'; document.getElementById('to').value = '2026-10-27';");
        AndWait(() => Id("apply").Click());
        AssertTiles(Api("accounts/acme/kpis?period=2026-10-22..2026-10-27")["kpis"]!);
        var days = Api("accounts/acme/days?period=2026-10-22..2026-10-27&groupBy=status")["days"]!;
        AssertChart(days, "status");
        var marked = Driver.FindElements(By.CssSelector("#chart g.dst-day")).Select(g => (g.GetAttribute("data-date"), g.GetAttribute("data-hours"))).ToList();
        Assert.Equal([("2026-10-25", "25")], marked);
        Assert.Contains("25 hours (2026-10-25)", Id("chart-note").Text);
        browser.Screenshot("custom-period-by-status.png");

        AndWait(() => Driver.FindElement(By.CssSelector("input[name='group-by'][value='tag']")).Click());
        AssertChart(Api("accounts/acme/days?period=2026-10-22..2026-10-27&groupBy=tag")["days"]!, "tag");
    }

    [Fact]
    public void The_account_picker_shows_each_account_apart_in_its_own_zone()
    {
        browser.Open();
        Assert.Equal(["acme", "globex"], Driver.FindElements(By.CssSelector("#account option")).Select(o => o.Text));
        AndWait(() => Driver.FindElement(By.CssSelector("#account option[value='globex']")).Click());
        Assert.Contains("America/New_York", Id("zone").Text);
        AssertTiles(Api("accounts/globex/kpis")["kpis"]!);
        AssertChart(Api("accounts/globex/days")["days"]!, "channel");
        var first = Driver.FindElement(By.CssSelector("#table tbody tr[data-id]")).GetAttribute("data-id");
        Assert.Equal((string?)Api("accounts/globex/conversations?period=last_7_days&pageSize=20")["rows"]![0]!["id"], first);
    }

    [Fact]
    public void Search_sort_by_each_column_and_page_to_the_end()
    {
        browser.Open();
        AndWait(() => Driver.FindElement(By.CssSelector("#period option[value='last_90_days']")).Click());
        var search = Id("search");
        search.SendKeys("return");
        AndWait(() => search.SendKeys(Keys.Enter));
        var found = Api("accounts/acme/conversations?period=last_90_days&search=return&pageSize=20");
        Assert.Equal((string?)found["matching"]!.ToJsonString(), Data("page-status", "matching"));
        Assert.Equal(found["rows"]!.AsArray().Select(r => (string)r!["id"]!), RowIds());
        Assert.All(Driver.FindElements(By.CssSelector("#table tbody tr td:nth-child(2)")), td => Assert.False(string.IsNullOrEmpty(td.Text)));

        // every sortable column, both directions, as the API sorts
        foreach (var th in Driver.FindElements(By.CssSelector("#table th[data-sort]")).Select(t => t.GetAttribute("data-sort")!).ToList())
        {
            foreach (var order in new[] { "desc", "asc" })
            {
                var header = Driver.FindElement(By.CssSelector($"#table th[data-sort='{th}']"));
                AndWait(() => header.FindElement(By.TagName("button")).Click());
                Assert.Equal(order == "asc" ? "ascending" : "descending", Driver.FindElement(By.CssSelector($"#table th[data-sort='{th}']")).GetAttribute("aria-sort"));
                var expected = Api($"accounts/acme/conversations?period=last_90_days&search=return&pageSize=20&sort={th}&order={order}");
                Assert.Equal(expected["rows"]!.AsArray().Select(r => (string)r!["id"]!), RowIds());
            }
        }

        // no search: page to the end by the cursors; every matching row once, in the API's order
        ((IJavaScriptExecutor)Driver).ExecuteScript("document.getElementById('search').value = '';");
        AndWait(() => Id("search-button").Click());
        var all = new List<string>(RowIds());
        var pages = 1;
        while (Id("next-page").Enabled)
        {
            AndWait(() => Id("next-page").Click());
            all.AddRange(RowIds());
            pages++;
        }

        var matching = long.Parse(Data("page-status", "matching")!, CultureInfo.InvariantCulture);
        Assert.True(pages > 2, $"{pages} pages");
        Assert.Equal(matching, all.Count);
        Assert.Equal(all.Count, all.Distinct().Count());
        var expectedAll = new List<string>();
        string? cursor = null;
        do
        {
            var page = Api("accounts/acme/conversations?period=last_90_days&pageSize=20&sort=last-updated&order=asc" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)));
            expectedAll.AddRange(page["rows"]!.AsArray().Select(r => (string)r!["id"]!));
            cursor = (string?)page["next-cursor"];
        }
        while (cursor is not null);
        Assert.Equal(expectedAll, all);
        browser.Screenshot("last-page.png");
        AndWait(() => Id("prev-page").Click());
        Assert.Equal((pages - 1).ToString(CultureInfo.InvariantCulture), Data("page-status", "page"));
    }

    [Fact]
    public void A_row_opens_the_whole_thread_with_the_keyboard_and_closes_with_Escape()
    {
        browser.Open();
        AndWait(() => Driver.FindElement(By.CssSelector("#period option[value='last_30_days']")).Click());
        var log = Sample.Log.Conversations.Where(c => c.Header.AccountId.Value == "acme").ToList();
        var rows = RowIds();
        var id = rows.First(r => log.Single(c => c.Id.Value == r).History.OfType<Conversations.AgentMessageSent>().Any(m => m.HasProducts));
        var opener = Driver.FindElement(By.CssSelector($"#table tbody tr[data-id='{id}'] button.open-thread"));
        opener.SendKeys(Keys.Enter);
        var wait = new WebDriverWait(Driver, TimeSpan.FromSeconds(10));
        wait.Until(d => d.FindElement(By.Id("thread")).GetAttribute("open") is not null);
        var thread = Api($"accounts/acme/conversations/{Uri.EscapeDataString(id)}");
        Assert.Equal($"Conversation {id}", Id("thread-title").Text);
        var items = Driver.FindElements(By.CssSelector("#thread-timeline > li"));
        Assert.Equal(thread["timeline"]!.AsArray().Count, items.Count);
        Assert.Equal(thread["conversation"]!["messages"]!.GetValue<int>(), Driver.FindElements(By.CssSelector("#thread-timeline > li.shopper-message, #thread-timeline > li.agent-message")).Count);
        Assert.NotEmpty(Driver.FindElements(By.CssSelector("#thread-timeline .product")));
        Assert.Contains((string)thread["timeline"]![0]!["text"]!, items[0].Text);
        var facts = Id("thread-facts").Text;
        foreach (var skill in thread["skills"]!.AsArray())
        {
            Assert.Contains((string)skill!, facts);
        }

        Assert.Equal(Id("thread-close"), Driver.SwitchTo().ActiveElement());
        browser.Screenshot("thread.png");
        Driver.SwitchTo().ActiveElement().SendKeys(Keys.Escape);
        wait.Until(d => d.FindElement(By.Id("thread")).GetAttribute("open") is null);
        Assert.Equal(id, Driver.SwitchTo().ActiveElement().FindElement(By.XPath("./ancestor::tr")).GetAttribute("data-id"));
    }

    [Fact]
    public void Every_control_has_a_name_for_screen_readers_and_the_charts_are_described()
    {
        browser.Open();
        var unnamed = ((IJavaScriptExecutor)Driver).ExecuteScript("""
            return [...document.querySelectorAll('button, select, input, output')]
              .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby') && !e.textContent.trim())
              .map(e => e.outerHTML);
            """) as IReadOnlyCollection<object>;
        Assert.Empty(unnamed!);
        foreach (var chart in Driver.FindElements(By.CssSelector(".chart svg")))
        {
            Assert.Equal("img", chart.GetAttribute("role"));
            Assert.False(string.IsNullOrWhiteSpace(chart.FindElement(By.TagName("title")).GetAttribute("textContent")));
        }

        Assert.NotNull(Driver.FindElement(By.CssSelector("table th[aria-sort]")));
        Assert.Equal("polite", Id("status").GetAttribute("aria-live"));
    }

    [Fact]
    public void At_a_phones_width_the_page_does_not_scroll_sideways()
    {
        browser.Open(390, 844);
        try
        {
            var (scroll, width) = (Convert.ToInt64(((IJavaScriptExecutor)Driver).ExecuteScript("return document.documentElement.scrollWidth"), CultureInfo.InvariantCulture), Convert.ToInt64(((IJavaScriptExecutor)Driver).ExecuteScript("return document.documentElement.clientWidth"), CultureInfo.InvariantCulture));
            Assert.True(scroll <= width, $"the page is {scroll} px wide in a {width} px window");
            Assert.True(Id("kpi-volume").Displayed);
            AssertTiles(Api("accounts/acme/kpis")["kpis"]!);
            browser.Screenshot("dashboard-phone.png");
        }
        finally
        {
            Driver.Manage().Window.Size = new System.Drawing.Size(1280, 1900);
        }
    }

    private List<string> RowIds() =>
        Driver.FindElements(By.CssSelector("#table tbody tr[data-id]")).Select(r => r.GetAttribute("data-id")!).ToList();
}
