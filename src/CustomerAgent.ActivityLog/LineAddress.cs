namespace CustomerAgent.ActivityLog;

/// <summary>
/// Where a line belongs: its account, and its conversation when it is a conversation line (or a rejected line that names
/// its account and conversation, which a host must still give to that conversation: a rejected opening line makes every
/// later line of the conversation rejected too, H5). Immutable and thread-safe.
/// </summary>
/// <param name="Account">The account ID as written on the line.</param>
/// <param name="Conversation">The conversation ID as written on the line, or null for an account line (settings, agent switch, order, touch).</param>
public readonly record struct LineAddress(string Account, string? Conversation);
