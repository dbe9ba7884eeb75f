namespace CustomerAgent.Dashboard;

/// <summary>The column the conversations table is sorted by (R18). Ties are broken by conversation ID (ordinal), so the order is total.</summary>
public enum ConversationSortColumn
{
    /// <summary>Last updated: the last message's instant (the default, newest first).</summary>
    LastUpdated = 0,

    /// <summary>When the conversation was initiated (the vendor's <c>created_at</c>).</summary>
    Started = 1,

    /// <summary>The first question, case-insensitive (ordinal ignoring case, then ordinal).</summary>
    FirstQuestion = 2,

    /// <summary>The profile's display name (R18), case-insensitive.</summary>
    Profile = 3,

    /// <summary>The status, in the order open, resolved by AI, not resolved by AI, closed.</summary>
    Status = 4,

    /// <summary>The tags, joined with ", " in order of first application, case-insensitive.</summary>
    Tags = 5,

    /// <summary>The number of messages exchanged.</summary>
    MessageCount = 6,
}
