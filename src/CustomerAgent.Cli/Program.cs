using System.Globalization;
using CustomerAgent.ActivityLog;
using CustomerAgent.Classification;
using CustomerAgent.Events;
using CustomerAgent.Serialization;
using NodaTime;

namespace CustomerAgent.Cli;

/// <summary>The customer-agent command-line tool.</summary>
internal static class Program
{
    internal const string Usage = """
        usage:
          customer-agent run [--log FILE] [--as-of INSTANT] [--rows N]
              Reads a JSON Lines activity log (docs/activity-log.md; default: samples/activity-log.jsonl),
              classifies every conversation as of INSTANT (default: the log's latest instant) and prints
              the status counts, the two rates, counts by channel, the conversations table and every rejected line.
          customer-agent events [--log FILE] [--as-of INSTANT] [--out FILE]
              Writes every metric event (R6-R9) that happened by INSTANT, one vendor Create Event request body
              per line (JSON Lines), in conversation then emission order.
          customer-agent sample [--conversations N] [--seed S] [--start INSTANT] [--out FILE]
              Writes a deterministic sample activity log (default 200 conversations, seed 7) to FILE or stdout.
        exit codes: 0 ok, 1 the log had rejected lines, 2 bad arguments or unreadable file.
        """;

    private static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var options = ParseOptions(args.Skip(1));
            switch (args.FirstOrDefault())
            {
                case "run":
                    return RunReport(options, stdout);
                case "events":
                    return WriteEvents(options, stdout);
                case "sample":
                    return WriteSample(options, stdout);
                case null or "-h" or "--help" or "help":
                    stdout.WriteLine(Usage);
                    return args.Length == 0 ? 2 : 0;
                default:
                    stderr.WriteLine($"customer-agent: unknown command '{args[0]}'");
                    stderr.WriteLine(Usage);
                    return 2;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"customer-agent: {ex.Message}");
            return 2;
        }
    }

    private static Dictionary<string, string> ParseOptions(IEnumerable<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal) || !e.MoveNext())
            {
                throw new ArgumentException($"expected '--option value', got '{name}'");
            }

            options[name[2..]] = e.Current;
        }

        return options;
    }

    private static int Int(Dictionary<string, string> options, string name, int fallback, int min, int max)
    {
        if (!options.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"--{name} = '{text}' must be an integer from {min} to {max}");
    }

    private static int WriteSample(Dictionary<string, string> options, TextWriter stdout)
    {
        var count = Int(options, "conversations", 200, 1, 10_000_000);
        var seed = Int(options, "seed", 7, 0, int.MaxValue);
        var start = options.TryGetValue("start", out var s) ? LogInstants.Parse(s) : Instant.FromUtc(2026, 6, 1, 8, 0);
        if (options.TryGetValue("out", out var path))
        {
            using var file = new StreamWriter(path);
            SampleLogGenerator.Write(file, count, seed, start);
        }
        else
        {
            SampleLogGenerator.Write(stdout, count, seed, start);
        }

        return 0;
    }

    private static string LogPath(Dictionary<string, string> options) =>
        options.GetValueOrDefault("log") ?? Path.Combine("samples", "activity-log.jsonl");

    private static ActivityLogResult ReadFile(string path, bool keepConversations)
    {
        if (!File.Exists(path))
        {
            throw new IOException($"cannot read '{path}': no such file");
        }

        return ActivityLogReader.ReadFile(path, new ActivityLogReaderOptions { KeepConversations = keepConversations });
    }

    private static Instant AsOf(Dictionary<string, string> options, ActivityLogResult log) =>
        options.TryGetValue("as-of", out var a) ? LogInstants.Parse(a) : log.LatestInstant ?? SupportedInstants.Start;

    private static int RunReport(Dictionary<string, string> options, TextWriter output)
    {
        var path = LogPath(options);
        var rows = Int(options, "rows", 10, 0, int.MaxValue);
        var log = ReadFile(path, keepConversations: false);
        var asOf = AsOf(options, log);
        if (log.LatestInstant is { } latest && asOf < latest)
        {
            // The lean state holds final facts: looking back needs the aggregates' histories.
            log = ReadFile(path, keepConversations: true);
            Report.Write(output, path, Report.FromAggregates(log, asOf, rows, ConversationClassifier.Default, MetricEventFactory.Default));
        }
        else
        {
            Report.Write(output, path, Report.FromLean(log, asOf, rows, path));
        }

        return log.Rejections.Count == 0 ? 0 : 1;
    }

    private static int WriteEvents(Dictionary<string, string> options, TextWriter stdout)
    {
        var log = ReadFile(LogPath(options), keepConversations: true);
        var asOf = AsOf(options, log);
        var timelines = log.Accounts.ToDictionary(a => a.AccountId, a => a.Switches);
        using var file = options.TryGetValue("out", out var outPath) ? new StreamWriter(outPath) : null;
        var output = (TextWriter?)file ?? stdout;
        foreach (var conversation in log.Conversations)
        {
            var events = timelines[conversation.Header.AccountId] is { } timeline
                ? MetricEventFactory.Default.EventsAsOf(conversation, timeline, asOf).Collected
                : MetricEventFactory.Default.EventsAsOf(conversation, asOf);
            foreach (var e in events)
            {
                output.WriteLine(CustomerAgentJson.Serialize(e));
            }
        }

        return log.Rejections.Count == 0 ? 0 : 1;
    }
}
