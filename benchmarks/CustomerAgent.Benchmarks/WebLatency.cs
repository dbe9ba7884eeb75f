using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CustomerAgent.ActivityLog;
using CustomerAgent.Conversations;
using CustomerAgent.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace CustomerAgent.Benchmarks;

/// <summary>
/// <c>web-latency FILE [RUNS]</c> (issue #17's target): reads FILE once as <c>customer-agent serve</c> does (with the
/// conversations' texts), builds the log-backed source (each account indexed once), starts the dashboard on Kestrel on a free
/// loopback port, then calls every endpoint of docs/web.md through HTTP on the largest account RUNS times (default 5), each
/// time with a new <c>asOf</c> after the account's latest instant (so no answer is remembered), after one untimed warm-up
/// call each. Prints the read and index times, then per endpoint the median and the maximum in milliseconds (the whole
/// round trip: request, answer, body read). A call that does not answer 200 stops the run.
/// </summary>
internal static class WebLatency
{
    internal static int Run(string[] args)
    {
        var file = args[1];
        var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;

        var clock = Stopwatch.StartNew();
        var log = ActivityLogReader.ReadFile(file, new ActivityLogReaderOptions { KeepConversations = true });
        var read = clock.Elapsed;
        clock.Restart();
        var source = new ActivityLogDashboardSource(log, ConversationPolicy.Default);
        var index = clock.Elapsed;
        // as customer-agent serve does before its first request
        CustomerAgent.Cli.ServeCommand.CollectAfterLoad();
        Console.WriteLine(FormattableString.Invariant($"{file}: {log.ConversationCount} conversations; read {read.TotalSeconds:F1} s, index {index.TotalSeconds:F1} s, then a full collection; load {File.ReadAllText("/proc/loadavg").Trim()}"));

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        using var app = builder.Build();
        app.MapCustomerAgentDashboard(source);
        app.Start();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        var account = source.Accounts.MaxBy(a => a.ConversationCount)!;
        var a = "/api/accounts/" + Uri.EscapeDataString(account.Id.Value);
        Console.WriteLine(FormattableString.Invariant($"account {account.Id} ({account.ConversationCount} conversations), {runs} runs per endpoint, {address}"));

        // what the table's filters and the thread need: a tag, a word of the texts and a conversation, from the API itself
        var first = Get(http, $"{a}/conversations?pageSize=100&asOf={Uri.EscapeDataString(InstantText.Format(account.AsOf))}");
        var rows = first["rows"]!.AsArray();
        var tag = rows.SelectMany(r => r!["tags"]!.AsArray()).Select(t => (string)t!).FirstOrDefault() ?? "returns";
        var thread = (string)rows[0]!["id"]!;
        var word = ((string)rows[0]!["first-question"]!).Split(' ', StringSplitOptions.RemoveEmptyEntries).OrderByDescending(w => w.Length).First();

        var endpoints = new List<(string Name, Func<string, string> Path, int Depth)>
        {
            ("accounts", _ => "/api/accounts", 0),
            ("account", _ => a, 0),
            ("report", at => $"{a}/report?asOf={at}", 0),
            ("report last_30_days by tag", at => $"{a}/report?asOf={at}&period=last_30_days&groupBy=tag", 0),
            ("kpis", at => $"{a}/kpis?asOf={at}", 0),
            ("days", at => $"{a}/days?asOf={at}", 0),
            ("days by tag", at => $"{a}/days?asOf={at}&groupBy=tag", 0),
            ("values-report", at => $"{a}/values-report?asOf={at}", 0),
            ("values-report by status", at => $"{a}/values-report?asOf={at}&groupBy=status", 0),
            ("skill-values-report", at => $"{a}/skill-values-report?asOf={at}", 0),
            ("conversations", at => $"{a}/conversations?asOf={at}", 0),
            ("conversations page 21 (cursor)", at => $"{a}/conversations?asOf={at}&pageSize=100", 20),
        };
        foreach (var sort in ConversationSortNames.Names)
        {
            foreach (var order in new[] { "asc", "desc" })
            {
                endpoints.Add(($"sort {sort} {order}", at => $"{a}/conversations?asOf={at}&sort={sort}&order={order}", 0));
            }
        }

        endpoints.Add(("sort status asc, page 21 (cursor)", at => $"{a}/conversations?asOf={at}&sort=status&order=asc&pageSize=100", 20));
        endpoints.Add(("status=open,routed-to-team", at => $"{a}/conversations?asOf={at}&status=open,routed-to-team", 0));
        endpoints.Add(("channel=sms", at => $"{a}/conversations?asOf={at}&channel=sms", 0));
        endpoints.Add(($"tag={tag}", at => $"{a}/conversations?asOf={at}&tag={Uri.EscapeDataString(tag)}", 0));
        endpoints.Add(($"search={word}", at => $"{a}/conversations?asOf={at}&search={Uri.EscapeDataString(word)}", 0));
        endpoints.Add(("search=zzzz (no match)", at => $"{a}/conversations?asOf={at}&search=zzzz", 0));
        endpoints.Add(("search + status + sort profile", at => $"{a}/conversations?asOf={at}&search={Uri.EscapeDataString(word)}&status=closed,resolved-by-ai&sort=profile", 0));
        endpoints.Add(("thread", at => $"{a}/conversations/{Uri.EscapeDataString(thread)}?asOf={at}", 0));

        var step = 0;
        string NextAsOf() => Uri.EscapeDataString(InstantText.Format(account.AsOf + Duration.FromSeconds(++step) + Duration.FromNanoseconds(step)));
        Console.WriteLine(FormattableString.Invariant($"{"endpoint",-40} {"median ms",10} {"max ms",10}"));
        foreach (var (name, path, depth) in endpoints)
        {
            var samples = new double[runs];
            for (var run = -1; run < runs; run++)
            {
                // the cursor of a deep page is bound to its instant: the pages before it are walked, untimed, with the same asOf
                var target = path(NextAsOf());
                for (var page = 0; page < depth; page++)
                {
                    var cursor = (string?)Get(http, target)["next-cursor"] ?? throw new InvalidOperationException($"{name}: the table ends before page {depth + 1}");
                    target = string.Concat(target.AsSpan(0, target.IndexOf("&cursor=", StringComparison.Ordinal) is var c and >= 0 ? c : target.Length), "&cursor=", Uri.EscapeDataString(cursor));
                }

                var start = Stopwatch.GetTimestamp();
                Get(http, target);
                if (run >= 0)
                {
                    samples[run] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }
            }

            Array.Sort(samples);
            Console.WriteLine(FormattableString.Invariant($"{name,-40} {samples[runs / 2],10:F1} {samples[^1],10:F1}"));
        }

        app.StopAsync().GetAwaiter().GetResult();
        return 0;
    }

    private static JsonNode Get(HttpClient http, string path)
    {
        using var response = http.GetAsync(path).GetAwaiter().GetResult();
        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {body}");
        }

        return JsonNode.Parse(body)!;
    }
}
