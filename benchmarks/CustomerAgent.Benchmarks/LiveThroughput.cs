using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using CustomerAgent.ActivityLog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NodaTime;
using NodaTime.Text;

namespace CustomerAgent.Benchmarks;

/// <summary>
/// <c>live-throughput [silos] [conversations] [--memory] [--batch N] [--postgres CONNECTION]</c>: the live service of issue 18
/// measured. Starts N <c>customer-agent-live</c> processes (PostgreSQL from <c>CUSTOMER_AGENT_POSTGRES</c> or
/// <c>--postgres</c>, a new database per run; or one in-memory silo with <c>--memory</c>) and a local stand-in for the Events
/// API that accepts every event and notes when, as the live tests do (the harness is copied here: a benchmark never references
/// a test project); generates a log with <c>customer-agent sample</c>; replays it in requests of <c>--batch</c> lines (default
/// 1,000; round robin over the silos, one after another as <c>customer-agent replay</c> sends them); prints the sustained
/// ingestion rate (activities per second), the latency from a conversation's request to each of its events accepted by the
/// Events API (p50, p99), and PostgreSQL's bytes per conversation (<c>pg_total_relation_size</c> of the grain state and
/// reminder tables over the conversations). The silos' clock stands before the log (<c>Live:Clock</c>), as in the tests, so the
/// events measured are those the lines cause, not the closes by inactivity.
/// </summary>
internal static class LiveThroughput
{
    internal static int Run(string[] args)
    {
        var positional = new List<string>();
        var memory = false;
        var batch = 1000;
        var postgres = Environment.GetEnvironmentVariable("CUSTOMER_AGENT_POSTGRES");
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--memory":
                    memory = true;
                    break;
                case "--batch" when i + 1 < args.Length:
                    batch = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--postgres" when i + 1 < args.Length:
                    postgres = args[++i];
                    break;
                default:
                    positional.Add(args[i]);
                    break;
            }
        }

        var silos = positional.Count > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 1;
        var conversations = positional.Count > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 2000;
        if (memory && silos != 1)
        {
            Console.Error.WriteLine("--memory runs one silo (in-memory state cannot be shared between processes)");
            return 2;
        }

        if (!memory && string.IsNullOrEmpty(postgres))
        {
            Console.Error.WriteLine("no PostgreSQL: set CUSTOMER_AGENT_POSTGRES or pass --postgres CONNECTION (an Npgsql connection string of a role that may create databases), or run one silo with --memory");
            return 2;
        }

        return RunAsync(silos, conversations, memory, batch, postgres).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int siloCount, int conversations, bool memory, int batch, string? postgres)
    {
        var log = Path.Combine(Path.GetTempPath(), $"ca-live-bench-{Guid.NewGuid():N}.jsonl");
        string? database = null;
        var silos = new List<Silo>();
        await using var events = await EventsApi.StartAsync();
        try
        {
            // customer-agent sample (the tool is built next to this program)
            var sample = new ProcessStartInfo("dotnet") { UseShellExecute = false };
            foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "customer-agent.dll"), "sample", "--conversations", conversations.ToString(CultureInfo.InvariantCulture), "--seed", "18", "--out", log })
            {
                sample.ArgumentList.Add(arg);
            }

            using (var generator = Process.Start(sample)!)
            {
                await generator.WaitForExitAsync();
                if (generator.ExitCode != 0)
                {
                    return 2;
                }
            }

            _ = LiveHost;
            var read = ActivityLogReader.ReadFile(log);
            var clock = read.Accounts.SelectMany(a => a.Conversations).Min(c => c.Facts.StartedAt) - Duration.FromDays(2);
            var connection = memory ? null : NewDatabase(postgres!, siloCount, out database);
            Console.WriteLine($"live-throughput: {siloCount} silo(s), {(memory ? "in memory" : "PostgreSQL")}, {conversations:N0} conversations, {read.LineCount:N0} lines, requests of {batch:N0} lines");
            for (var i = 0; i < siloCount; i++)
            {
                // one after another: the first creates the Orleans tables
                var silo = Silo.Start(i + 1, connection, clock, events.Address);
                silos.Add(silo);
                await silo.WaitReadyAsync(TimeSpan.FromSeconds(120));
            }

            var (lines, seconds, sent) = await ReplayAsync(log, silos, batch);
            Console.WriteLine($"ingestion: {lines:N0} activities accepted in {seconds:F1} s = {lines / seconds:N0} activities/s (sustained: first request sent to last answer)");

            // the events the lines cause, until none came for five seconds
            var last = events.Accepted.Count;
            var quiet = Stopwatch.StartNew();
            var limit = Stopwatch.StartNew();
            while (quiet.Elapsed < TimeSpan.FromSeconds(5) && limit.Elapsed < TimeSpan.FromMinutes(10))
            {
                await Task.Delay(250);
                if (events.Accepted.Count != last)
                {
                    last = events.Accepted.Count;
                    quiet.Restart();
                }
            }

            var latencies = new List<double>();
            foreach (var (uniqueId, at) in events.Accepted)
            {
                var conversation = uniqueId[..uniqueId.LastIndexOf(':')];
                if (sent.TryGetValue(conversation, out var starts) && starts.LastOrDefault(s => s <= at) is var start && start > TimeSpan.Zero)
                {
                    latencies.Add((at - start).TotalMilliseconds);
                }
            }

            latencies.Sort();
            Console.WriteLine(latencies.Count == 0
                ? "events: none accepted"
                : $"events: {events.Accepted.Count:N0} accepted ({events.Requests:N0} requests, {events.Duplicates:N0} duplicates); ingest → accepted p50 {Percentile(latencies, 0.50):N0} ms, p99 {Percentile(latencies, 0.99):N0} ms");
            if (connection is not null)
            {
                await using var db = new NpgsqlConnection(connection);
                await db.OpenAsync();
                foreach (var table in new[] { "orleansstorage", "orleansreminderstable" })
                {
                    await using var command = new NpgsqlCommand($"SELECT count(*), pg_total_relation_size('{table}') FROM {table}", db);
                    await using var reader = await command.ExecuteReaderAsync();
                    await reader.ReadAsync();
                    var (rows, bytes) = (reader.GetInt64(0), reader.GetInt64(1));
                    Console.WriteLine($"PostgreSQL {table}: {rows:N0} rows, {bytes:N0} bytes = {(double)bytes / conversations:N0} bytes per conversation");
                }
            }

            return 0;
        }
        finally
        {
            foreach (var silo in silos)
            {
                silo.Dispose();
            }

            File.Delete(log);
            if (database is not null)
            {
                await using var admin = new NpgsqlConnection(postgres);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    /// <summary>Sends the log in requests of <paramref name="batch"/> lines, one after another, round robin over the silos; each failed request again (same key) after a pause.</summary>
    private static async Task<(long Lines, double Seconds, Dictionary<string, List<TimeSpan>> Sent)> ReplayAsync(string log, List<Silo> silos, int batch)
    {
        var all = await File.ReadAllLinesAsync(log);
        var sent = new Dictionary<string, List<TimeSpan>>(StringComparer.Ordinal);
        var accepted = 0L;
        var key = "bench-" + Guid.NewGuid().ToString("N");
        var watch = Watch;
        var first = TimeSpan.Zero;
        for (int start = 0, request = 0; start < all.Length; start += batch, request++)
        {
            var lines = all.Skip(start).Take(batch).ToArray();
            var body = string.Join('\n', lines) + "\n";
            for (var attempt = 1; ; attempt++)
            {
                var silo = silos[(request + attempt - 1) % silos.Count];
                using var message = new HttpRequestMessage(HttpMethod.Post, "v1/activity") { Content = new StringContent(body, Encoding.UTF8) };
                message.Headers.Add("Idempotency-Key", key);
                message.Headers.Add("Idempotency-First-Line", (start + 1).ToString(CultureInfo.InvariantCulture));
                var at = watch.Elapsed;
                if (start == 0 && attempt == 1)
                {
                    first = at;
                }

                try
                {
                    using var response = await silo.Http.SendAsync(message);
                    if (response.IsSuccessStatusCode)
                    {
                        accepted += (long)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["accepted"]!;
                        foreach (var line in lines)
                        {
                            if (ActivityLogFeed.Address(Encoding.UTF8.GetBytes(line), out var address, out _) == LineOutcome.Accepted && address.Conversation is { } conversation)
                            {
                                var id = address.Account + ":" + conversation;
                                if (!sent.TryGetValue(id, out var times))
                                {
                                    sent[id] = times = [];
                                }

                                if (times.Count == 0 || times[^1] != at)
                                {
                                    times.Add(at);
                                }
                            }
                        }

                        break;
                    }

                    Console.Error.WriteLine($"lines from {start + 1}: HTTP {(int)response.StatusCode}; again");
                }
                catch (HttpRequestException ex)
                {
                    Console.Error.WriteLine($"lines from {start + 1}: {ex.Message}; again");
                }

                if (attempt == 30)
                {
                    throw new InvalidOperationException($"the lines from {start + 1} failed 30 times");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }

        return (accepted, (watch.Elapsed - first).TotalSeconds, sent);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>A new database on the server; its connection string (a pool per silo that keeps every silo under the server's limit).</summary>
    private static string NewDatabase(string server, int silos, out string name)
    {
        name = "ca_bench_" + Guid.NewGuid().ToString("N")[..12];
        using (var admin = new NpgsqlConnection(server))
        {
            admin.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = Math.Max(10, 150 / silos) }.ConnectionString;
    }

    /// <summary>The live host's Release build in this repository (<c>dotnet build -c Release src/CustomerAgent.Live</c>).</summary>
    private static string LiveHost
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                var host = Path.Combine(folder.FullName, "src", "CustomerAgent.Live", "bin", "Release", "net10.0", "customer-agent-live.dll");
                if (File.Exists(host))
                {
                    return host;
                }
            }

            throw new FileNotFoundException("customer-agent-live.dll: build it first with dotnet build -c Release src/CustomerAgent.Live");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>One <c>customer-agent-live</c> process on free loopback ports.</summary>
    private sealed class Silo : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _output = new();

        private Silo(Process process, Uri address)
        {
            _process = process;
            Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(120) };
            process.OutputDataReceived += (_, e) => Keep(e.Data);
            process.ErrorDataReceived += (_, e) => Keep(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public HttpClient Http { get; }

        private void Keep(string? line)
        {
            if (line is not null)
            {
                _output.Enqueue(line);
                while (_output.Count > 100 && _output.TryDequeue(out _))
                {
                }
            }
        }

        public static Silo Start(int number, string? connection, Instant clock, Uri events)
        {
            var http = FreePort();
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(LiveHost);
            var settings = new List<string>
            {
                "--urls", $"http://127.0.0.1:{http}",
                $"--Live:SiloPort={FreePort()}", $"--Live:GatewayPort={FreePort()}", "--Live:ClusterId=bench",
                $"--Live:Clock={InstantPattern.ExtendedIso.Format(clock)}",
                $"--EventsApi:BaseAddress={events}", "--EventsApi:ApiKey=bench",
                "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Orleans=Error",
            };
            settings.AddRange(connection is null ? ["--Live:Storage=Memory"] : ["--Live:Storage=PostgreSql", $"--Live:ConnectionString={connection}"]);
            foreach (var arg in settings)
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["DOTNET_gcServer"] = "0";
            Console.WriteLine($"silo {number}: http://127.0.0.1:{http}/");
            return new Silo(Process.Start(start)!, new Uri($"http://127.0.0.1:{http}/"));
        }

        public async Task WaitReadyAsync(TimeSpan limit)
        {
            var until = DateTime.UtcNow + limit;
            while (true)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"the silo exited with code {_process.ExitCode}:\n{string.Join('\n', _output)}");
                }

                try
                {
                    using var response = await Http.GetAsync("health");
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }

                if (DateTime.UtcNow > until)
                {
                    throw new TimeoutException($"the silo did not answer /health within {limit}:\n{string.Join('\n', _output)}");
                }

                await Task.Delay(250);
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }

            _process.Dispose();
            Http.Dispose();
        }
    }

    /// <summary>A stand-in for the Events API: accepts every event (202) and notes, per unique_id, when it was first accepted; no schema check (the tests do that).</summary>
    private sealed class EventsApi : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly Stopwatch _clock;

        private EventsApi(WebApplication app, Stopwatch clock)
        {
            _app = app;
            _clock = clock;
        }

        public Uri Address { get; private set; } = null!;

        public ConcurrentDictionary<string, TimeSpan> Accepted { get; } = new(StringComparer.Ordinal);

        private int _requests;
        private int _duplicates;

        public int Requests => _requests;

        public int Duplicates => _duplicates;

        public static async Task<EventsApi> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var api = new EventsApi(app, Watch);
            app.MapPost("/api/events", api.Handle);
            app.MapPost("/api/event-bulk-create-jobs", api.Handle);
            await app.StartAsync();
            api.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
            return api;
        }

        private async Task Handle(HttpContext context)
        {
            var body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!["data"]!["attributes"]!;
            var now = _clock.Elapsed;
            Interlocked.Increment(ref _requests);
            var ids = body["unique_id"] is { } single
                ? [(string)single!]
                : body["events-bulk-create"]!["data"]!.AsArray().SelectMany(p => p!["attributes"]!["events"]!["data"]!.AsArray()).Select(e => (string)e!["attributes"]!["unique_id"]!);
            foreach (var id in ids)
            {
                if (!Accepted.TryAdd(id, now))
                {
                    Interlocked.Increment(ref _duplicates);
                }
            }

            context.Response.StatusCode = StatusCodes.Status202Accepted;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>The one stopwatch the replay and the Events API stand-in share (the latencies subtract their readings).</summary>
    private static readonly Stopwatch Watch = Stopwatch.StartNew();
}
