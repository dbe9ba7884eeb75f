namespace CustomerAgent.ActivityLog;

/// <summary>
/// The lean per-conversation state (about 100 bytes): what the reports need and what the rules check, never texts.
/// Instants are Unix nanoseconds; <see cref="None"/> means "not yet".
/// </summary>
internal struct ConversationState
{
    internal const long None = long.MaxValue;

    public long StartedAt;
    public long LastMessageAt;
    public long LastActivityAt;
    public long HandoffAt;
    public long ClosedAt;
    public long OpeningLineOffset;
    public long OpeningLineNumber;
    public int MessageCount;
    public int Account;

    /// <summary>Head of the list of recommended product ids (H2), or -1.</summary>
    public int Recommended;

    /// <summary>Head of the list of tag ids (distinct), or -1.</summary>
    public int Tags;

    /// <summary>Head of the list of recommendation instants (R9), or -1.</summary>
    public int Recommendations;

    public int InitialSkill;
    public int FinalSkill;
    public byte Channel;
    public byte Mode;
    public byte LastAuthor;
    public bool Pending;
    public byte PendingMode;
    public byte PendingReason;
    public byte ClosedBy;

    /// <summary>The opening line was rejected: every later line of the conversation is rejected too.</summary>
    public bool Poisoned;
}
