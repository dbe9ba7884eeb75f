using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using CustomerAgent.ActivityLog;
using CustomerAgent.Live.Grains;
using CustomerAgent.Live.Ingestion;
using NodaTime;
using NodaTime.Text;

namespace CustomerAgent.Live.Tests;

/// <summary>
/// One silo of a cluster as its own OS process: <c>dotnet customer-agent-live.dll</c> (the host the tests reference) on free
/// loopback ports, PostgreSQL for membership, state and reminders, a manual clock, the fake Events API as its sink.
/// </summary>
internal sealed class SiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SiloProcess(string name, Process process, Uri address)
    {
        Name = name;
        _process = process;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(120) };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public int ProcessId => _process.Id;

    /// <summary>The last lines the process printed (its warnings and errors), for a failing test's message.</summary>
    public string Output => string.Join('\n', _output);

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue($"[{Name}] {line}");
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }

    public static SiloProcess Start(string name, string connection, string clusterId, Instant clock, FakeEventsApi events)
    {
        var http = LiveService.FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "customer-agent-live.dll"));
        foreach (var arg in new[]
        {
            "--urls", $"http://127.0.0.1:{http}",
            "--Live:Storage=PostgreSql", $"--Live:ConnectionString={connection}", $"--Live:ClusterId={clusterId}",
            $"--Live:SiloPort={LiveService.FreePort()}", $"--Live:GatewayPort={LiveService.FreePort()}",
            $"--Live:Clock={OffsetDateTimePattern.ExtendedIso.Format(clock.WithOffset(Offset.FromHours(2)))}", // any ISO instant text the library reads (IsoInstantText)
            $"--EventsApi:BaseAddress={events.Address}", $"--EventsApi:ApiKey={events.Key}",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Orleans=Error",
        })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_gcServer"] = "0";
        return new SiloProcess(name, Process.Start(start)!, new Uri($"http://127.0.0.1:{http}/"));
    }

    /// <summary>Waits until the silo answers <c>/health</c> (it has joined the cluster).</summary>
    public async Task WaitReadyAsync(TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"silo {Name} exited with code {_process.ExitCode}:\n{Output}");
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
                throw new TimeoutException($"silo {Name} did not answer /health within {limit}:\n{Output}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>SIGKILL: the process ends at once, without leaving the cluster (its membership row stays until the others vote it dead).</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public bool HasExited => _process.HasExited;

    public async Task MoveClockAsync(Instant to)
    {
        // an offset beyond ±18:00 is no instant (IsoInstantText): refused, the clock left where it stands
        using var refused = await Http.PutAsync("v1/clock", new StringContent("2026-10-19T00:00:00+19:00"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        using var response = await Http.PutAsync("v1/clock", new StringContent(OffsetDateTimePattern.ExtendedIso.Format(to.WithOffset(Offset.FromHours(-5)))));
        response.EnsureSuccessStatusCode();
        Assert.True(InstantPattern.ExtendedIso.Parse(System.Text.Json.JsonSerializer.Deserialize<string>(await response.Content.ReadAsStringAsync())!).Value >= Instant.FromUnixTimeTicks(to.ToUnixTimeTicks())); // the manual clock keeps 100 ns ticks
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

/// <summary>Three silos on one new PostgreSQL database and the fake Events API; what the cluster tests share.</summary>
internal sealed class Cluster : IAsyncDisposable
{
    private Cluster(string connection, string clusterId, Instant clock, FakeEventsApi events)
    {
        Connection = connection;
        ClusterId = clusterId;
        Clock = clock;
        Events = events;
    }

    public string Connection { get; }

    public string ClusterId { get; }

    public Instant Clock { get; private set; }

    public FakeEventsApi Events { get; }

    public List<SiloProcess> Silos { get; } = [];

    public string Output => string.Join('\n', Silos.Select(s => s.Output));

    public static async Task<Cluster> StartAsync(Instant clock, int silos = 3)
    {
        // a pool of 40 per silo: four silos (three and a replacement) stay well under the server's 200 connections
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(PostgreSql.NewDatabase()) { MaxPoolSize = 40 }.ConnectionString;
        Hosting.PostgreSqlSchema.EnsureCreated(connection);
        var cluster = new Cluster(connection, "cluster-" + Guid.NewGuid().ToString("N")[..8], clock, await FakeEventsApi.StartAsync());
        for (var i = 0; i < silos; i++)
        {
            cluster.Silos.Add(SiloProcess.Start("silo" + (i + 1), connection, cluster.ClusterId, clock, cluster.Events));
        }

        foreach (var silo in cluster.Silos)
        {
            await silo.WaitReadyAsync(TimeSpan.FromSeconds(90));
        }

        return cluster;
    }

    /// <summary>Starts one more silo (a replacement) on the cluster's database, at the cluster's clock.</summary>
    public async Task<SiloProcess> AddSiloAsync()
    {
        var silo = SiloProcess.Start("silo" + (Silos.Count + 1), Connection, ClusterId, Clock, Events);
        Silos.Add(silo);
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(90));
        return silo;
    }

    public IEnumerable<SiloProcess> Running => Silos.Where(s => !s.HasExited);

    /// <summary>Moves every running silo's clock past every close by inactivity, and ticks every conversation (what their reminders then do).</summary>
    public async Task CloseEverythingAsync(Instant to, IReadOnlyList<ConversationRef> conversations)
    {
        Clock = to;
        foreach (var silo in Running)
        {
            await silo.MoveClockAsync(to);
        }

        var via = Running.First();
        foreach (var chunk in conversations.Chunk(2000))
        {
            for (var attempt = 1; ; attempt++)
            {
                using var response = await via.Http.PostAsJsonAsync("v1/tick", chunk);
                if (response.IsSuccessStatusCode)
                {
                    break;
                }

                Assert.True(attempt < 10, $"tick: {response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{Output}");
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }
    }

    /// <summary>The snapshots of the conversations (over HTTP, through the first running silo).</summary>
    public async Task<List<ConversationSnapshot>> SnapshotsAsync(IEnumerable<ConversationRef> conversations)
    {
        var via = Running.First();
        var result = new List<ConversationSnapshot>();
        foreach (var chunk in conversations.Chunk(64))
        {
            result.AddRange(await Task.WhenAll(chunk.Select(async c =>
                (await via.Http.GetFromJsonAsync<ConversationSnapshot>($"v1/conversations/{Uri.EscapeDataString(c.Account)}/{Uri.EscapeDataString(c.Conversation)}"))!)));
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Silos)
        {
            silo.Dispose();
        }

        await Events.DisposeAsync();
    }
}

/// <summary>What a log should give: its reader's results, its conversations, the conversation lines accepted, and <c>customer-agent events</c> of it.</summary>
internal sealed record Expected(ActivityLogResult Read, IReadOnlyList<ConversationRef> Conversations, long ConversationLinesAccepted, IReadOnlyDictionary<string, string> Events, Instant End)
{
    /// <summary>Reads <paramref name="path"/> and runs <c>customer-agent events --log path --to END</c> (END: ten days after the log, past every close).</summary>
    public static Expected Of(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var read = ActivityLogReader.Read(new MemoryStream(bytes));
        var end = read.LatestInstant!.Value + Duration.FromDays(10);
        var rejected = read.Rejections.Select(r => r.LineNumber).ToHashSet();
        var conversationLines = 0L;
        var number = 0L;
        foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n'))
        {
            number++;
            if (!rejected.Contains(number) && ActivityLogFeed.Address(Encoding.UTF8.GetBytes(line.TrimEnd('\r')), out var address, out _) == LineOutcome.Accepted && address.Conversation is not null)
            {
                conversationLines++;
            }
        }

        var events = ReplayTests.Cli("events", "--log", path, "--to", InstantPattern.ExtendedIso.Format(end));
        Assert.True(events.Code is 0 or 1, events.Err);
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var body in events.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var (id, normalized) = FakeEventsApi.NormalizeCreateEvent(body);
            Assert.True(expected.TryAdd(id, normalized), $"customer-agent events wrote {id} twice");
        }

        var conversations = read.Accounts.SelectMany(a => a.Conversations.Select(c => new ConversationRef(a.AccountId.Value, c.Id.Value))).ToList();
        return new Expected(read, conversations, conversationLines, expected, end);
    }

    /// <summary>The start of the cluster's clock: a day before the log's first instant (no event waits on it during ingestion but the closes by inactivity).</summary>
    public static Instant ClockBefore(ActivityLogResult read) => read.Accounts.Select(a => a.Conversations.Min(c => c.Facts.StartedAt)).Min() - Duration.FromDays(2);

    public static string Format(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
