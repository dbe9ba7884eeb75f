using System.Diagnostics;
using CustomerAgent.Live.Ingestion;
using Xunit.Abstractions;

namespace CustomerAgent.Live.Tests;

/// <summary>
/// A cluster of three silos, each its own OS process (customer-agent-live), on the throwaway PostgreSQL server of
/// <c>.ci/run</c>: logs replayed through ingestion with <c>customer-agent replay</c> give the reader's results, every line is
/// applied once and every event of <c>customer-agent events</c> of the same log is accepted by the fake Events API (D4: it
/// dedupes on unique_id; duplicates sent are counted and printed) — with the whole cluster up, with a silo killed by SIGKILL
/// during ingestion, and with PostgreSQL restarted during ingestion. docs/scale-out.md describes what these show.
/// </summary>
[Collection(ClusterTestGroup.Name)]
public sealed class ClusterTests
{
    private readonly ITestOutputHelper output;

    public ClusterTests(ITestOutputHelper output)
    {
        this.output = output;
        // the replay (blocking), the fake Events API and the watchers share this process's pool: no starved watcher
        ThreadPool.SetMinThreads(64, 64);
    }

    /// <summary>The generated log's size for the failure tests: the largest that keeps each under about two minutes on the 2-core CI machine (docs/scale-out.md says why not 50,000).</summary>
    internal const int GeneratedConversations = 50_000;

    [PostgreSqlFact]
    public async Task Three_silos_the_sample_replayed_delivers_exactly_the_events_of_the_same_log()
    {
        var expected = Expected.Of(Logs.SamplePath);
        await using var cluster = await Cluster.StartAsync(Expected.ClockBefore(expected.Read));
        var replay = ReplayTests.Cli("replay", "--log", Logs.SamplePath, "--url", cluster.Silos[0].Address.ToString(), "--batch", "200");
        Assert.True(replay.Code is 0 or 1, replay.Err + cluster.Output);
        Assert.Contains($"{Expected.Format(expected.Read.AcceptedLineCount)} accepted, {Expected.Format(expected.Read.Rejections.Count)} rejected", replay.Out, StringComparison.Ordinal);

        await cluster.CloseEverythingAsync(expected.End, expected.Conversations);
        await Verify(cluster, expected, "sample", TimeSpan.FromSeconds(90));

        // the dashboard, asked through two silos: every account's report equals customer-agent report of the same log, and threads match
        foreach (var silo in new[] { cluster.Silos[0], cluster.Silos[2] })
        {
            output.WriteLine($"dashboard via {silo.Name}: {await DashboardEquality.AssertSameAsToolAsync(silo.Http, Logs.SamplePath)} documents equal to the tool's and the log-backed dashboard's");
        }

        // the conversations live on every silo (one grain per conversation, placed by Orleans)
        var silos = (await cluster.SnapshotsAsync(expected.Conversations)).Select(s => s.Silo).Distinct().Count();
        output.WriteLine($"the {expected.Conversations.Count} conversations were active on {silos} silos");
        Assert.True(silos >= 2, $"all conversations on {silos} silo");
    }

    [PostgreSqlFact]
    public async Task A_silo_killed_during_ingestion_loses_nothing_and_applies_no_line_twice()
    {
        await FailureDuringIngestion("kill", cluster =>
        {
            var victim = cluster.Silos[2];
            lock (output)
            {
                output.WriteLine($"SIGKILL silo {victim.Name} (pid {victim.ProcessId})");
            }

            victim.Kill();
            return cluster.AddSiloAsync();
        });
    }

    [PostgreSqlRestartFact]
    public async Task PostgreSQL_restarted_during_ingestion_loses_nothing_and_applies_no_line_twice()
    {
        await FailureDuringIngestion("restart", _ =>
        {
            output.WriteLine("restarting PostgreSQL (pg_ctl restart -m fast)");
            PostgreSql.Restart();
            return Task.CompletedTask;
        });
    }

    private async Task FailureDuringIngestion(string name, Func<Cluster, Task> fail)
    {
        var log = Path.Combine(Path.GetTempPath(), $"ca-cluster-{name}-{Guid.NewGuid():N}.jsonl");
        try
        {
            var sample = ReplayTests.Cli("sample", "--conversations", GeneratedConversations.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "18", "--out", log);
            Assert.Equal(0, sample.Code);
            var expected = Expected.Of(log);
            var watch = Stopwatch.StartNew();
            await using var cluster = await Cluster.StartAsync(Expected.ClockBefore(expected.Read));
            output.WriteLine($"{GeneratedConversations} conversations, {Expected.Format(expected.Read.LineCount)} lines, {expected.Events.Count} events; cluster up in {watch.Elapsed.TotalSeconds:F0} s");

            // the failure comes from a thread of its own once a fifth of the events came in (ingestion under way, most of it
            // still to come); it also notes how many events were in every two seconds
            var progress = new List<string>();
            var failure = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            Task<(int Code, string Out, string Err)>? replay = null;
            var watcher = new Thread(() =>
            {
                var noted = watch.Elapsed;
                while (!failure.Task.IsCompleted || progress.Count < 100)
                {
                    var received = cluster.Events.Received.Count;
                    if (watch.Elapsed >= noted)
                    {
                        lock (progress)
                        {
                            progress.Add($"{watch.Elapsed.TotalSeconds:F0}s:{received}");
                        }

                        noted += TimeSpan.FromSeconds(2);
                    }

                    if (!failure.Task.IsCompleted && replay is { IsCompleted: true })
                    {
                        failure.TrySetResult($"the replay ended before the failure: {replay.Result.Out}{replay.Result.Err}");
                    }
                    else if (!failure.Task.IsCompleted && received >= expected.Events.Count / 5)
                    {
                        try
                        {
                            var at = $"{watch.Elapsed.TotalSeconds:F0} s: {received} events in; {name}";
                            fail(cluster).GetAwaiter().GetResult();
                            failure.TrySetResult(at + $", done at {watch.Elapsed.TotalSeconds:F0} s");
                        }
                        catch (Exception ex)
                        {
                            failure.TrySetException(ex);
                        }
                    }

                    Thread.Sleep(100);
                }
            }) { IsBackground = true };
            replay = Task.Run(() => ReplayTests.Cli("replay", "--log", log, "--url", cluster.Silos[0].Address.ToString(), "--batch", "500", "--timeout", "60"));
            watcher.Start();
            var failed = await failure.Task;
            output.WriteLine(failed);
            Assert.DoesNotContain("the replay ended before", failed, StringComparison.Ordinal);
            var result = await replay;
            output.WriteLine($"{watch.Elapsed.TotalSeconds:F0} s: replay ended ({result.Code}): {result.Out.Trim()}");
            output.WriteLine(string.Join('\n', result.Err.Split('\n').Where(l => l.Contains("trying again", StringComparison.Ordinal)).Take(10)));
            Assert.True(result.Code is 0 or 1, result.Err + cluster.Output);
            Assert.Contains($"{Expected.Format(expected.Read.AcceptedLineCount)} accepted, {Expected.Format(expected.Read.Rejections.Count)} rejected", result.Out, StringComparison.Ordinal);

            await cluster.CloseEverythingAsync(expected.End, expected.Conversations);
            await Verify(cluster, expected, name, TimeSpan.FromSeconds(600));
            output.WriteLine($"{watch.Elapsed.TotalSeconds:F0} s: verified");

            // the dashboard after the failure (shards that were on a dead silo rebuilt from the conversations) equals the single-process answer
            var compared = await DashboardEquality.AssertSameAsToolAsync(cluster.Running.First().Http, log, threadsPerAccount: 5);
            output.WriteLine($"{watch.Elapsed.TotalSeconds:F0} s: dashboard checked ({compared} documents equal to customer-agent report and the log-backed dashboard)");
            lock (progress)
            {
                output.WriteLine("events in over time: " + string.Join(" ", progress));
            }
        }
        finally
        {
            File.Delete(log);
        }
    }

    /// <summary>Every line applied once (the grains' accepted lines add up to the reader's), every expected event accepted, equal to <c>events</c>', and no other; duplicates sent are printed.</summary>
    private async Task Verify(Cluster cluster, Expected expected, string name, TimeSpan limit)
    {
        var arrived = await Logs.WaitUntil(() => cluster.Events.Received.Count >= expected.Events.Count, limit);
        var missing = expected.Events.Keys.Where(id => !cluster.Events.Received.ContainsKey(id)).Take(10).ToList();
        Assert.True(arrived, $"{cluster.Events.Received.Count} of {expected.Events.Count} events accepted; missing e.g. {string.Join(", ", missing)}\n{cluster.Output}");
        Assert.Empty(cluster.Events.SchemaErrors);
        Assert.Equal(expected.Events.Keys.Order(StringComparer.Ordinal), cluster.Events.Events.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, body) in expected.Events)
        {
            Assert.Equal(body, cluster.Events.Events[id]);
        }

        var snapshots = await cluster.SnapshotsAsync(expected.Conversations);
        Assert.Equal(expected.ConversationLinesAccepted, snapshots.Sum(s => (long)s.AcceptedLines));
        Assert.All(snapshots, s => Assert.Equal(0, s.Pending));
        var sentTwice = cluster.Events.Received.Count(p => p.Value > 1);
        output.WriteLine($"{name}: {expected.Events.Count} events accepted exactly once by unique_id; {cluster.Events.Duplicates} duplicate sends ({sentTwice} events sent more than once, deduped by the fake as the vendor does); {cluster.Events.Requests.Count} requests to the Events API");
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterTestGroup
{
    public const string Name = "cluster";
}
