using System.Globalization;
using System.Text.Json;
using CustomerAgent.ActivityLog;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Events;
using NodaTime;

namespace CustomerAgent.Cli;

/// <summary>The text report of <c>customer-agent run</c>, computed from the reader's lean state or from the aggregates.</summary>
internal static class Report
{
    /// <summary>One row of the conversations table (R18).</summary>
    internal sealed record Row(string Id, string Profile, ConversationStatus Status, int Messages, Instant LastUpdated, IReadOnlyList<string> Tags, string FirstQuestion);

    /// <summary>Everything the report prints.</summary>
    internal sealed record Input(
        int ConversationsRead,
        IReadOnlyList<RejectedLine> Rejections,
        Instant AsOf,
        int Live,
        int Preview,
        int NotYet,
        long[,] ByChannelAndStatus,
        long[] Events,
        int RowsOfTotal,
        IReadOnlyList<Row> Rows);

    private static readonly ConversationStatus[] Statuses = Enum.GetValues<ConversationStatus>();
    private static readonly Channel[] Channels = Enum.GetValues<Channel>();

    /// <summary>The report from the lean state (as of the log's latest instant or later).</summary>
    internal static Input FromLean(ActivityLogResult log, Instant asOf, int rows, string path)
    {
        var byChannel = new long[Channels.Length, Statuses.Length];
        var events = new long[4];
        var live = 0;
        var preview = 0;
        foreach (var account in log.Accounts)
        {
            var counts = account.CountByChannelAndStatus(asOf);
            foreach (var channel in Channels)
            {
                foreach (var status in Statuses)
                {
                    byChannel[(int)channel, (int)status] += counts[channel, status];
                }
            }

            foreach (var (kind, n) in account.CountEventsAsOf(asOf))
            {
                events[(int)kind] += n;
            }

            live += account.Conversations.Count - account.PreviewCount;
            preview += account.PreviewCount;
        }

        var top = TopRows(log, rows);
        var rowsOut = new List<Row>();
        if (top.Count > 0)
        {
            using var file = File.OpenRead(path);
            foreach (var s in top)
            {
                var (profile, question) = Opening(ActivityLogReader.ReadLineAt(file, s.OpeningLineOffset));
                var status = Status(s, asOf);
                rowsOut.Add(new Row(s.Id.Value, profile, status, s.MessageCount, s.LastMessageAt, s.Tags, question));
            }
        }

        return new Input(log.ConversationCount, log.Rejections, asOf, live, preview, 0, byChannel, events, live, rowsOut);
    }

    /// <summary>The N live conversations with the latest last message (ties by ID), without sorting them all.</summary>
    private static List<ConversationSummary> TopRows(ActivityLogResult log, int rows)
    {
        if (rows == 0)
        {
            return [];
        }

        var heap = new PriorityQueue<int, Instant>();
        foreach (var account in log.Accounts)
        {
            var indices = new List<int>();
            var batch = account.LiveConversations(indices);
            var last = batch.LastMessageAtUnixNanoseconds;
            for (var r = 0; r < batch.Count; r++)
            {
                var at = Instant.FromUnixTimeTicks(0).PlusNanoseconds(last[r]);
                if (heap.Count < rows)
                {
                    heap.Enqueue(0, at);
                }
                else if (heap.TryPeek(out _, out var min) && at > min)
                {
                    heap.DequeueEnqueue(0, at);
                }
            }
        }

        heap.TryPeek(out _, out var threshold);
        var chosen = new List<ConversationSummary>();
        foreach (var account in log.Accounts)
        {
            var indices = new List<int>();
            var batch = account.LiveConversations(indices);
            var last = batch.LastMessageAtUnixNanoseconds;
            for (var r = 0; r < batch.Count; r++)
            {
                if (Instant.FromUnixTimeTicks(0).PlusNanoseconds(last[r]) >= threshold)
                {
                    chosen.Add(account.Conversations[indices[r]]);
                }
            }
        }

        return chosen.OrderByDescending(s => s.LastMessageAt).ThenBy(s => s.Id.Value, StringComparer.Ordinal).Take(rows).ToList();
    }

    /// <summary>The status of one table row (the rule of BulkStatusClassifier, for the N rows shown).</summary>
    private static ConversationStatus Status(ConversationSummary s, Instant asOf)
    {
        var policy = ConversationPolicy.Default;
        if (s.HandoffAt is { } h && h <= asOf)
        {
            return ConversationStatus.NotResolvedByAi;
        }

        var close = s.ClosedAt ?? s.LastMessageAt + policy.AutoCloseAfter;
        return close > asOf ? ConversationStatus.Open : s.LastMessageAuthor == MessageAuthor.Agent ? ConversationStatus.ResolvedByAi : ConversationStatus.Closed;
    }

    private static (string Profile, string Question) Opening(byte[] line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var question = root.GetProperty("text").GetString() ?? string.Empty;
        if (!root.TryGetProperty("profile", out var p))
        {
            return (Profile.AnonymousDisplayName, question);
        }

        string? Get(string name) => p.TryGetProperty(name, out var v) ? v.GetString() : null;
        return (Profile.Create(Get("name"), Get("email"), Get("phone"), Get("externalId")).DisplayName, question);
    }

    /// <summary>The report from the aggregates (any as-of instant; the reader kept every conversation).</summary>
    internal static Input FromAggregates(ActivityLogResult log, Instant asOf, int rows, IConversationClassifier classifier, IMetricEventFactory events)
    {
        var timelines = log.Accounts.ToDictionary(a => a.AccountId, a => a.Switches);
        var conversations = log.Conversations;
        var live = conversations.Where(c => c.IsCountedInMetrics && c.StartedAt <= asOf).ToList();
        var preview = conversations.Count(c => !c.IsCountedInMetrics);
        var notYet = conversations.Count(c => c.IsCountedInMetrics && c.StartedAt > asOf);
        var classified = live.Select(c => (Conversation: c, Result: classifier.Classify(c, asOf))).ToList();
        var byChannel = new long[Channels.Length, Statuses.Length];
        foreach (var (c, r) in classified)
        {
            byChannel[(int)c.Channel, (int)r.Status]++;
        }

        var emitted = new long[4];
        foreach (var c in live)
        {
            var list = timelines[c.Header.AccountId] is { } timeline ? events.EventsAsOf(c, timeline, asOf).Collected : events.EventsAsOf(c, asOf);
            foreach (var e in list)
            {
                emitted[(int)e.Kind]++;
            }
        }

        var rowsOut = classified
            .OrderByDescending(x => x.Conversation.LastMessageAt).ThenBy(x => x.Conversation.Id.Value, StringComparer.Ordinal).Take(rows)
            .Select(x => new Row(x.Conversation.Id.Value, x.Conversation.Header.Profile.DisplayName, x.Result.Status, x.Conversation.MessageCount, x.Conversation.LastMessageAt, x.Conversation.Tags, x.Conversation.FirstQuestion))
            .ToList();
        return new Input(conversations.Count, log.Rejections, asOf, live.Count, preview, notYet, byChannel, emitted, classified.Count, rowsOut);
    }

    internal static void Write(TextWriter output, string source, Input report)
    {
        var inv = CultureInfo.InvariantCulture;
        var live = report.Live;
        output.WriteLine(string.Create(inv, $"customer-agent: {report.ConversationsRead} conversations read from {source}, {report.Rejections.Count} lines rejected; as of {LogInstants.Format(report.AsOf)}"));
        output.WriteLine(string.Create(inv, $"counted: {live} live conversations ({report.Preview} preview excluded, R20; {report.NotYet} started after the as-of instant)"));
        output.WriteLine();
        output.WriteLine("status           count   share");
        long Total(ConversationStatus s) => Channels.Sum(c => report.ByChannelAndStatus[(int)c, (int)s]);
        foreach (var status in Statuses)
        {
            var n = Total(status);
            output.WriteLine(string.Create(inv, $"{status.ToApiName(),-15} {n,6} {Percent(n, live),7}"));
        }

        output.WriteLine();
        output.WriteLine($"Resolved by AI rate: {Percent(Total(ConversationStatus.ResolvedByAi), live)}   Not resolved by AI rate: {Percent(Total(ConversationStatus.NotResolvedByAi), live)}");
        output.WriteLine();
        output.WriteLine("metric events by the as-of instant (R6-R9)");
        foreach (var kind in Enum.GetValues<MetricKind>())
        {
            output.WriteLine(string.Create(inv, $"  {kind.ToMetricName(),-55} {report.Events[(int)kind],6}"));
        }

        output.WriteLine();
        output.WriteLine("by channel       " + string.Join(" ", Statuses.Select(s => $"{s.ToApiName(),15}")));
        foreach (var channel in Channels)
        {
            if (Statuses.Sum(s => report.ByChannelAndStatus[(int)channel, (int)s]) == 0)
            {
                continue;
            }

            output.WriteLine($"{channel.ToApiName(),-15}  " + string.Join(" ", Statuses.Select(s => string.Create(inv, $"{report.ByChannelAndStatus[(int)channel, (int)s],15}"))));
        }

        if (report.Rows.Count > 0 || report.RowsOfTotal == 0)
        {
            output.WriteLine();
            output.WriteLine($"conversations (latest {report.Rows.Count} of {report.RowsOfTotal} by last update, R18)");
            output.WriteLine($"{"id",-12} {"profile",-26} {"status",-15} {"msgs",4}  {"last updated",-20}  {"tags",-20} first question");
            foreach (var r in report.Rows)
            {
                output.WriteLine(string.Create(inv, $"{r.Id,-12} {Truncate(r.Profile, 26),-26} {r.Status.ToApiName(),-15} {r.Messages,4}  {LogInstants.Format(r.LastUpdated),-20}  {Truncate(string.Join(",", r.Tags), 20),-20} {Truncate(r.FirstQuestion, 40)}"));
            }
        }

        if (report.Rejections.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"rejected lines ({report.Rejections.Count}):");
            foreach (var rejection in report.Rejections)
            {
                output.WriteLine(string.Create(inv, $"  line {rejection.LineNumber}: {rejection.Reason}"));
            }
        }
    }

    /// <summary>A share as a percentage with one decimal, or <c>n/a</c> when there is nothing to share (never 0 % or NaN).</summary>
    private static string Percent(long part, long whole) =>
        whole == 0 ? "n/a" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Truncate(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
