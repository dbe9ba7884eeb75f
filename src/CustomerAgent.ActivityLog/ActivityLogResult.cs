using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.ActivityLog;

/// <summary>What reading an activity log produced: per account what the SDK computes on, every rejected line, and counts.</summary>
/// <remarks>Immutable once returned; safe to read from several threads.</remarks>
public sealed class ActivityLogResult
{
    internal ActivityLogResult(IReadOnlyList<AccountLog> accounts, IReadOnlyList<RejectedLine> rejections, Instant? latestInstant, long lineCount, long acceptedLineCount, long skippedLineCount, IReadOnlyList<Conversation> conversations, long stateBytes)
    {
        Accounts = accounts;
        Rejections = rejections;
        LatestInstant = latestInstant;
        LineCount = lineCount;
        AcceptedLineCount = acceptedLineCount;
        SkippedLineCount = skippedLineCount;
        Conversations = conversations;
        StateBytes = stateBytes;
    }

    /// <summary>The accounts, in order of first appearance (an account appears once any line of it is accepted or names it).</summary>
    public IReadOnlyList<AccountLog> Accounts { get; }

    /// <summary>Every rejected line, in file order, verbatim with its line number and reason.</summary>
    public IReadOnlyList<RejectedLine> Rejections { get; }

    /// <summary>The latest instant of any accepted line of any account, or null when none was accepted. A report of one account is as of that account's own <see cref="AccountLog.AsOf"/>, never this (another account's later lines must not move it).</summary>
    public Instant? LatestInstant { get; }

    /// <summary>Lines in the file (a last line without a terminator counts).</summary>
    public long LineCount { get; }

    /// <summary>Lines applied.</summary>
    public long AcceptedLineCount { get; }

    /// <summary>Blank lines and <c>#</c> comment lines, skipped. <c>LineCount = AcceptedLineCount + Rejections.Count + SkippedLineCount</c>.</summary>
    public long SkippedLineCount { get; }

    /// <summary>Every accepted conversation as an aggregate, in order of first appearance; those chosen by <see cref="ActivityLogReaderOptions.KeepConversation"/> otherwise.</summary>
    public IReadOnlyList<Conversation> Conversations { get; }

    /// <summary>Bytes held by the reader's lean state (arrays as allocated): the measure of "bytes per conversation".</summary>
    public long StateBytes { get; }

    /// <summary>Accepted conversations over every account, preview included.</summary>
    public int ConversationCount => Accounts.Sum(a => a.ConversationCount);
}
