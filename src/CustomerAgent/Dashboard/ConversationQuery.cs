using CustomerAgent.Classification;
using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Dashboard;

/// <summary>The conversations table over in-memory conversations (R18, R19); see <see cref="IConversationQuery"/>.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
public sealed class ConversationQuery : IConversationQuery
{
    private readonly IConversationClassifier _classifier;

    /// <summary>Creates the query service.</summary>
    /// <param name="classifier">The status classifier.</param>
    /// <exception cref="ArgumentNullException"><paramref name="classifier"/> is null.</exception>
    public ConversationQuery(IConversationClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        _classifier = classifier;
    }

    /// <inheritdoc/>
    public ConversationPage Query(IEnumerable<Conversation> conversations, ConversationTableQuery query, Instant asOf, string? cursor = null, AgentSwitchTimeline? timeline = null)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        ArgumentNullException.ThrowIfNull(query);
        Preconditions.CheckInstant(asOf, "asOf");
        if (timeline is not null && timeline.AccountId != query.AccountId)
        {
            throw new CustomerAgentException("R12", "timeline.accountId", timeline.AccountId.Value, $"is not the query's account {Preconditions.Echo(query.AccountId.Value)}");
        }

        var fingerprint = TableCursor.FingerprintOf(query, asOf);
        var after = cursor is null ? null : TableCursor.Decode(cursor, fingerprint);
        var seen = new HashSet<ConversationId>();
        var matches = new List<(ConversationRow Row, TableKey Key)>();
        foreach (var conversation in conversations)
        {
            ArgumentNullException.ThrowIfNull(conversation, nameof(conversations));
            if (conversation.Header.AccountId != query.AccountId)
            {
                throw new CustomerAgentException("R18", "conversation.accountId", conversation.Header.AccountId.Value, $"is not the table's account {Preconditions.Echo(query.AccountId.Value)} (conversation {Preconditions.Echo(conversation.Id.Value)}); one account's data never shows in another's");
            }

            if (!seen.Add(conversation.Id))
            {
                throw new CustomerAgentException("R18", "conversations", conversation.Id.Value, "appears twice; each conversation is one row");
            }

            if (!conversation.IsCountedInMetrics
                || conversation.StartedAt > asOf
                || (timeline is not null && !timeline.IsEnabled(conversation.Channel, conversation.StartedAt)))
            {
                continue;
            }

            var row = Matches(conversation, query, asOf);
            if (row is not null)
            {
                matches.Add((row, TableKey.Of(row, query.SortBy)));
            }
        }

        var comparer = new TableKeyComparer(query.Direction);
        matches.Sort((a, b) => comparer.Compare(a.Key, b.Key));
        var first = 0;
        if (after is not null)
        {
            var key = new TableKey(after.Number, after.Text, after.Id);
            var lo = 0;
            var hi = matches.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (comparer.Compare(matches[mid].Key, key) <= 0)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            first = lo;
        }

        var count = Math.Min(query.PageSize, matches.Count - first);
        var rows = new ConversationRow[count];
        for (var i = 0; i < count; i++)
        {
            rows[i] = matches[first + i].Row;
        }

        string? next = null;
        if (first + count < matches.Count)
        {
            var last = matches[first + count - 1].Key;
            next = new TableCursor(fingerprint, last.Number, last.Text, last.Id).Encode();
        }

        return new ConversationPage(rows.AsReadOnly(), next, asOf, matches.Count);
    }

    /// <inheritdoc/>
    public ConversationThread Thread(Conversation conversation, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        Preconditions.CheckInstant(asOf, "asOf");
        var status = _classifier.Classify(conversation, asOf).Status;
        var row = new ConversationRow(conversation, status, conversation.FactsAsOf(asOf));
        var messages = new List<ThreadMessage>();
        var history = conversation.History;
        for (var i = 0; i < history.Count && history[i].At <= asOf; i++)
        {
            switch (history[i])
            {
                case ShopperMessageSent m:
                    messages.Add(new ThreadMessage(i, MessageAuthor.Shopper, m.At, m.Text, null, []));
                    break;
                case AgentMessageSent m:
                    messages.Add(new ThreadMessage(i, MessageAuthor.Agent, m.At, m.Text, m.Skill, m.Products));
                    break;
            }
        }

        return new ConversationThread(row, messages.AsReadOnly());
    }

    /// <summary>The row when the conversation passes the filters and the search (R18, R19), else null.</summary>
    private ConversationRow? Matches(Conversation conversation, ConversationTableQuery query, Instant asOf)
    {
        if ((query.Channel is { } channel && conversation.Channel != channel)
            || (query.Period is { } period && !period.Contains(conversation.StartedAt)))
        {
            return null;
        }

        var facts = conversation.FactsAsOf(asOf);
        if (query.Tag is { } tag && !facts.Tags.Contains(tag, StringComparer.Ordinal))
        {
            return null;
        }

        var status = _classifier.Classify(conversation, asOf).Status;
        if (query.Statuses.Count > 0 && !query.Statuses.Contains(status))
        {
            return null;
        }

        if (query.Search is { } search && !SearchMatches(conversation, search, asOf))
        {
            return null;
        }

        return new ConversationRow(conversation, status, facts);
    }

    /// <summary>Case-insensitive search (R18) over the first question, the profile's name, email and phone, and the message texts sent by <paramref name="asOf"/>.</summary>
    internal static bool SearchMatches(Conversation conversation, string search, Instant asOf)
    {
        var profile = conversation.Header.Profile;
        if (Has(conversation.FirstQuestion, search) || Has(profile.Name, search) || Has(profile.Email, search) || Has(profile.PhoneNumber, search))
        {
            return true;
        }

        foreach (var activity in conversation.History)
        {
            if (activity.At > asOf)
            {
                break;
            }

            if ((activity is ShopperMessageSent s && Has(s.Text, search)) || (activity is AgentMessageSent a && Has(a.Text, search)))
            {
                return true;
            }
        }

        return false;

        static bool Has(string? text, string search) => text is not null && text.Contains(search, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>A row's sort key: a number (instants, counts, status) or a text, then the ID.</summary>
internal readonly record struct TableKey(long Number, string? Text, string Id)
{
    /// <summary>Nanoseconds since the Unix epoch: exact for every supported instant (H6).</summary>
    internal static long Nanoseconds(Instant instant) => (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();

    internal static TableKey Of(ConversationRow row, ConversationSortColumn column) => column switch
    {
        ConversationSortColumn.LastUpdated => new(Nanoseconds(row.LastUpdated), null, row.Id.Value),
        ConversationSortColumn.Started => new(Nanoseconds(row.StartedAt), null, row.Id.Value),
        ConversationSortColumn.FirstQuestion => new(0, row.FirstQuestion, row.Id.Value),
        ConversationSortColumn.Profile => new(0, row.Profile, row.Id.Value),
        ConversationSortColumn.Status => new((long)row.Status, null, row.Id.Value),
        ConversationSortColumn.Tags => new(0, string.Join(", ", row.Tags), row.Id.Value),
        _ => new(row.MessageCount, null, row.Id.Value),
    };
}

/// <summary>The table's total order: number, then text (ignoring case, then ordinal), then ID (ordinal); reversed as a whole when descending.</summary>
internal sealed class TableKeyComparer(SortDirection direction) : IComparer<TableKey>
{
    public int Compare(TableKey x, TableKey y)
    {
        var c = x.Number.CompareTo(y.Number);
        if (c == 0)
        {
            c = string.Compare(x.Text, y.Text, StringComparison.OrdinalIgnoreCase);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(x.Text, y.Text);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(x.Id, y.Id);
        }

        return direction == SortDirection.Descending ? -c : c;
    }
}
