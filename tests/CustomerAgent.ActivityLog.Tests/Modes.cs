using System.Globalization;
using System.Reflection;
using CustomerAgent.Conversations;
using NodaTime;
using NodaTime.Text;
using Xunit.Sdk;

namespace CustomerAgent.ActivityLog.Tests;

/// <summary>The reader's two modes: the lean state alone, or the lean state and every conversation as a <see cref="Conversation"/> aggregate.</summary>
public enum ReaderMode
{
    /// <summary><see cref="ActivityLogReaderOptions.KeepConversations"/> = false: only the lean per-conversation state checks the rules.</summary>
    Lean,

    /// <summary><see cref="ActivityLogReaderOptions.KeepConversations"/> = true: every conversation line also goes through the aggregate.</summary>
    KeepConversations,
}

/// <summary>
/// Runs a theory once per <see cref="ReaderMode"/>, with the mode as its last argument after <paramref name="data"/> (the
/// <c>[InlineData]</c> of both modes).
/// </summary>
/// <param name="data">The other arguments, as for <c>[InlineData]</c>.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class InBothModesAttribute(params object?[] data) : DataAttribute
{
    /// <summary>The arguments before the mode.</summary>
    public IReadOnlyList<object?> Data { get; } = data;

    /// <inheritdoc/>
    public override IEnumerable<object?[]> GetData(MethodInfo testMethod) =>
        [[.. Data, ReaderMode.Lean], [.. Data, ReaderMode.KeepConversations]];
}

/// <summary>
/// Reads a log in a mode, after checking that the other mode gives the same outcome: the same accepted line numbers, the same
/// rejected lines (number, bytes and reason, byte for byte), the same counts of lines and the same conversation summaries.
/// </summary>
public static class Modes
{
    /// <summary>Reads <paramref name="log"/> in both modes, asserts they agree, and returns the result of <paramref name="mode"/>.</summary>
    public static ActivityLogResult Read(ReaderMode mode, byte[] log, ConversationPolicy? policy = null, int parallel = 1, int chunk = 1 << 16)
    {
        var (lean, kept) = ReadBoth(log, policy, parallel, chunk);
        return mode == ReaderMode.Lean ? lean : kept;
    }

    /// <summary>Reads lines in both modes, asserts they agree, and returns the result of <paramref name="mode"/>.</summary>
    public static ActivityLogResult Read(ReaderMode mode, params string[] lines) => Read(mode, Logs.Bytes(lines));

    /// <summary>Reads <paramref name="log"/> in one mode only (no agreement check), with the accepted line numbers.</summary>
    public static (ActivityLogResult Result, List<long> Accepted) ReadOnly(ReaderMode mode, byte[] log, ConversationPolicy? policy = null, int parallel = 1, int chunk = 1 << 16) =>
        ReadOnly(mode, log, policy, parallel, chunk, countsOnly: false);

    /// <summary>Reads <paramref name="log"/> lean with <see cref="ActivityLogReaderOptions.CountsOnly"/>, with the accepted line numbers.</summary>
    public static (ActivityLogResult Result, List<long> Accepted) ReadCountsOnly(byte[] log, ConversationPolicy? policy = null, int parallel = 1, int chunk = 1 << 16) =>
        ReadOnly(ReaderMode.Lean, log, policy, parallel, chunk, countsOnly: true);

    private static (ActivityLogResult Result, List<long> Accepted) ReadOnly(ReaderMode mode, byte[] log, ConversationPolicy? policy, int parallel, int chunk, bool countsOnly)
    {
        var accepted = new List<long>();
        var result = ActivityLogReader.Read(new MemoryStream(log), new ActivityLogReaderOptions
        {
            KeepConversations = mode == ReaderMode.KeepConversations,
            CountsOnly = countsOnly,
            Policy = policy ?? ConversationPolicy.Default,
            MaxDegreeOfParallelism = parallel,
            ChunkSize = chunk,
            OnAccepted = (n, _) => accepted.Add(n),
        });
        return (result, accepted);
    }

    /// <summary>Reads <paramref name="log"/> in both modes and asserts they agree (see <see cref="Differences"/>).</summary>
    public static (ActivityLogResult Lean, ActivityLogResult Kept) ReadBoth(byte[] log, ConversationPolicy? policy = null, int parallel = 1, int chunk = 1 << 16)
    {
        var lean = ReadOnly(ReaderMode.Lean, log, policy, parallel, chunk);
        var kept = ReadOnly(ReaderMode.KeepConversations, log, policy, parallel, chunk);
        var differences = Differences(lean, kept);
        Assert.True(differences.Count == 0, "The two reader modes disagree:\n" + string.Join("\n", differences));
        var countsOnly = CountsOnlyDifferences(lean, ReadCountsOnly(log, policy, parallel, chunk));
        Assert.True(countsOnly.Count == 0, "A counts-only read disagrees with the lean read:\n" + string.Join("\n", countsOnly));
        return (lean.Result, kept.Result);
    }

    /// <summary>
    /// Everything that differs between a lean read and a read with <see cref="ActivityLogReaderOptions.KeepConversations"/> of the
    /// same log, one line each (empty when they agree): accepted line numbers, rejected lines with their bytes and reasons, line
    /// counts, the latest instant and every conversation summary.
    /// </summary>
    /// <param name="lean">The lean read and its accepted line numbers.</param>
    /// <param name="kept">The read with aggregates and its accepted line numbers.</param>
    /// <param name="reason">Applied to both reasons of a rejected line before they are compared; null compares them as they are.</param>
    public static List<string> Differences((ActivityLogResult Result, List<long> Accepted) lean, (ActivityLogResult Result, List<long> Accepted) kept, Func<string, string>? reason = null)
    {
        var differences = LineDifferences(lean, kept, reason);
        if (!EqualityComparer<string>.Default.Equals(Summaries(lean.Result), Summaries(kept.Result)))
        {
            differences.Add($"conversations: lean {Summaries(lean.Result)} / kept {Summaries(kept.Result)}");
        }

        return differences;
    }

    /// <summary>
    /// Everything that differs between a lean read and a counts-only read (<see cref="ActivityLogReaderOptions.CountsOnly"/>) of
    /// the same log: the lines as in <see cref="Differences"/>, and per account the status counts and the event counts as of its
    /// instant (what a counts-only read answers).
    /// </summary>
    public static List<string> CountsOnlyDifferences((ActivityLogResult Result, List<long> Accepted) lean, (ActivityLogResult Result, List<long> Accepted) countsOnly)
    {
        var differences = LineDifferences(lean, countsOnly, null);
        foreach (var (l, c) in lean.Result.Accounts.Zip(countsOnly.Result.Accounts))
        {
            if (l.AsOf is not { } at)
            {
                continue;
            }

            var (expected, actual) = (Counts(l, at), Counts(c, at));
            if (expected != actual)
            {
                differences.Add($"account {l.AccountId} counts: lean {expected} / counts only {actual}");
            }
        }

        return differences;

        static string Counts(AccountLog account, Instant at) =>
            $"{account.CountByChannelAndStatus(at)} events {string.Join(",", account.CountEventsAsOf(at).OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"))} preview {account.PreviewCount}";
    }

    /// <summary>The line-level differences of two reads: accepted line numbers, rejected lines with their bytes and reasons, counts of lines, the latest instant, the accounts.</summary>
    private static List<string> LineDifferences((ActivityLogResult Result, List<long> Accepted) lean, (ActivityLogResult Result, List<long> Accepted) kept, Func<string, string>? reason)
    {
        reason ??= r => r;
        var differences = new List<string>();
        void Compare<T>(string what, T leanValue, T keptValue)
        {
            if (!EqualityComparer<T>.Default.Equals(leanValue, keptValue))
            {
                differences.Add($"{what}: lean {leanValue} / kept {keptValue}");
            }
        }

        Compare("accepted lines", string.Join(",", lean.Accepted), string.Join(",", kept.Accepted));
        var leanRejections = lean.Result.Rejections.ToDictionary(r => r.LineNumber);
        var keptRejections = kept.Result.Rejections.ToDictionary(r => r.LineNumber);
        foreach (var number in leanRejections.Keys.Union(keptRejections.Keys).Order())
        {
            var l = leanRejections.GetValueOrDefault(number);
            var k = keptRejections.GetValueOrDefault(number);
            Compare($"line {number} rejected", l is null ? "(accepted)" : reason(l.Reason), k is null ? "(accepted)" : reason(k.Reason));
            Compare($"line {number} bytes", Convert.ToHexString(l?.Bytes.ToArray() ?? []), Convert.ToHexString(k?.Bytes.ToArray() ?? []));
        }

        Compare("rejected line numbers in order", string.Join(",", lean.Result.Rejections.Select(r => r.LineNumber)), string.Join(",", kept.Result.Rejections.Select(r => r.LineNumber)));
        Compare("line count", lean.Result.LineCount, kept.Result.LineCount);
        Compare("accepted line count", lean.Result.AcceptedLineCount, kept.Result.AcceptedLineCount);
        Compare("skipped line count", lean.Result.SkippedLineCount, kept.Result.SkippedLineCount);
        Compare("latest instant", lean.Result.LatestInstant, kept.Result.LatestInstant);
        Compare("accounts", string.Join(",", lean.Result.Accounts.Select(a => a.AccountId)), string.Join(",", kept.Result.Accounts.Select(a => a.AccountId)));
        Compare("conversation count", lean.Result.ConversationCount, kept.Result.ConversationCount);
        return differences;
    }

    /// <summary>Every conversation summary of a result, as text (one line per conversation).</summary>
    public static string Summaries(ActivityLogResult result) => string.Join("\n", result.Accounts.SelectMany(a => a.Conversations).Select(Describe));

    /// <summary>A conversation summary as text: every fact it holds.</summary>
    public static string Describe(ConversationSummary c) => string.Create(
        CultureInfo.InvariantCulture,
        $"{c.AccountId}:{c.Id} {c.Channel} {c.Mode} started {F(c.StartedAt)} last message {F(c.LastMessageAt)} by {c.LastMessageAuthor} messages {c.MessageCount} handoff {F(c.HandoffAt)} closed {F(c.ClosedAt)} tags [{string.Join(",", c.Tags)}] skills {c.InitialSkill ?? "-"}/{c.FinalSkill ?? "-"} recommendations [{string.Join(",", c.Recommendations.Select(r => F(r)))}] line {c.OpeningLineNumber} offset {c.OpeningLineOffset}");

    /// <summary>An instant to the nanosecond (<c>-</c> for none).</summary>
    public static string F(Instant? at) => at is { } value ? InstantPattern.ExtendedIso.Format(value) : "-";
}
