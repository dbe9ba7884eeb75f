using System.Globalization;
using DuckDB.NET.Data;

namespace CustomerAgent.Benchmarks;

/// <summary>
/// <c>compare-reader [FILE] [RUNS]</c>: the report's volume and status counts over a generated ~1 GB activity log, end to end
/// (process start to exit, under <c>/usr/bin/time -v</c> for wall time and peak RSS), by <c>customer-agent run</c> and by DuckDB
/// (<c>read_ndjson</c> and the same counts in SQL, in a child process of this program: <c>duckdb-counts FILE</c>). Checks that both
/// give the same counts, prints medians and one closing line of ratios. Generates FILE with <c>customer-agent sample
/// --conversations 1500000</c> when it does not exist (delete it afterwards: it is never committed).
/// </summary>
internal static class ReaderCompare
{
    private const string Statuses = "open, resolved-by-ai, routed-to-team, closed";

    internal static int Run(string[] args)
    {
        var file = args.Length > 1 ? args[1] : "/tmp/activity-log-1gb.jsonl";
        var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var root = EndToEnd.FindRoot();
        var cli = EndToEnd.Cli(root);
        var self = Environment.ProcessPath!;
        if (!File.Exists(cli))
        {
            Console.Error.WriteLine($"build the tool first: dotnet build {root}/src/CustomerAgent.Cli -c Release");
            return 2;
        }

        if (!File.Exists(file))
        {
            EndToEnd.Exec(cli, "sample", "--conversations", "1500000", "--out", file);
        }

        Console.WriteLine(FormattableString.Invariant($"file {file}: {new FileInfo(file).Length / 1e9:F2} GB; {Environment.ProcessorCount} cores; load {EndToEnd.Load()}"));
        var sdk = new List<EndToEnd.Sample>();
        var duck = new List<EndToEnd.Sample>();
        string? sdkCounts = null;
        string? duckCounts = null;
        for (var i = 0; i < runs; i++)
        {
            var (s, sOut) = EndToEnd.Timed(cli, "counts", "--log", file);
            sdk.Add(s);
            sdkCounts = Sorted(sOut);
            var (d, dOut) = EndToEnd.Timed(self, "duckdb-counts", file);
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

        var sT = EndToEnd.Median(sdk.Select(x => x.Seconds));
        var dT = EndToEnd.Median(duck.Select(x => x.Seconds));
        var sM = EndToEnd.Median(sdk.Select(x => (double)x.Kb)) / 1024;
        var dM = EndToEnd.Median(duck.Select(x => (double)x.Kb)) / 1024;
        Console.WriteLine();
        Console.WriteLine("| contender | wall time (median) | peak RSS (median) |");
        Console.WriteLine("| --- | ---: | ---: |");
        Console.WriteLine(FormattableString.Invariant($"| customer-agent counts | {sT:F2} s | {sM:F0} MB |"));
        Console.WriteLine(FormattableString.Invariant($"| DuckDB read_ndjson + SQL | {dT:F2} s | {dM:F0} MB |"));
        Console.WriteLine(FormattableString.Invariant($"counts agree; customer-agent / DuckDB: time {sT / dT:F2}x, memory {sM / dM:F2}x (load after: {EndToEnd.Load()})"));
        return 0;
    }

    /// <summary>
    /// The child process: DuckDB computes, per account, the live conversations per channel and status as of the account's own latest
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
            cutoff AS (SELECT account, max("at") AS a FROM l GROUP BY account),
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
            FROM screened JOIN cutoff USING (account)
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
}
