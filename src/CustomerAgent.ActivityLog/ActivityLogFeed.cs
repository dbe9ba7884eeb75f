using CustomerAgent.Classification;
using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using CustomerAgent.Events;
using NodaTime;

namespace CustomerAgent.ActivityLog;

/// <summary>
/// Applies activity-log lines one at a time, as <see cref="ActivityLogReader"/> applies the lines of a file: the same parse
/// stage, the same apply stage (the core's rule methods, H5 and the LOG rules), so a line is accepted or rejected with the
/// very reason the reader gives it. A host that receives lines over time (a service holding one conversation per actor)
/// keeps one feed per conversation or account and rebuilds it by feeding the accepted lines again (the rules are pure, so
/// the same lines give the same state).
/// </summary>
/// <remarks>Not thread-safe: one caller at a time. Memory grows with the lines' conversations, as the reader's does.</remarks>
public sealed class ActivityLogFeed
{
    private readonly Applier _applier;
    private readonly Chunk _chunk;
    private readonly ActivityLogReaderOptions _options;

    /// <summary>A feed reading with <paramref name="options"/> (<see cref="ActivityLogReaderOptions.Policy"/> is the one timeout; <see cref="ActivityLogReaderOptions.AsOf"/> is not supported).</summary>
    /// <param name="options">How to read; <see cref="ActivityLogReaderOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException"><paramref name="options"/> sets <see cref="ActivityLogReaderOptions.AsOf"/>: a feed always holds its latest facts.</exception>
    public ActivityLogFeed(ActivityLogReaderOptions? options = null)
    {
        _options = options ?? ActivityLogReaderOptions.Default;
        if (_options.AsOf is not null)
        {
            throw new ArgumentException("a feed holds its latest facts: read with ActivityLogReader to look back (AsOf)", nameof(options));
        }

        _applier = new Applier(_options, initialRows: 4);
        _chunk = new Chunk(256, 1, 256) { KeepProfiles = _options.KeepConversations };
    }

    /// <summary>The policy of every conversation of the feed.</summary>
    public ConversationPolicy Policy => _options.Policy;

    /// <summary>The number of lines accepted so far.</summary>
    public long AcceptedLineCount { get; private set; }

    /// <summary>
    /// Where a line belongs, from its parse stage alone (no state): its account and conversation, or why it is rejected when it
    /// names neither (not UTF-8, not JSON…: the reader ties such a line to no conversation, and neither may a host).
    /// </summary>
    /// <param name="line">One line, without its terminator.</param>
    /// <param name="address">The line's account and conversation, when the outcome is <see cref="LineOutcome.Accepted"/>.</param>
    /// <param name="reason">The reader's reason, when the outcome is <see cref="LineOutcome.Rejected"/>.</param>
    /// <returns><see cref="LineOutcome.Accepted"/> when the line has an address (it may still be rejected where it is applied), <see cref="LineOutcome.Rejected"/>, or <see cref="LineOutcome.Skipped"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="line"/> holds a line feed.</exception>
    public static LineOutcome Address(ReadOnlySpan<byte> line, out LineAddress address, out string? reason)
    {
        var chunk = new Chunk(Math.Max(line.Length, 16), 1, 256) { KeepProfiles = false };
        address = default;
        reason = null;
        if (!Parse(chunk, line))
        {
            return LineOutcome.Skipped;
        }

        ref var parsed = ref chunk.Lines[0];
        var conversationLine = parsed.Error is null ? parsed.Kind <= LineKind.Close : parsed.HasKey;
        if (parsed.Error is { } error && !parsed.HasKey)
        {
            reason = error;
            return LineOutcome.Rejected;
        }

        address = new LineAddress(chunk.GetString(parsed.Account), conversationLine ? chunk.GetString(parsed.Conversation) : null);
        return LineOutcome.Accepted;
    }

    /// <summary>Applies one line, as the reader applies line <paramref name="lineNumber"/> of a file.</summary>
    /// <param name="lineNumber">The line's number, used in reasons that cite a line (H5's opening line).</param>
    /// <param name="line">One line, without its terminator.</param>
    /// <param name="reason">The reader's reason when the line is rejected; else null.</param>
    /// <returns>Whether the line was accepted, rejected (state unchanged) or skipped.</returns>
    /// <exception cref="ArgumentException"><paramref name="line"/> holds a line feed, or is <see cref="ActivityLogReader.MaxLineLength"/> bytes or longer (the maximum counts the line's end, which <paramref name="line"/> does not hold).</exception>
    public LineOutcome Apply(long lineNumber, ReadOnlySpan<byte> line, out string? reason)
    {
        reason = null;
        if (line.Length >= ActivityLogReader.MaxLineLength)
        {
            throw new ArgumentException($"the line is {line.Length:N0} bytes long; a line may be at most {ActivityLogReader.MaxLineLength - 1:N0} bytes without its end ({ActivityLogReader.MaxLineLength:N0} with it)", nameof(line));
        }

        if (!Parse(_chunk, line))
        {
            return LineOutcome.Skipped;
        }

        var rejected = _applier.RejectionCount;
        _applier.ApplyChunk(_chunk, lineNumber);
        if (_applier.RejectionCount > rejected)
        {
            reason = _applier.LastRejection.Reason;
            return LineOutcome.Rejected;
        }

        AcceptedLineCount++;
        return LineOutcome.Accepted;
    }

    /// <summary>The conversations opened so far (a line whose opening line was rejected opens none), account by account.</summary>
    /// <returns>Their summaries; their facts are those of now and do not move when later lines are applied.</returns>
    public IReadOnlyList<ConversationSummary> Conversations() => _applier.Summaries().ToList();

    /// <summary>The agent switches of <paramref name="account"/> fed so far (R12), or null when it had none.</summary>
    /// <param name="account">The account.</param>
    /// <returns>The timeline, or null.</returns>
    public AgentSwitchTimeline? Switches(AccountId account) => _applier.SwitchesOf(account);

    /// <summary>
    /// The metric events (R6–R9) of the feed's conversations in [<paramref name="startInclusive"/>, <paramref name="endExclusive"/>),
    /// computed as <see cref="AccountLog.Events"/> computes them, screened by <paramref name="switches"/> (R12) for its account, else by the agent switches fed for the account (none: not screened).
    /// </summary>
    /// <param name="startInclusive">The start of the interval.</param>
    /// <param name="endExclusive">The end of the interval.</param>
    /// <param name="switches">The agent switches of an account kept elsewhere (R12), or null.</param>
    /// <returns>The events, per conversation then in order of emission.</returns>
    public IReadOnlyList<MetricEvent> Events(Instant startInclusive, Instant endExclusive, AgentSwitchTimeline? switches = null)
    {
        var factory = new MetricEventFactory(new ConversationClassifier(_options.Policy));
        var events = new List<MetricEvent>();
        foreach (var account in _applier.AccountIds.ToList())
        {
            var screen = switches is not null && switches.AccountId == account ? switches : _applier.SwitchesOf(account);
            events.AddRange(_applier.EventsOf(_applier.RowsOf(account), account, factory, startInclusive, endExclusive, screen));
        }

        return events;
    }

    /// <summary>Copies one line into <paramref name="chunk"/> and parses it; false when it is a blank or comment line.</summary>
    private static bool Parse(Chunk chunk, ReadOnlySpan<byte> line)
    {
        if (line.Contains((byte)'\n'))
        {
            throw new ArgumentException("a line holds no line feed: split the log into lines first", nameof(line));
        }

        chunk.Reset();
        if (chunk.Data.Length < line.Length)
        {
            chunk.Data = new byte[line.Length];
        }

        line.CopyTo(chunk.Data);
        chunk.DataLength = line.Length;
        chunk.BaseOffset = 0;
        LineParser.ParseChunk(chunk);
        return chunk.LineCount == 1;
    }
}
