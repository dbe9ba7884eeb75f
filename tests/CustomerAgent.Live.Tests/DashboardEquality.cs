using System.Net;
using System.Text.Json.Nodes;
using CustomerAgent.ActivityLog;
using CustomerAgent.Conversations;
using CustomerAgent.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Text;

namespace CustomerAgent.Live.Tests;

/// <summary>
/// The live dashboard (<c>/dashboard/api/…</c>) against <c>customer-agent report --format json</c> of the same log, for every
/// account, and its threads against the log-backed dashboard of issue 17 (<see cref="ActivityLogDashboardSource"/>) and
/// <c>customer-agent conversation --format json</c>.
/// </summary>
internal static class DashboardEquality
{
    /// <summary>The queries compared: the API's query and the tool's options (the default period and as-of; a period, a grouping, rows and an as-of after the log).</summary>
    private static IEnumerable<(string Query, string[] Tool)> Cases(AccountLog account)
    {
        yield return (string.Empty, []);
        var later = InstantPattern.ExtendedIso.Format(account.AsOf!.Value + Duration.FromDays(3));
        yield return ($"period=last_30_days&groupBy=status&rows=25&asOf={later}", ["--period", "last_30_days", "--group-by", "status", "--rows", "25", "--now", later]);
    }

    /// <summary>Checks every account's report, the accounts list and a few threads; returns how many documents were compared.</summary>
    internal static async Task<int> AssertSameAsToolAsync(HttpClient live, string logPath, int threadsPerAccount = 3)
    {
        var read = ActivityLogReader.ReadFile(logPath, new ActivityLogReaderOptions { KeepConversations = true });
        await using var reference = await ReferenceDashboard.StartAsync(read);
        var compared = 0;
        var accounts = JsonNode.Parse(await live.GetStringAsync("dashboard/api/accounts"))!["accounts"]!.AsArray();
        var expectedAccounts = JsonNode.Parse(await reference.Http.GetStringAsync("api/accounts"))!["accounts"]!.AsArray();
        Assert.Equal(
            expectedAccounts.Select(a => a!.ToJsonString()).Order(StringComparer.Ordinal),
            accounts.Select(a => a!.ToJsonString()).Order(StringComparer.Ordinal));
        compared++;
        foreach (var account in read.Accounts)
        {
            var id = account.AccountId.Value;
            foreach (var (query, tool) in Cases(account))
            {
                var api = JsonNode.Parse(await live.GetStringAsync($"dashboard/api/accounts/{Uri.EscapeDataString(id)}/report?{query}"))!;
                var expected = Assert.Single(JsonNode.Parse(Tool(["report", "--format", "json", "--account", id, "--log", logPath, .. tool]))!.AsArray())!;
                Assert.True(JsonNode.DeepEquals(expected, api), $"{id} ?{query}\nlive:\n{api.ToJsonString()}\ntool:\n{expected.ToJsonString()}");
                compared++;
            }

            foreach (var conversation in read.Conversations.Where(c => c.Header.AccountId == account.AccountId && c.IsCountedInMetrics).Take(threadsPerAccount))
            {
                var path = $"api/accounts/{Uri.EscapeDataString(id)}/conversations/{Uri.EscapeDataString(conversation.Id.Value)}";
                var thread = JsonNode.Parse(await live.GetStringAsync("dashboard/" + path))!;
                var expected = JsonNode.Parse(await reference.Http.GetStringAsync(path))!;
                Assert.True(JsonNode.DeepEquals(expected, thread), $"live:\n{thread.ToJsonString()}\nlog-backed:\n{expected.ToJsonString()}");
                var messages = JsonNode.Parse(Tool("conversation", conversation.Id.Value, "--account", id, "--format", "json", "--log", logPath))!;
                Assert.True(JsonNode.DeepEquals(messages, thread["messages"]), thread["messages"]!.ToJsonString());
                compared++;
            }
        }

        using var unknown = await live.GetAsync("dashboard/api/accounts/no-such-account/report");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        return compared;
    }

    private static string Tool(params string[] args)
    {
        var (code, stdout, stderr) = ReplayTests.Cli(args);
        Assert.True(code == 0, $"customer-agent {string.Join(' ', args)} exited {code}: {stderr}");
        return stdout;
    }

    /// <summary>The log-backed dashboard of issue 17 on a free loopback port: what the live one must answer.</summary>
    private sealed class ReferenceDashboard(WebApplication app, HttpClient http) : IAsyncDisposable
    {
        public HttpClient Http { get; } = http;

        public static async Task<ReferenceDashboard> StartAsync(ActivityLogResult read)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
            var app = builder.Build();
            app.MapCustomerAgentDashboard(new ActivityLogDashboardSource(read, ConversationPolicy.Default));
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new ReferenceDashboard(app, new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/") });
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
