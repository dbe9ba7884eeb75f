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
        var (fingerprint, after) = Prepare(query, asOf, cursor, timeline);
        var seen = new HashSet<ConversationId>();
        var matches = new List<(ConversationRow Row, TableKey Key)>();
        foreach (var conversation in conversations)
        {
            ArgumentNullException.ThrowIfNull(conversation, nameof(conversations));
            CheckRow(conversation.Header.AccountId, conversation.Id, query, seen);
            var facts = conversation.FactsAsOf(asOf);
            if (!Passes(facts, query, asOf, timeline, out var status)
                || (query.Search is { } search && !SearchMatches(conversation, search, asOf)))
            {
                continue;
            }

            var row = new ConversationRow(conversation, status, facts);
            matches.Add((row, TableKey.Of(row, query.SortBy)));
        }

        var comparer = new TableKeyComparer(query.Direction);
        matches.Sort((a, b) => comparer.Compare(a.Key, b.Key));
        var (first, count) = Window(matches.Count, i => matches[i].Key, comparer, query, after);
        var rows = new ConversationRow[count];
        for (var i = 0; i < count; i++)
        {
            rows[i] = matches[first + i].Row;
        }

        return Page(rows, first, count, matches.Count, i => matches[i].Key, fingerprint, asOf);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The conversations table from conversations' facts (as of <paramref name="asOf"/>), for a host that keeps no texts: the
    /// rows of the page only get their first question and profile from <paramref name="openingOf"/>, called once per row shown.
    /// The filters (status, channel, tag, period) and the sorts by instant, status, tags and message count are those of
    /// <see cref="Query(IEnumerable{Conversation}, ConversationTableQuery, Instant, string?, AgentSwitchTimeline?)"/>, with the
    /// same keyset paging and cursors; a search or a sort by first question or profile needs the texts of every row, so it is
    /// rejected here (query the aggregates instead).
    /// </remarks>
    public ConversationPage QueryFacts(IEnumerable<KeyValuePair<ConversationId, ConversationFacts>> conversations, ConversationTableQuery query, Instant asOf, Func<ConversationId, ConversationOpening> openingOf, string? cursor = null, AgentSwitchTimeline? timeline = null)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        ArgumentNullException.ThrowIfNull(openingOf);
        var (fingerprint, cursorKey) = Prepare(query, asOf, cursor, timeline);
        RejectTextQueries(query);

        // One pass, keeping only the page: every match is counted, and of those after the cursor the first PageSize in table
        // order are kept in a bounded heap (worst on top), so a page of a million rows costs O(N log PageSize), never a full sort.
        var comparer = new TableKeyComparer(query.Direction);
        var after = cursorKey is null ? (TableKey?)null : new TableKey(cursorKey.Number, cursorKey.Text, cursorKey.Id);
        var worstFirst = Comparer<TableKey>.Create((a, b) => comparer.Compare(b, a));
        var page = new PriorityQueue<(ConversationId Id, ConversationFacts Facts, ConversationStatus Status), TableKey>(query.PageSize + 1, worstFirst);
        var matching = 0;
        var afterCount = 0;
        foreach (var (id, facts, status) in Matching(conversations, query, asOf, timeline))
        {
            matching++;
            var key = TableKey.Of(facts, id, status, query.SortBy);
            if (after is { } a && comparer.Compare(key, a) <= 0)
            {
                continue;
            }

            afterCount++;
            if (page.Count < query.PageSize)
            {
                page.Enqueue((id, facts, status), key);
            }
            else if (page.TryPeek(out _, out var worst) && comparer.Compare(key, worst) < 0)
            {
                page.DequeueEnqueue((id, facts, status), key);
            }
        }

        var kept = new (TableKey Key, ConversationId Id, ConversationFacts Facts, ConversationStatus Status)[page.Count];
        for (var i = kept.Length - 1; page.TryDequeue(out var entry, out var key); i--)
        {
            kept[i] = (key, entry.Id, entry.Facts, entry.Status);
        }

        var rows = new ConversationRow[kept.Length];
        for (var i = 0; i < kept.Length; i++)
        {
            var (_, id, facts, status) = kept[i];
            var opening = openingOf(id) ?? throw new ArgumentException($"openingOf returned null for conversation {Preconditions.Echo(id.Value)}", nameof(openingOf));
            rows[i] = new ConversationRow(id, opening.FirstQuestion, opening.Profile, status, facts);
        }

        string? next = null;
        if (afterCount > kept.Length)
        {
            var last = kept[^1].Key;
            next = new TableCursor(fingerprint, last.Number, last.Text, last.Id).Encode();
        }

        return new ConversationPage(rows.AsReadOnly(), next, asOf, matching);
    }

    /// <summary>
    /// Every row of the conversations table from conversations' facts, in table order (the query's sort and direction; no page,
    /// no cursor): an export of the whole table. The filters and checks are those of
    /// <see cref="QueryFacts(IEnumerable{KeyValuePair{ConversationId, ConversationFacts}}, ConversationTableQuery, Instant, Func{ConversationId, ConversationOpening}, string?, AgentSwitchTimeline?)"/>;
    /// the matches are sorted once (O(N log N), never page after page) and each row gets its first question and profile from
    /// <paramref name="openingOf"/> only when it is enumerated, so a host writes the rows as they come.
    /// </summary>
    /// <param name="conversations">Each conversation's facts as of <paramref name="asOf"/> (default facts: not started by then).</param>
    /// <param name="query">The table's account, filters and sort; its page size is not used.</param>
    /// <param name="asOf">The instant statuses are as of.</param>
    /// <param name="openingOf">A row's first question and profile, called once per row enumerated.</param>
    /// <param name="timeline">The account's agent switch timeline (R12), or null.</param>
    /// <returns>The rows, in table order; the checks run before the first row is asked for.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="CustomerAgentException">As <see cref="QueryFacts(IEnumerable{KeyValuePair{ConversationId, ConversationFacts}}, ConversationTableQuery, Instant, Func{ConversationId, ConversationOpening}, string?, AgentSwitchTimeline?)"/>.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "A member of the query service, as QueryFacts is")]
    public IEnumerable<ConversationRow> AllRowsOfFacts(IEnumerable<KeyValuePair<ConversationId, ConversationFacts>> conversations, ConversationTableQuery query, Instant asOf, Func<ConversationId, ConversationOpening> openingOf, AgentSwitchTimeline? timeline = null)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        ArgumentNullException.ThrowIfNull(openingOf);
        _ = Prepare(query, asOf, null, timeline);
        RejectTextQueries(query);

        // the same checks and filters as QueryFacts (Matching), every match kept
        var matches = new List<(TableKey Key, ConversationId Id, ConversationFacts Facts, ConversationStatus Status)>();
        foreach (var (id, facts, status) in Matching(conversations, query, asOf, timeline))
        {
            matches.Add((TableKey.Of(facts, id, status, query.SortBy), id, facts, status));
        }

        var comparer = new TableKeyComparer(query.Direction);
        matches.Sort((a, b) => comparer.Compare(a.Key, b.Key));
        return RowsOf(matches, openingOf);
    }

    /// <summary>R18: a table query of one account answered from another account's conversations is rejected (one account's data never shows in another's).</summary>
    /// <exception cref="CustomerAgentException"><paramref name="query"/> names another account than <paramref name="accountId"/> (R18).</exception>
    internal static void CheckAccount(ConversationTableQuery query, AccountId accountId)
    {
        if (query.AccountId != accountId)
        {
            throw new CustomerAgentException("R18", "query.accountId", query.AccountId.Value, $"is not this log's account {CustomerAgentException.Cut(accountId.Value)}; one account's data never shows in another's");
        }
    }

    /// <summary>R18: a search or a sort by first question or profile needs every row's texts, which facts do not hold.</summary>
    private static void RejectTextQueries(ConversationTableQuery query)
    {
        if (query.Search is not null || query.SortBy is ConversationSortColumn.FirstQuestion or ConversationSortColumn.Profile)
        {
            throw new CustomerAgentException("R18", query.Search is not null ? "query.search" : "query.sortBy", query.Search ?? query.SortBy.ToString(), "needs every conversation's texts; query the conversations themselves (Conversation aggregates) for a search or a sort by first question or profile");
        }
    }

    /// <summary>
    /// The conversations the table shows, each with its status as of <paramref name="asOf"/>, after the checks every facts query
    /// makes: an ID is set and appears once (R18), facts hold nothing after <paramref name="asOf"/> (D1); conversations not
    /// started by then are skipped, the filters applied (<c>Passes</c>).
    /// </summary>
    private static IEnumerable<(ConversationId Id, ConversationFacts Facts, ConversationStatus Status)> Matching(IEnumerable<KeyValuePair<ConversationId, ConversationFacts>> conversations, ConversationTableQuery query, Instant asOf, AgentSwitchTimeline? timeline)
    {
        var seen = new HashSet<ConversationId>();
        var asOfNanos = UnixNanoseconds.From(asOf);
        foreach (var (id, facts) in conversations)
        {
            if (id.IsDefault)
            {
                throw new CustomerAgentException("ID", "conversation", null, "must be set (default(ConversationId) names no conversation)");
            }

            if (!seen.Add(id))
            {
                throw new CustomerAgentException("R18", "conversations", id.Value, "appears twice; each conversation is one row");
            }

            if (facts.IsDefault)
            {
                continue; // not started by asOf
            }

            if (facts.Row.LastActivityAt > asOfNanos)
            {
                throw new CustomerAgentException("D1", "facts", id.Value, $"hold activity after {Preconditions.Format(asOf)}; give each conversation's facts as of the query's instant");
            }

            if (Passes(facts, query, asOf, timeline, out var status))
            {
                yield return (id, facts, status);
            }
        }
    }

    private static IEnumerable<ConversationRow> RowsOf(List<(TableKey Key, ConversationId Id, ConversationFacts Facts, ConversationStatus Status)> matches, Func<ConversationId, ConversationOpening> openingOf)
    {
        foreach (var (_, id, facts, status) in matches)
        {
            var opening = openingOf(id) ?? throw new ArgumentException($"openingOf returned null for conversation {Preconditions.Echo(id.Value)}", nameof(openingOf));
            yield return new ConversationRow(id, opening.FirstQuestion, opening.Profile, status, facts);
        }
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
                    messages.Add(new ThreadMessage(messages.Count, MessageAuthor.Shopper, m.At, m.Text, null, []));
                    break;
                case AgentMessageSent m:
                    messages.Add(new ThreadMessage(messages.Count, MessageAuthor.Agent, m.At, m.Text, m.Skill, m.Products));
                    break;
            }
        }

        return new ConversationThread(row, messages.AsReadOnly());
    }

    /// <summary>The query's checks and its cursor.</summary>
    private static (ulong Fingerprint, TableCursor? After) Prepare(ConversationTableQuery query, Instant asOf, string? cursor, AgentSwitchTimeline? timeline)
    {
        ArgumentNullException.ThrowIfNull(query);
        Preconditions.CheckInstant(asOf, "asOf");
        if (timeline is not null && timeline.AccountId != query.AccountId)
        {
            throw new CustomerAgentException("R12", "timeline.accountId", timeline.AccountId.Value, $"is not the query's account {Preconditions.Echo(query.AccountId.Value)}");
        }

        var fingerprint = TableCursor.FingerprintOf(query, asOf);
        return (fingerprint, cursor is null ? null : TableCursor.Decode(cursor, fingerprint));
    }

    /// <summary>One row per conversation, of the table's account only (R18).</summary>
    private static void CheckRow(AccountId account, ConversationId id, ConversationTableQuery query, HashSet<ConversationId> seen)
    {
        if (account != query.AccountId)
        {
            throw new CustomerAgentException("R18", "conversation.accountId", account.Value, $"is not the table's account {Preconditions.Echo(query.AccountId.Value)} (conversation {Preconditions.Echo(id.Value)}); one account's data never shows in another's");
        }

        if (!seen.Add(id))
        {
            throw new CustomerAgentException("R18", "conversations", id.Value, "appears twice; each conversation is one row");
        }
    }

    /// <summary>Whether the facts (as of <paramref name="asOf"/>) give a row: the conversation counts (R20, R12), had started, and passes the filters (R19).</summary>
    private static bool Passes(in ConversationFacts facts, ConversationTableQuery query, Instant asOf, AgentSwitchTimeline? timeline, out ConversationStatus status)
    {
        status = default;
        if (facts.IsDefault
            || !ConversationCohort.Counts(facts, timeline)
            || (query.Channel is { } channel && facts.Channel != channel)
            || (query.Period is { } period && !period.Contains(facts.StartedAt))
            || (query.Tag is { } tag && !facts.HasTag(tag)))
        {
            return false;
        }

        status = ConversationClassifier.StatusCode(facts, UnixNanoseconds.From(asOf));
        return query.Statuses.Count == 0 || query.Statuses.Contains(status);
    }

    /// <summary>The page's first row and row count: after the cursor's key, at most the page size.</summary>
    private static (int First, int Count) Window(int matches, Func<int, TableKey> keyAt, TableKeyComparer comparer, ConversationTableQuery query, TableCursor? after)
    {
        var first = 0;
        if (after is not null)
        {
            var key = new TableKey(after.Number, after.Text, after.Id);
            var lo = 0;
            var hi = matches;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (comparer.Compare(keyAt(mid), key) <= 0)
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

        return (first, Math.Min(query.PageSize, matches - first));
    }

    private static ConversationPage Page(ConversationRow[] rows, int first, int count, int matches, Func<int, TableKey> keyAt, ulong fingerprint, Instant asOf)
    {
        string? next = null;
        if (first + count < matches)
        {
            var last = keyAt(first + count - 1);
            next = new TableCursor(fingerprint, last.Number, last.Text, last.Id).Encode();
        }

        return new ConversationPage(rows.AsReadOnly(), next, asOf, matches);
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

    internal static TableKey Of(in ConversationFacts facts, ConversationId id, ConversationStatus status, ConversationSortColumn column) => column switch
    {
        ConversationSortColumn.LastUpdated => new(facts.Row.LastMessageAt, null, id.Value),
        ConversationSortColumn.Started => new(facts.Row.StartedAt, null, id.Value),
        ConversationSortColumn.Status => new((long)status, null, id.Value),
        ConversationSortColumn.Tags => new(0, string.Join(", ", facts.Tags), id.Value),
        ConversationSortColumn.MessageCount => new(facts.Row.MessageCount, null, id.Value),
        _ => throw new CustomerAgentException("R18", "query.sortBy", column.ToString(), "needs the conversations' texts"),
    };

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
