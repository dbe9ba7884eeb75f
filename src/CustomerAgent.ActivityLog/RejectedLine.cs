namespace CustomerAgent.ActivityLog;

/// <summary>
/// A line of the log that was not applied: its bytes exactly as read (without the line terminator <c>\n</c> or <c>\r\n</c>),
/// its 1-based line number in the file, and the reason, which names the rule and the field. Writing
/// <see cref="Bytes"/> followed by <c>\n</c> for every rejected line gives a rejects file that can be fixed and replayed.
/// Immutable and thread-safe.
/// </summary>
public sealed class RejectedLine
{
    internal RejectedLine(long lineNumber, byte[] bytes, string reason)
    {
        LineNumber = lineNumber;
        Bytes = bytes;
        Reason = reason;
    }

    /// <summary>The 1-based line number in the file (blank and comment lines count).</summary>
    public long LineNumber { get; }

    /// <summary>The line's bytes, verbatim (not necessarily valid UTF-8), without its terminator.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>Why it was rejected: <c>RULE: field … explanation.</c>, echoed values cut to <see cref="CustomerAgentException.MaxEchoedLength"/> characters.</summary>
    public string Reason { get; }

    /// <inheritdoc/>
    public override string ToString() => $"line {LineNumber}: {Reason}";
}
