using CustomerAgent.Dashboard;

namespace CustomerAgent.Web;

/// <summary>The names of the conversations table's sort columns, as the tool's <c>--sort</c> and the API's <c>sort</c> parameter take them.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class ConversationSortNames
{
    private static readonly KeyValuePair<string, ConversationSortColumn>[] Columns =
    [
        new("last-updated", ConversationSortColumn.LastUpdated),
        new("started", ConversationSortColumn.Started),
        new("first-question", ConversationSortColumn.FirstQuestion),
        new("profile", ConversationSortColumn.Profile),
        new("status", ConversationSortColumn.Status),
        new("tags", ConversationSortColumn.Tags),
        new("messages", ConversationSortColumn.MessageCount),
    ];

    /// <summary>Every name, the default (<c>last-updated</c>) first.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(Columns.Select(c => c.Key).ToArray());

    /// <summary>The column of a name (exact, lower case).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The column, or null when the name is none of <see cref="Names"/>.</returns>
    public static ConversationSortColumn? Parse(string? name)
    {
        foreach (var (key, column) in Columns)
        {
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                return column;
            }
        }

        return null;
    }

    /// <summary>The name of a column.</summary>
    /// <param name="column">The column.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The column is undefined.</exception>
    public static string NameOf(ConversationSortColumn column)
    {
        foreach (var (key, value) in Columns)
        {
            if (value == column)
            {
                return key;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(column), column, "The sort column is undefined.");
    }
}
