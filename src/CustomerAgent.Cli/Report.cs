using System.Globalization;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Events;
using NodaTime;

namespace CustomerAgent.Cli;

/// <summary>The text report of <c>customer-agent run</c>.</summary>
internal static class Report
{
    internal static void Write(TextWriter output, string source, ActivityLog log, Instant asOf, int rows, IConversationClassifier classifier, IMetricEventFactory events)
    {
        var inv = CultureInfo.InvariantCulture;
        var live = log.Conversations.Where(c => c.IsCountedInMetrics && c.StartedAt <= asOf).ToList();
        var preview = log.Conversations.Count(c => !c.IsCountedInMetrics);
        var notYet = log.Conversations.Count(c => c.IsCountedInMetrics && c.StartedAt > asOf);
        var classified = live.Select(c => (Conversation: c, Result: classifier.Classify(c, asOf))).ToList();

        output.WriteLine(string.Create(inv, $"customer-agent: {log.Conversations.Count} conversations read from {source}, {log.Rejections.Count} lines rejected; as of {ActivityLogReader.Format(asOf)}"));
        output.WriteLine(string.Create(inv, $"counted: {live.Count} live conversations ({preview} preview excluded, R20; {notYet} started after the as-of instant)"));
        output.WriteLine();
        output.WriteLine("status           count   share");
        foreach (var status in Enum.GetValues<ConversationStatus>())
        {
            var n = classified.Count(x => x.Result.Status == status);
            output.WriteLine(string.Create(inv, $"{status.ToApiName(),-15} {n,6} {Percent(n, live.Count),7}"));
        }

        var resolved = classified.Count(x => x.Result.Status == ConversationStatus.ResolvedByAi);
        var escalated = classified.Count(x => x.Result.Status == ConversationStatus.NotResolvedByAi);
        output.WriteLine();
        output.WriteLine($"Resolved by AI rate: {Percent(resolved, live.Count)}   Not resolved by AI rate: {Percent(escalated, live.Count)}");
        var emitted = live.SelectMany(c => events.EventsAsOf(c, asOf)).GroupBy(e => e.Kind).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine();
        output.WriteLine("metric events by the as-of instant (R6-R9)");
        foreach (var kind in Enum.GetValues<MetricKind>())
        {
            output.WriteLine(string.Create(inv, $"  {kind.ToMetricName(),-55} {emitted.GetValueOrDefault(kind),6}"));
        }

        output.WriteLine();
        output.WriteLine("by channel       " + string.Join(" ", Enum.GetValues<ConversationStatus>().Select(s => $"{s.ToApiName(),15}")));
        foreach (var channel in Enum.GetValues<Channel>())
        {
            var ofChannel = classified.Where(x => x.Conversation.Channel == channel).ToList();
            if (ofChannel.Count == 0)
            {
                continue;
            }

            output.WriteLine($"{channel.ToApiName(),-15}  " + string.Join(" ", Enum.GetValues<ConversationStatus>().Select(s => $"{ofChannel.Count(x => x.Result.Status == s),15}")));
        }

        if (rows > 0)
        {
            output.WriteLine();
            output.WriteLine($"conversations (latest {Math.Min(rows, classified.Count)} of {classified.Count} by last update, R18)");
            output.WriteLine($"{"id",-12} {"profile",-26} {"status",-15} {"msgs",4}  {"last updated",-20}  {"tags",-20} first question");
            foreach (var (c, r) in classified.OrderByDescending(x => x.Conversation.LastMessageAt).ThenBy(x => x.Conversation.Id.Value, StringComparer.Ordinal).Take(rows))
            {
                output.WriteLine(string.Create(inv, $"{c.Id.Value,-12} {Truncate(c.Header.Profile.DisplayName, 26),-26} {r.Status.ToApiName(),-15} {c.MessageCount,4}  {ActivityLogReader.Format(c.LastMessageAt),-20}  {Truncate(string.Join(",", c.Tags), 20),-20} {Truncate(c.FirstQuestion, 40)}"));
            }
        }

        if (log.Rejections.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"rejected lines ({log.Rejections.Count}):");
            foreach (var rejection in log.Rejections)
            {
                output.WriteLine(string.Create(inv, $"  line {rejection.LineNumber}: {rejection.Reason}"));
            }
        }
    }

    /// <summary>A share as a percentage with one decimal, or <c>n/a</c> when there is nothing to share (never 0 % or NaN).</summary>
    private static string Percent(int part, int whole) =>
        whole == 0 ? "n/a" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Truncate(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
