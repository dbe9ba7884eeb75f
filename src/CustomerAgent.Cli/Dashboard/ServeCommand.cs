using System.CommandLine;
using CustomerAgent.ActivityLog;
using CustomerAgent.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CustomerAgent.Cli;

/// <summary><c>serve</c>: the overview dashboard as a web page and its JSON API (CustomerAgent.Web) over a log read once; read-only, on loopback by default.</summary>
internal static class ServeCommand
{
    /// <summary>Where the page is served when <c>--urls</c> is not given: loopback only.</summary>
    internal const string DefaultUrls = "http://127.0.0.1:5000";

    internal static Command Build(CliContext io)
    {
        var common = new LogOptions();
        var urls = CliOptions.Once("--urls", $"Where to listen, one or several URLs separated by ';' (default {DefaultUrls}: this machine only; port 0 picks a free port)", ParseUrls, "URL");
        urls.DefaultValueFactory = _ => DefaultUrls;
        var command = new Command("serve", "Serves the overview dashboard of each account as a web page (account picker, periods in the account's zone, KPI tiles, daily chart, skills, the conversations table and its threads) with its JSON API under /api/; the log is read once, nothing is written");
        common.AddTo(command);
        command.Options.Add(urls);
        command.SetAction(parse =>
        {
            // the search, the sorts by a text and the threads need every conversation's texts: the aggregates are kept
            var log = common.Load(parse, io, new ActivityLogReaderOptions { KeepConversations = true }, reread: false);
            var source = new ActivityLogDashboardSource(log.Log, io.Policy, log.Accounts.Select(a => a.AccountId));
            CollectAfterLoad();
            using var app = Start(source, parse.GetRequiredValue(urls));
            io.Out.WriteLine($"customer-agent: serving the dashboard of {log.Accounts.Count} account(s) of {log.Input.Name} (read-only) at:");
            foreach (var address in app.Urls)
            {
                io.Out.WriteLine("  " + (address.EndsWith('/') ? address : address + "/"));
            }

            io.Out.WriteLine("Press Ctrl+C to stop.");
            io.Out.Flush();
            app.WaitForShutdown();
            return log.ExitCode;
        });
        return command;
    }

    /// <summary>
    /// Collects the garbage of reading and indexing the log in one compacting full collection before the first request: the
    /// heap then holds the kept conversations and indexes only, and the first full collection does not fall on a request (on a
    /// 1.5 M-conversation log one call in 170 took over 200 ms without it; docs/performance.md). The benchmark's
    /// <c>web-latency</c> calls it too.
    /// </summary>
    internal static void CollectAfterLoad()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    /// <summary>Starts the dashboard over <paramref name="source"/>, listening on <paramref name="urls"/>; the caller stops and disposes it.</summary>
    internal static WebApplication Start(IDashboardSource source, string urls)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(urls);
        var app = builder.Build();
        app.MapCustomerAgentDashboard(source);
        try
        {
            app.Start();
        }
        catch (IOException ex)
        {
            ((IDisposable)app).Dispose();
            throw new CliException(ExitCodes.Usage, $"cannot listen on {urls}: {ex.Message}");
        }

        return app;
    }

    private static string ParseUrls(string text)
    {
        var parts = text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw new FormatException("--urls needs a URL such as http://127.0.0.1:5000");
        }

        foreach (var part in parts)
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new FormatException($"'{part}' is not an http:// or https:// URL such as http://127.0.0.1:5000");
            }
        }

        return string.Join(';', parts);
    }
}
