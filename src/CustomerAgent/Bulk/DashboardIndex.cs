using System.Buffers;
using CustomerAgent.Classification;
using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using NodaTime;

namespace CustomerAgent.Bulk;

/// <summary>
/// One account's conversations (aggregates, with their texts) indexed once for the overview dashboard, so that a report
/// (<see cref="Accumulate"/>) or a page of the conversations table (<see cref="Query"/>) costs a few passes over arrays, not
/// a pass over the conversations: for a host whose conversations no longer change (a log read once).
/// </summary>
/// <remarks>
/// <para>
/// <b>What is done once</b>: the cohort that never depends on the instant (R20 live only, R12 begun while the agent was on
/// for the channel: <see cref="ConversationCohort.Counts"/>), in order of start; the status columns
/// (<see cref="ConversationBatch"/>); each conversation's tags and skills as a set number; the table's order for every sort
/// column that does not depend on the instant (last updated, started, first question, profile, tags, messages, and the IDs
/// for the sort by status), with the table's own comparer; and every distinct search text once, in flat blocks.
/// </para>
/// <para>
/// <b>What is done per call</b>: the statuses as of the instant (R1–R5, by <see cref="BulkStatusClassifier"/>), the rows of
/// the period (two binary searches on the start column: R13, R14), the counts (R15), the filters and the search (R18, R19),
/// and a walk of the sort order from the cursor's place (R18 keyset paging).
/// </para>
/// <para>
/// <b>Answers</b>: exactly those of <see cref="DashboardAccumulator"/> over the same conversations and of
/// <see cref="ConversationQuery.Query"/> (rows, cursors, matching counts), as of any instant at or after
/// <see cref="LatestActivityAt"/> (D1: the index holds the conversations' final facts; an earlier instant is refused).
/// </para>
/// <para>Immutable once built; safe to call from several threads at once.</para>
/// </remarks>
public sealed class DashboardIndex
{
    private readonly ConversationPolicy _policy;
    private readonly BulkStatusClassifier _statuses;
    private readonly long _latest;

    // per row (the counted conversations, in order of start then ID)
    private readonly Conversation[] _conversations;
    private readonly string[] _ids;
    private readonly long[] _starts;
    private readonly long[] _lastMessages;
    private readonly int[] _messageCounts;
    private readonly byte[] _channels;
    private readonly string[] _firstQuestions;
    private readonly string[] _profiles;
    private readonly int[] _tagSet;
    private readonly int[] _skillSet;
    private readonly ConversationBatch _batch;

    // the distinct tag lists and skill lists
    private readonly string[][] _tagSets;
    private readonly string[] _tagSetTexts;
    private readonly string[][] _skillSets;

    // the table's ascending order per column (Started is the row order itself; ById serves the sort by status)
    private readonly int[] _byLastUpdated;
    private readonly int[] _byMessages;
    private readonly int[] _byTags;
    private readonly int[] _byFirstQuestion;
    private readonly int[] _byProfile;
    private readonly int[] _byId;

    private readonly SearchTexts _texts;

    private DashboardIndex(AccountId accountId, ConversationPolicy policy, AgentSwitchTimeline? timeline, List<Conversation> counted, long latest, int total)
    {
        AccountId = accountId;
        _policy = policy;
        _statuses = new BulkStatusClassifier(policy);
        Timeline = timeline;
        _latest = latest;
        ConversationCount = total;

        var comparer = new TableKeyComparer(SortDirection.Ascending);
        var byStart = counted.Select(c => (Key: new TableKey(UnixNanoseconds.From(c.StartedAt), null, c.Id.Value), Conversation: c)).ToArray();
        Array.Sort(byStart, (a, b) => comparer.Compare(a.Key, b.Key));

        var n = byStart.Length;
        _conversations = new Conversation[n];
        _ids = new string[n];
        _starts = new long[n];
        _lastMessages = new long[n];
        _messageCounts = new int[n];
        _channels = new byte[n];
        _firstQuestions = new string[n];
        _profiles = new string[n];
        _tagSet = new int[n];
        _skillSet = new int[n];
        var builder = new ConversationBatchBuilder(accountId, policy, n);
        var tagSets = new Dictionary<string, int>(StringComparer.Ordinal);
        var tagLists = new List<string[]>();
        var skillSets = new Dictionary<string, int>(StringComparer.Ordinal);
        var skillLists = new List<string[]>();
        for (var r = 0; r < n; r++)
        {
            var c = byStart[r].Conversation;
            var facts = c.Facts;
            _conversations[r] = c;
            _ids[r] = c.Id.Value;
            _starts[r] = facts.Row.StartedAt;
            _lastMessages[r] = facts.Row.LastMessageAt;
            _messageCounts[r] = facts.Row.MessageCount;
            _channels[r] = facts.Row.Channel;
            _firstQuestions[r] = c.FirstQuestion;
            _profiles[r] = c.Header.Profile.DisplayName;
            _tagSet[r] = SetOf(facts.Tags, tagSets, tagLists);
            _skillSet[r] = SetOf(facts.SkillInvocations.Select(s => s.Skill).ToArray(), skillSets, skillLists);
            builder.Add(facts);
        }

        _batch = builder.Build();
        _tagSets = [.. tagLists];
        _tagSetTexts = [.. tagLists.Select(t => string.Join(", ", t))];
        _skillSets = [.. skillLists];

        int[] Order(Func<int, TableKey> key)
        {
            var order = new int[n];
            for (var i = 0; i < n; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, (a, b) => comparer.Compare(key(a), key(b)));
            return order;
        }

        int[] byLastUpdated = [], byMessages = [], byTags = [], byFirstQuestion = [], byProfile = [], byId = [];
        SearchTexts? texts = null;
        Parallel.Invoke(
            () => byLastUpdated = Order(r => new TableKey(_lastMessages[r], null, _ids[r])),
            () => byMessages = Order(r => new TableKey(_messageCounts[r], null, _ids[r])),
            () => byTags = Order(r => new TableKey(0, _tagSetTexts[_tagSet[r]], _ids[r])),
            () => byFirstQuestion = Order(r => new TableKey(0, _firstQuestions[r], _ids[r])),
            () => byProfile = Order(r => new TableKey(0, _profiles[r], _ids[r])),
            () => byId = Order(r => new TableKey(0, null, _ids[r])),
            () => texts = SearchTexts.Create(_conversations));
        (_byLastUpdated, _byMessages, _byTags, _byFirstQuestion, _byProfile, _byId, _texts) = (byLastUpdated, byMessages, byTags, byFirstQuestion, byProfile, byId, texts!);
    }

    /// <summary>The account.</summary>
    public AccountId AccountId { get; }

    /// <summary>The policy (inactivity timeout) the conversations live by (D1).</summary>
    public ConversationPolicy Policy => _policy;

    /// <summary>The account's agent switch timeline (R12), or null.</summary>
    public AgentSwitchTimeline? Timeline { get; }

    /// <summary>The conversations given (preview ones and those begun while the agent was off included).</summary>
    public int ConversationCount { get; }

    /// <summary>The conversations that count (R20, R12): the rows of the reports and the table.</summary>
    public int CountedCount => _conversations.Length;

    /// <summary>The latest activity of any conversation given, or null without any: the earliest instant the index answers for (D1).</summary>
    public Instant? LatestActivityAt => ConversationCount == 0 ? null : UnixNanoseconds.ToInstant(_latest);

    /// <summary>Indexes one account's conversations.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="policy">The policy the conversations live by.</param>
    /// <param name="conversations">The account's conversations (any order; preview ones and those begun while the agent was off are left out of the rows, R20, R12).</param>
    /// <param name="timeline">The account's agent switch timeline (R12), or null when every conversation given was collected.</param>
    /// <returns>The index.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/>, <paramref name="conversations"/> or an element is null.</exception>
    /// <exception cref="CustomerAgentException">The account ID is default (ID), a conversation belongs to another account or appears twice (R18), lives by another policy (D1), or the timeline is another account's (R12).</exception>
    public static DashboardIndex Create(AccountId accountId, ConversationPolicy policy, IEnumerable<Conversation> conversations, AgentSwitchTimeline? timeline = null)
    {
        AccountId.CheckSet(accountId);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(conversations);
        if (timeline is not null && timeline.AccountId != accountId)
        {
            throw new CustomerAgentException("R12", "timeline.accountId", timeline.AccountId.Value, $"is not the index's account {Preconditions.Echo(accountId.Value)}; one account's switch never decides for another's data");
        }

        var seen = new HashSet<ConversationId>();
        var counted = new List<Conversation>();
        var latest = long.MinValue;
        var total = 0;
        foreach (var conversation in conversations)
        {
            ArgumentNullException.ThrowIfNull(conversation, nameof(conversations));
            if (conversation.Header.AccountId != accountId)
            {
                throw new CustomerAgentException("R18", "conversation.accountId", conversation.Header.AccountId.Value, $"is not the index's account {Preconditions.Echo(accountId.Value)} (conversation {Preconditions.Echo(conversation.Id.Value)}); one account's data never shows in another's");
            }

            if (!seen.Add(conversation.Id))
            {
                throw new CustomerAgentException("R18", "conversations", conversation.Id.Value, "appears twice; each conversation is one row");
            }

            policy.CheckGoverns(conversation, nameof(DashboardIndex));
            latest = Math.Max(latest, UnixNanoseconds.From(conversation.LastActivityAt));
            total++;
            if (ConversationCohort.Counts(conversation.Facts, timeline))
            {
                counted.Add(conversation);
            }
        }

        return new DashboardIndex(accountId, policy, timeline, counted, latest, total);
    }

    /// <summary>
    /// The dashboard's counts for <paramref name="period"/> as of <paramref name="asOf"/>: the accumulator
    /// <see cref="DashboardAccumulator"/> would hold after adding every conversation given (the cohort of R15: initiated in
    /// the period and not after <paramref name="asOf"/>, R20, R12; statuses, days, tags and skills as of <paramref name="asOf"/>).
    /// </summary>
    /// <param name="period">The period; it names this account.</param>
    /// <param name="asOf">The instant, at or after <see cref="LatestActivityAt"/>.</param>
    /// <returns>The filled accumulator (<see cref="DashboardAccumulator.ToReport"/> takes the sales).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="period"/> is null.</exception>
    /// <exception cref="CustomerAgentException">The period is another account's (R15), <paramref name="asOf"/> is outside the supported instants (H6) or before <see cref="LatestActivityAt"/> (D1).</exception>
    public DashboardAccumulator Accumulate(ReportingPeriod period, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (period.AccountId != AccountId)
        {
            throw new CustomerAgentException("R15", "period.accountId", period.AccountId.Value, $"is not the index's account {Preconditions.Echo(AccountId.Value)}; one account's data never counts in another's");
        }

        var t = CheckAsOf(asOf);
        var accumulator = new DashboardAccumulator(period, asOf, new ConversationClassifier(_policy), Timeline);

        // the cohort (R15): started in [period start, period end) and not after asOf, a range of rows in order of start
        var lo = LowerBound(_starts, 0, _starts.Length, UnixNanoseconds.From(period.Start));
        var hi = LowerBound(_starts, lo, _starts.Length, Math.Min(UnixNanoseconds.From(period.End), t == long.MaxValue ? t : t + 1));
        var days = period.DayCount;
        var cells = new long[days * DashboardCells.PerDay];
        var untagged = new long[days];
        var byTag = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var skillCounts = new long[_skillSets.Length];
        var tagCounts = new int[_tagSets.Length];
        var touched = new List<int>();
        // Stryker disable once Arithmetic : a rented capacity; only the first hi - lo elements are used
        var statuses = ArrayPool<ConversationStatus>.Shared.Rent(Math.Max(1, hi - lo));
        try
        {
            _statuses.Classify(_batch, lo, hi - lo, asOf, statuses.AsSpan(0, hi - lo));
            var from = lo;
            for (var d = 0; d < days; d++)
            {
                // the rows of local day d: [its start, the next day's start) (R14); a day the zone skips is empty
                var end = d + 1 < days ? UnixNanoseconds.From(period.DayInterval(d + 1).Start) : long.MaxValue;
                var to = LowerBound(_starts, from, hi, end);
                for (var r = from; r < to; r++)
                {
                    var channel = _channels[r];
                    var status = (int)statuses[r - lo];
                    cells[(d * DashboardCells.PerDay) + (channel * DashboardCells.Statuses) + status]++;
                    skillCounts[_skillSet[r]]++;
                    if (tagCounts[_tagSet[r]]++ == 0)
                    {
                        touched.Add(_tagSet[r]);
                    }
                }

                foreach (var set in touched)
                {
                    var tags = _tagSets[set];
                    if (tags.Length == 0)
                    {
                        untagged[d] += tagCounts[set];
                    }

                    foreach (var tag in tags)
                    {
                        if (!byTag.TryGetValue(tag, out var perDay))
                        {
                            byTag.Add(tag, perDay = new long[days]);
                        }

                        perDay[d] += tagCounts[set];
                    }

                    tagCounts[set] = 0;
                }

                // Stryker disable once Statement : without the clear, the next day walks the earlier sets again with counts already reset to 0, adding nothing
                touched.Clear();
                from = to;
            }
        }
        finally
        {
            // Stryker disable once Statement : returning a rented array to the pool; not returning it changes no result
            ArrayPool<ConversationStatus>.Shared.Return(statuses);
        }

        var skills = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var s = 0; s < skillCounts.Length; s++)
        {
            foreach (var skill in _skillSets[s])
            {
                if (skillCounts[s] > 0)
                {
                    skills[skill] = skills.GetValueOrDefault(skill) + skillCounts[s];
                }
            }
        }

        accumulator.AddIndexed(hi - lo, cells, untagged, byTag, skills);
        return accumulator;
    }

    /// <summary>
    /// A page of the conversations table (R18, R19) as of <paramref name="asOf"/>: the page <see cref="ConversationQuery.Query"/>
    /// gives on the same conversations (rows, next cursor, matching count), filters, search, sort and cursor included.
    /// </summary>
    /// <param name="query">The query; it names this account.</param>
    /// <param name="asOf">The instant statuses are as of, at or after <see cref="LatestActivityAt"/>; pass the page's <see cref="ConversationPage.AsOf"/> again with its cursor.</param>
    /// <param name="cursor">The previous page's <see cref="ConversationPage.NextCursor"/>, or null.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="CustomerAgentException">The query is another account's, or its cursor is forged or stale (R18); <paramref name="asOf"/> is outside the supported instants (H6) or before <see cref="LatestActivityAt"/> (D1).</exception>
    public ConversationPage Query(ConversationTableQuery query, Instant asOf, string? cursor = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        Preconditions.CheckInstant(asOf, "asOf");
        ConversationQuery.CheckAccount(query, AccountId);
        var fingerprint = TableCursor.FingerprintOf(query, asOf);
        var after = cursor is null ? null : TableCursor.Decode(cursor, fingerprint);
        var t = CheckAsOf(asOf);

        var n = _conversations.Length;
        var (lo, hi) = query.Period is { } period
            ? (LowerBound(_starts, 0, n, UnixNanoseconds.From(period.Start)), LowerBound(_starts, 0, n, UnixNanoseconds.From(period.End)))
            : (0, n);
        var needStatuses = query.Statuses.Count > 0 || query.SortBy == ConversationSortColumn.Status;
        var statuses = needStatuses ? ArrayPool<ConversationStatus>.Shared.Rent(Math.Max(1, n)) : null;
        var filtered = query.Statuses.Count > 0 || query.Channel is not null || query.Tag is not null || query.Search is not null;
        var mask = filtered ? ArrayPool<bool>.Shared.Rent(Math.Max(1, n)) : null;
        var statusOrder = query.SortBy == ConversationSortColumn.Status ? ArrayPool<int>.Shared.Rent(Math.Max(1, n)) : null;
        try
        {
            if (statuses is not null)
            {
                _statuses.Classify(_batch, 0, n, asOf, statuses.AsSpan(0, n));
            }

            var matching = hi - lo;
            if (mask is not null)
            {
                matching = Filter(query, statuses, mask, lo, hi);
            }

            var order = query.SortBy switch
            {
                ConversationSortColumn.LastUpdated => _byLastUpdated,
                ConversationSortColumn.Started => null,
                ConversationSortColumn.MessageCount => _byMessages,
                ConversationSortColumn.Tags => _byTags,
                ConversationSortColumn.FirstQuestion => _byFirstQuestion,
                ConversationSortColumn.Profile => _byProfile,
                _ => StatusOrder(statuses!, statusOrder!),
            };

            TableKey Key(int position)
            {
                var r = order is null ? position : order[position];
                return query.SortBy switch
                {
                    ConversationSortColumn.LastUpdated => new(_lastMessages[r], null, _ids[r]),
                    ConversationSortColumn.Started => new(_starts[r], null, _ids[r]),
                    ConversationSortColumn.MessageCount => new(_messageCounts[r], null, _ids[r]),
                    ConversationSortColumn.Tags => new(0, _tagSetTexts[_tagSet[r]], _ids[r]),
                    ConversationSortColumn.FirstQuestion => new(0, _firstQuestions[r], _ids[r]),
                    ConversationSortColumn.Profile => new(0, _profiles[r], _ids[r]),
                    _ => new((long)statuses![r], null, _ids[r]),
                };
            }

            // the first position after the cursor's key, walking up (ascending) or down (descending) the ascending order
            var ascending = query.Direction == SortDirection.Ascending;
            int position;
            if (after is null)
            {
                position = ascending ? 0 : n - 1;
            }
            else
            {
                var key = new TableKey(after.Number, after.Text, after.Id);
                var comparer = new TableKeyComparer(SortDirection.Ascending);
                int low = 0, high = n;
                while (low < high)
                {
                    var mid = (low + high) >>> 1;
                    var c = comparer.Compare(Key(mid), key);
                    if (c < 0 || (ascending && c == 0))
                    {
                        low = mid + 1;
                    }
                    else
                    {
                        high = mid;
                    }
                }

                position = ascending ? low : low - 1;
            }

            var step = ascending ? 1 : -1;
            // Stryker disable once Linq : a capacity
            var rows = new List<ConversationRow>(Math.Min(query.PageSize, matching));
            // Stryker disable once Unary : read only once a page is full, by then set to the last row taken
            var lastPosition = -1;
            var more = false;
            for (; position >= 0 && position < n; position += step)
            {
                var r = order is null ? position : order[position];
                if (r < lo || r >= hi || (mask is not null && !mask[r]))
                {
                    continue;
                }

                if (rows.Count == query.PageSize)
                {
                    more = true;
                    break;
                }

                var conversation = _conversations[r];
                var facts = conversation.Facts;
                var status = statuses is not null ? statuses[r] : ConversationClassifier.StatusCode(facts, t);
                rows.Add(new ConversationRow(conversation, status, facts));
                lastPosition = position;
            }

            string? next = null;
            if (more)
            {
                var last = Key(lastPosition);
                next = new TableCursor(fingerprint, last.Number, last.Text, last.Id).Encode();
            }

            return new ConversationPage(rows.AsReadOnly(), next, asOf, matching);
        }
        finally
        {
            if (statuses is not null)
            {
                // Stryker disable once Statement : returning a rented array to the pool; not returning it changes no result
                ArrayPool<ConversationStatus>.Shared.Return(statuses);
            }

            if (mask is not null)
            {
                // Stryker disable once Statement : returning a rented array to the pool; not returning it changes no result
                ArrayPool<bool>.Shared.Return(mask);
            }

            if (statusOrder is not null)
            {
                // Stryker disable once Statement : returning a rented array to the pool; not returning it changes no result
                ArrayPool<int>.Shared.Return(statusOrder);
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"DashboardIndex({AccountId}, {CountedCount} of {ConversationCount} conversations counted)";

    /// <summary>Marks the rows of [<paramref name="lo"/>, <paramref name="hi"/>) that pass the filters and the search (R18, R19); returns how many do.</summary>
    private int Filter(ConversationTableQuery query, ConversationStatus[]? statuses, bool[] mask, int lo, int hi)
    {
        var wantedStatus = new bool[ChannelStatusCounts.StatusCount];
        foreach (var s in query.Statuses)
        {
            wantedStatus[(int)s] = true;
        }

        var anyStatus = query.Statuses.Count == 0;
        var channel = query.Channel is { } c ? (int)c : -1;
        var tagged = query.Tag is { } tag ? Array.ConvertAll(_tagSets, set => Array.IndexOf(set, tag) >= 0) : null;
        var texts = query.Search is { } search ? _texts.Matching(search) : null;
        var matching = 0;
        for (var r = lo; r < hi; r++)
        {
            var pass = (channel < 0 || _channels[r] == channel)
                && (tagged is null || tagged[_tagSet[r]])
                && (anyStatus || wantedStatus[(int)statuses![r]])
                && (texts is null || _texts.RowMatches(r, texts));
            mask[r] = pass;
            matching += pass ? 1 : 0;
        }

        return matching;
    }

    /// <summary>The rows in order of status then ID (the table's order for the sort by status, R18): the IDs' order split by status, stably.</summary>
    private int[] StatusOrder(ConversationStatus[] statuses, int[] order)
    {
        var next = new int[ChannelStatusCounts.StatusCount + 1];
        for (var r = 0; r < _byId.Length; r++)
        {
            next[(int)statuses[r] + 1]++;
        }

        for (var s = 1; s < next.Length; s++)
        {
            next[s] += next[s - 1];
        }

        foreach (var r in _byId)
        {
            order[next[(int)statuses[r]]++] = r;
        }

        return order;
    }

    /// <summary>D1: the index holds final facts, which answer for any instant from the latest activity on.</summary>
    private long CheckAsOf(Instant asOf)
    {
        var t = UnixNanoseconds.From(Preconditions.CheckInstant(asOf, "asOf"));
        if (ConversationCount > 0 && t < _latest)
        {
            throw new CustomerAgentException("D1", "asOf", Preconditions.Format(asOf), $"is before {Preconditions.Format(UnixNanoseconds.ToInstant(_latest))}, the latest activity of the indexed conversations; the index holds their final facts, which answer only from then on (query the conversations themselves to look back)");
        }

        return t;
    }

    /// <summary>The number of the list <paramref name="items"/> among the distinct lists so far.</summary>
    private static int SetOf(IReadOnlyList<string> items, Dictionary<string, int> numbers, List<string[]> lists)
    {
        var key = string.Concat(items.Select(i => i.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + i));
        if (!numbers.TryGetValue(key, out var number))
        {
            number = lists.Count;
            // Stryker disable once Statement : without it every list gets a number of its own; equal lists then hold the same items under two numbers, counted the same
            numbers.Add(key, number);
            lists.Add([.. items]);
        }

        return number;
    }

    /// <summary>The first index in [<paramref name="from"/>, <paramref name="to"/>) whose value is at least <paramref name="value"/> (the values are sorted).</summary>
    private static int LowerBound(long[] sorted, int from, int to, long value) => BulkDashboard.LowerBound(sorted.AsSpan(0, to), from, value);
}
