namespace CustomerAgent.ActivityLog;

/// <summary>One line after the parse stage: its place in the chunk, and either its typed fields or the reason it is rejected.</summary>
internal struct ParsedLine
{
    internal const byte Absent = byte.MaxValue;

    /// <summary>Start of the line's bytes in the chunk (terminator excluded).</summary>
    public int Start;

    /// <summary>Length of the line's bytes (terminator excluded).</summary>
    public int Length;

    /// <summary>0-based index of the line among the chunk's lines (blank and comment lines included).</summary>
    public int Index;

    public LineKind Kind;

    /// <summary>Why the line is rejected, or null.</summary>
    public string? Error;

    /// <summary>Fields present, one bit per <see cref="Field"/>.</summary>
    public uint Present;

    /// <summary>The <c>at</c> instant in Unix nanoseconds.</summary>
    public long At;

    public Str Account;
    public Str Conversation;
    public Str Text;
    public Str Skill;

    /// <summary><c>product</c> (product-click), <c>tag</c> (tag).</summary>
    public Str Value;

    /// <summary>The channel byte (<see cref="Conversations.Channel"/> or, on a touch, <see cref="Attribution.TouchChannel"/>), or <see cref="Absent"/>.</summary>
    public byte Channel;

    /// <summary>The opening mode (0 live, 1 preview), or <see cref="Absent"/>.</summary>
    public byte Mode;

    /// <summary>Handoff kind, close <c>by</c>, or touch kind.</summary>
    public byte E1;

    /// <summary>Handoff or ticket mode.</summary>
    public byte E2;

    /// <summary>Handoff or ticket reason.</summary>
    public byte E3;

    /// <summary><c>accepted</c> or <c>enabled</c>.</summary>
    public bool Flag;

    public int ProductsStart;
    public int ProductsCount;

    /// <summary>The opening line's validated profile fields (raw UTF-8 in the chunk; <see cref="Str.None"/> when absent), kept compactly by the apply stage.</summary>
    public Str ProfileName;

    /// <summary>See <see cref="ProfileName"/>.</summary>
    public Str ProfileEmail;

    /// <summary>See <see cref="ProfileName"/>.</summary>
    public Str ProfilePhone;

    /// <summary>See <see cref="ProfileName"/>.</summary>
    public Str ProfileExternalId;

    /// <summary>A validated profile (opening line, only when the aggregates are kept), order, touch or account settings.</summary>
    public object? Extra;

    /// <summary><c>Utf8Interner.Hash</c> of the conversation ID's bytes (computed in the parallel parse stage for the apply stage's lookup), or 0.</summary>
    public int ConversationHash;

    /// <summary><c>Utf8Interner.Hash</c> of the tag (tag line) or the skill (agent-message line), made in the parse stage, or 0.</summary>
    public int ValueHash;

    /// <summary>Whether the line names its account and conversation as valid IDs (then a rejected opening line can be tied to its conversation).</summary>
    public bool HasKey;
}

/// <summary>The fields a line may carry, one bit each.</summary>
internal enum Field
{
    Conversation = 0,
    Account = 1,
    At = 2,
    Type = 3,
    Channel = 4,
    Mode = 5,
    Text = 6,
    Profile = 7,
    Skill = 8,
    Products = 9,
    Product = 10,
    Tag = 11,
    Kind = 12,
    Reason = 13,
    Accepted = 14,
    By = 15,
    TimeZone = 16,
    FirstDayOfWeek = 17,
    Attribution = 18,
    Enabled = 19,
    Order = 20,
    Shopper = 21,
    Amount = 22,
    Currency = 23,
    Items = 24,
}
