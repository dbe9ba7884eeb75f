using System.Net;
using System.Text.Json.Nodes;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using NodaTime;

namespace CustomerAgent.Web.Tests;

/// <summary>
/// Issue 17, the source's index (<see cref="CustomerAgent.Bulk.DashboardIndex"/>): paging by cursor through the API to the
/// end gives the whole table in the order of the per-conversation path (<see cref="ConversationQuery.Query"/> on the
/// aggregates), for every sort column in both directions, with and without filters, as of the account's instant and later.
/// </summary>
public sealed class IndexPagingTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static readonly AccountId Acme = AccountId.From("acme");

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var sort in ConversationSortNames.Names)
        {
            foreach (var order in new[] { "asc", "desc" })
            {
                data.Add(sort, order, string.Empty);
                data.Add(sort, order, "status=open,resolved-by-ai&channel=web-chat");
                data.Add(sort, order, "search=ORDER&period=last_30_days");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task R18_paging_to_the_end_gives_the_whole_table_in_the_per_conversation_order(string sort, string order, string filters)
    {
        var account = Sample.Source.Accounts.Single(a => a.Id == Acme);
        // as of the account's instant, and three days on (statuses move on: R2, D3), each through the same cursors
        foreach (var asOf in new[] { account.AsOf, account.AsOf + Duration.FromDays(3) })
        {
            var at = InstantText.Format(asOf);
            var seen = new List<string>();
            string? cursor = null;
            long matching = -1;
            do
            {
                var path = $"/api/accounts/acme/conversations?sort={sort}&order={order}&pageSize=9&asOf={Uri.EscapeDataString(at)}"
                    + (filters.Length == 0 ? string.Empty : "&" + filters)
                    + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor));
                var response = await factory.CreateClient().GetAsync(path);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {body}");
                var page = JsonNode.Parse(body)!;
                matching = (long)page["matching"]!;
                seen.AddRange(page["rows"]!.AsArray().Select(r => (string)r!["id"]!));
                cursor = (string?)page["next-cursor"];
            }
            while (cursor is not null);

            var expected = Expected(sort, order, filters, asOf);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, seen);
            Assert.Equal(expected.Count, matching);
        }
    }

    /// <summary>The whole table by the per-conversation path on the kept conversations, one page of 100 after another.</summary>
    private static List<string> Expected(string sort, string order, string filters, Instant asOf)
    {
        var log = Sample.Log.Accounts.Single(a => a.AccountId == Acme);
        var conversations = Sample.Log.Conversations.Where(c => c.Header.AccountId == Acme).ToList();
        var settings = Sample.Source.ReportingSettings(Acme, asOf);
        var query = ConversationTableQuery.Create(
            Acme,
            statuses: filters.Contains("status", StringComparison.Ordinal) ? [ConversationStatus.Open, ConversationStatus.ResolvedByAi] : null,
            channel: filters.Contains("channel", StringComparison.Ordinal) ? Channel.WebChat : null,
            period: filters.Contains("period", StringComparison.Ordinal) ? ReportingPeriod.ForPreset(settings, ReportingPreset.Last30Days, asOf) : null,
            search: filters.Contains("search", StringComparison.Ordinal) ? "ORDER" : null,
            sortBy: ConversationSortNames.Parse(sort)!.Value,
            direction: order == "asc" ? SortDirection.Ascending : SortDirection.Descending,
            pageSize: 100);
        var table = new ConversationQuery(new ConversationClassifier(ConversationPolicy.Default));
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = table.Query(conversations, query, asOf, cursor, log.Switches);
            ids.AddRange(page.Rows.Select(r => r.Id.Value));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return ids;
    }
}
