using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace CustomerAgent.Benchmarks;

/// <summary>
/// <c>compare-reader [FILE] [RUNS]</c>: the report's volume and status counts over a generated ~1 GB activity log, end to end
/// (process start to exit, under <c>/usr/bin/time -v</c> for wall time and peak RSS), by <c>customer-agent run</c> and by DuckDB
/// (<c>read_ndjson</c> and the same counts in SQL, in a child process of this program: <c>duckdb-counts FILE</c>). Checks that both
/// give the same counts, prints medians and one closing line of ratios. Generates FILE with <c>customer-agent sample
/// --conversations 1500000</c> when it does not exist (delete it afterwards: it is never committed).
/// </summary>
internal static partial class ReaderCompare
{
    private const string Statuses = "open, resolved-by-ai, routed-to-team, closed";

    internal static int Run(string[] args)
    {
        var file = args.Length > 1 ? args[1] : "/tmp/activity-log-1gb.jsonl";
        var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var root = FindRoot();
        var cli = Path.Combine(root, "src/CustomerAgent.Cli/bin/Release/net10.0/customer-agent");
        var self = Environment.ProcessPath!;
        if (!File.Exists(cli))
        {
            Console.Error.WriteLine($"build the tool first: dotnet build {root}/src/CustomerAgent.Cli -c Release");
            return 2;
        }

        if (!File.Exists(file))
        {
            Exec(cli, $"sample --conversations 1500000 --out {file}");
        }

        Console.WriteLine(FormattableString.Invariant($"file {file}: {new FileInfo(file).Length / 1e9:F2} GB; {Environment.ProcessorCount} cores; load {File.ReadAllText("/proc/loadavg").Trim()}"));
        var sdk = new List<(double Seconds, long Kb)>();
        var duck = new List<(double Seconds, long Kb)>();
        string? sdkCounts = null;
        string? duckCounts = null;
        for (var i = 0; i < runs; i++)
        {
            var (s, sOut) = Timed(cli, $"counts --log {file}");
            sdk.Add(s);
            sdkCounts = Sorted(sOut);
            var (d, dOut) = Timed(self, $"duckdb-counts {file}");
            duck.Add(d);
            duckCounts = Sorted(dOut);
            Console.WriteLine(FormattableString.Invariant($"run {i + 1}: customer-agent {s.Seconds:F2} s {s.Kb / 1024} MB, duckdb {d.Seconds:F2} s {d.Kb / 1024} MB"));
        }

        Console.WriteLine($"customer-agent: {sdkCounts}");
        Console.WriteLine($"duckdb:         {duckCounts}");
        if (sdkCounts != duckCounts)
        {
            Console.Error.WriteLine("COUNTS DIFFER");
            return 1;
        }

        double Median(IEnumerable<double> xs)
        {
            var a = xs.Order().ToArray();
            return a.Length % 2 == 1 ? a[a.Length / 2] : (a[(a.Length / 2) - 1] + a[a.Length / 2]) / 2;
        }

        var sT = Median(sdk.Select(x => x.Seconds));
        var dT = Median(duck.Select(x => x.Seconds));
        var sM = Median(sdk.Select(x => (double)x.Kb)) / 1024;
        var dM = Median(duck.Select(x => (double)x.Kb)) / 1024;
        Console.WriteLine();
        Console.WriteLine("| contender | wall time (median) | peak RSS (median) |");
        Console.WriteLine("| --- | ---: | ---: |");
        Console.WriteLine(FormattableString.Invariant($"| customer-agent counts | {sT:F2} s | {sM:F0} MB |"));
        Console.WriteLine(FormattableString.Invariant($"| DuckDB read_ndjson + SQL | {dT:F2} s | {dM:F0} MB |"));
        Console.WriteLine(FormattableString.Invariant($"counts agree; customer-agent / DuckDB: time {sT / dT:F2}x, memory {sM / dM:F2}x (load after: {File.ReadAllText("/proc/loadavg").Trim()})"));
        return 0;
    }

    /// <summary>
    /// The child process: DuckDB computes, per account, the live conversations per channel and status as of the log's latest
    /// instant, leaving out (as the SDK does, R12) conversations begun while the agent was off on their channel in accounts
    /// whose log has agent switches; one line per account in the format of <c>customer-agent counts</c>.
    /// </summary>
    internal static int DuckDbCounts(string file)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $$"""
            WITH l AS (
              SELECT * FROM read_ndjson('{{file.Replace("'", "''", StringComparison.Ordinal)}}',
                columns = {conversation: 'VARCHAR', account: 'VARCHAR', channel: 'VARCHAR', mode: 'VARCHAR', "at": 'TIMESTAMPTZ', type: 'VARCHAR', accepted: 'BOOLEAN', enabled: 'BOOLEAN'})
            ),
            cutoff AS (SELECT max("at") AS a FROM l),
            sw AS (SELECT account, channel, "at", enabled FROM l WHERE type = 'agent-switch'),
            switched AS (SELECT DISTINCT account FROM sw),
            c AS (
              SELECT account, conversation,
                any_value(channel) FILTER (WHERE type = 'shopper-message' AND channel IS NOT NULL) AS channel,
                bool_or(mode = 'preview') AS preview,
                min("at") FILTER (WHERE type = 'shopper-message') AS started,
                max("at") FILTER (WHERE type IN ('shopper-message', 'agent-message')) AS last_msg,
                arg_max(type, "at") FILTER (WHERE type IN ('shopper-message', 'agent-message')) AS last_type,
                min("at") FILTER (WHERE type = 'handoff' OR (type = 'ticket-answer' AND accepted)) AS handoff,
                min("at") FILTER (WHERE type = 'close') AS closed
              FROM l
              WHERE type IN ('shopper-message', 'agent-message', 'product-click', 'tag', 'handoff', 'ticket-offer', 'ticket-answer', 'close')
              GROUP BY ALL
            ),
            screened AS (
              SELECT c.*, sw.enabled AS on_at_start
              FROM c ASOF LEFT JOIN sw ON c.account = sw.account AND c.channel = sw.channel AND c.started >= sw."at"
            )
            SELECT account, channel,
              CASE WHEN handoff <= a THEN 'routed-to-team'
                   WHEN coalesce(closed, last_msg + INTERVAL 48 HOUR) <= a THEN CASE WHEN last_type = 'agent-message' THEN 'resolved-by-ai' ELSE 'closed' END
                   ELSE 'open' END AS status,
              count(*) AS n
            FROM screened, cutoff
            WHERE NOT coalesce(preview, false)
              AND (account NOT IN (SELECT account FROM switched) OR coalesce(on_at_start, false))
            GROUP BY ALL
            """;
        var counts = new Dictionary<string, Dictionary<(string Channel, string Status), long>>(StringComparer.Ordinal);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var account = reader.GetString(0);
                if (!counts.TryGetValue(account, out var perAccount))
                {
                    counts[account] = perAccount = [];
                }

                perAccount[(reader.GetString(1), reader.GetString(2))] = reader.GetInt64(3);
            }
        }

        foreach (var (account, perAccount) in counts)
        {
            Console.WriteLine($"account {account}: {Format(perAccount)}");
        }

        return 0;
    }

    private static string Format(Dictionary<(string Channel, string Status), long> counts)
    {
        var statuses = Statuses.Split(", ");
        var total = statuses.Select(s => counts.Where(kv => kv.Key.Status == s).Sum(kv => kv.Value));
        var channels = counts.Keys.Select(k => k.Channel).Distinct().Order(StringComparer.Ordinal)
            .Select(c => c + " " + string.Join("/", statuses.Select(s => counts.GetValueOrDefault((c, s)).ToString(CultureInfo.InvariantCulture))));
        return $"volume {counts.Values.Sum()}; {Statuses.Replace(", ", "/", StringComparison.Ordinal)} = {string.Join("/", total)}; {string.Join("; ", channels)}";
    }

    /// <summary>The per-account lines in account order, so both sides compare whatever order they print in.</summary>
    private static string Sorted(string output) =>
        string.Join("\n", output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal));

    private static ((double Seconds, long Kb), string Output) Timed(string exe, string arguments)
    {
        var timeFile = Path.GetTempFileName();
        try
        {
            var output = Exec("/usr/bin/time", $"-v -o {timeFile} {exe} {arguments}");
            var text = File.ReadAllText(timeFile);
            var wall = ElapsedRegex().Match(text).Groups[1].Value.Split(':');
            var seconds = wall.Length == 3
                ? (double.Parse(wall[0], CultureInfo.InvariantCulture) * 3600) + (double.Parse(wall[1], CultureInfo.InvariantCulture) * 60) + double.Parse(wall[2], CultureInfo.InvariantCulture)
                : (double.Parse(wall[0], CultureInfo.InvariantCulture) * 60) + double.Parse(wall[1], CultureInfo.InvariantCulture);
            var kb = long.Parse(RssRegex().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
            return ((seconds, kb), output);
        }
        finally
        {
            File.Delete(timeFile);
        }
    }

    private static string Exec(string exe, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(exe, arguments) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CustomerAgent.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    [GeneratedRegex(@"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([0-9:.]+)")]
    private static partial Regex ElapsedRegex();

    [GeneratedRegex(@"Maximum resident set size \(kbytes\): (\d+)")]
    private static partial Regex RssRegex();
}
