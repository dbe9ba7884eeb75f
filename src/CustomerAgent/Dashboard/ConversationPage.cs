using NodaTime;

namespace CustomerAgent.Dashboard;

/// <summary>One page of the conversations table (R18) and the cursor of the next one.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ConversationPage
{
    internal ConversationPage(IReadOnlyList<ConversationRow> rows, string? nextCursor, Instant asOf, long matching)
    {
        Rows = rows;
        NextCursor = nextCursor;
        AsOf = asOf;
        MatchingCount = matching;
    }

    /// <summary>The rows, in the query's order.</summary>
    public IReadOnlyList<ConversationRow> Rows { get; }

    /// <summary>The opaque cursor of the next page, or <see langword="null"/> on the last page. Valid only with the same query and instant.</summary>
    public string? NextCursor { get; }

    /// <summary>The instant statuses are as of; pass it again with <see cref="NextCursor"/>.</summary>
    public Instant AsOf { get; }

    /// <summary>How many conversations match the filters and search (all pages).</summary>
    public long MatchingCount { get; }
}
