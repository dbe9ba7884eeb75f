using CustomerAgent.Live.Hosting;
using NodaTime;
using NodaTime.Testing;
using Xunit.Abstractions;

namespace CustomerAgent.Live.Tests;

/// <summary>
/// Issue 18's dashboard on one in-memory silo: after the bundled sample is replayed through ingestion, the live dashboard API
/// answers every account's report exactly as <c>customer-agent report --format json</c> of the same log (same period, same
/// as-of: R13–R15, R18), and a thread as the log-backed dashboard of issue 17; the API key rule covers it.
/// </summary>
public sealed class DashboardTests(ITestOutputHelper output)
{
    private static readonly Instant Early = Instant.FromUtc(2000, 1, 1, 0, 0);

    [Fact]
    public async Task R15_the_live_dashboard_of_the_replayed_sample_equals_the_tools_report()
    {
        await using var service = await LiveService.StartAsync(clock: new FakeClock(Early), sink: new RecordingSink());
        var replay = ReplayTests.Cli("replay", "--log", Logs.SamplePath, "--url", service.Http.BaseAddress!.ToString(), "--batch", "300");
        Assert.True(replay.Code is 0 or 1, replay.Err);

        var compared = await DashboardEquality.AssertSameAsToolAsync(service.Http, Logs.SamplePath);
        output.WriteLine($"{compared} documents equal");

        // the same lines again (a retried replay) change nothing
        var again = ReplayTests.Cli("replay", "--log", Logs.SamplePath, "--url", service.Http.BaseAddress!.ToString(), "--batch", "700");
        Assert.True(again.Code is 0 or 1, again.Err);
        await DashboardEquality.AssertSameAsToolAsync(service.Http, Logs.SamplePath, threadsPerAccount: 1);
    }

    [Fact]
    public async Task The_dashboard_follows_ingestion_and_knows_no_account_before_its_first_line()
    {
        await using var service = await LiveService.StartAsync(clock: new FakeClock(Early), sink: new RecordingSink());
        var accounts = await service.Http.GetStringAsync("dashboard/api/accounts");
        Assert.Equal("{\"accounts\":[]}", accounts.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal));

        var lines = (await File.ReadAllTextAsync(Logs.SamplePath)).Split('\n');
        var first = await service.IngestAsync("part-1", string.Join('\n', lines.Take(lines.Length / 2)) + "\n");
        Assert.True(first.Accepted > 0);
        var half = System.Text.Json.Nodes.JsonNode.Parse(await service.Http.GetStringAsync("dashboard/api/accounts"))!["accounts"]!.AsArray();
        Assert.NotEmpty(half);
        var before = half.Sum(a => (long)a!["conversations"]!);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/activity") { Content = new StringContent(string.Join('\n', lines.Skip(lines.Length / 2))) };
        request.Headers.Add(LiveHost.IdempotencyKeyHeader, "part-2");
        request.Headers.Add(LiveHost.FirstLineHeader, (lines.Length / 2 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await service.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var all = System.Text.Json.Nodes.JsonNode.Parse(await service.Http.GetStringAsync("dashboard/api/accounts"))!["accounts"]!.AsArray();
        Assert.True(all.Sum(a => (long)a!["conversations"]!) > before);
        await DashboardEquality.AssertSameAsToolAsync(service.Http, Logs.SamplePath, threadsPerAccount: 1);
    }

    [Fact]
    public async Task The_dashboard_needs_the_api_key_like_every_endpoint()
    {
        await using var service = await LiveService.StartAsync(new Dictionary<string, string> { ["Live:ApiKey"] = "s3cret" }, clock: new FakeClock(Early), sink: new RecordingSink());
        using var anonymous = new HttpClient { BaseAddress = service.Http.BaseAddress };
        foreach (var path in new[] { "dashboard/", "dashboard/api/accounts", "dashboard/api/accounts/acme/report" })
        {
            using var refused = await anonymous.GetAsync(path);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var keyed = new HttpClient { BaseAddress = service.Http.BaseAddress };
        keyed.DefaultRequestHeaders.Add(LiveHost.ApiKeyHeader, "s3cret");
        using var page = await keyed.GetAsync("dashboard/");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
