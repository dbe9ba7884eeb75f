using CustomerAgent.Attribution;
using CustomerAgent.Bulk;
using CustomerAgent.Classification;
using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using CustomerAgent.Events;
using CustomerAgent.Segments;
using NodaTime;
using NodaTime.Text;

namespace CustomerAgent.ActivityLog;

/// <summary>
/// One account's part of a log: settings, agent switches, orders, touches and the lean state of its conversations, with the
/// counts the report needs. Safe to read from several threads once the read has returned.
/// </summary>
public sealed class AccountLog
{
    private readonly Applier _applier;
    private readonly int[] _conversations;
    private readonly ConversationPolicy _policy;
    private readonly Instant? _cutoff;
    private readonly bool _countsOnly;
    private readonly Order[] _orders;
    private readonly Touch[] _touches;
    private readonly IReadOnlyList<ConversationSummary> _summaries;

    internal AccountLog(Applier applier, AccountId accountId, AccountSettings[] settings, AgentSwitchTimeline? switches, Order[] orders, Touch[] touches, int[] conversations, ActivityLogReaderOptions options, Instant? latest)
    {
        _applier = applier;
        _conversations = conversations;
        _policy = options.Policy;
        _cutoff = options.AsOf;
        _countsOnly = options.CountsOnly;
        AccountId = accountId;
        LatestInstant = latest;
        AsOf = options.AsOf ?? latest;
        SettingsHistory = settings;
        Settings = AsOf is { } asOf ? SettingsAsOf(asOf) : AccountSettings.DefaultFor(accountId);
        Switches = switches;
        _orders = orders;
        _touches = touches;
        _summaries = new SummaryList(applier, conversations);
        PreviewCount = conversations.Count(i => applier.Table[i].Mode == (byte)ConversationMode.Preview);
    }

    /// <summary>The account.</summary>
    public AccountId AccountId { get; }

    /// <summary>The latest instant of the account's accepted lines (conversation and account lines), or null when it has none.</summary>
    public Instant? LatestInstant { get; }

    /// <summary>
    /// The instant the account's facts are as of, its default "now": the read's <see cref="ActivityLogReaderOptions.AsOf"/> when
    /// given, else <see cref="LatestInstant"/> (the account's own, so another account's later lines never move it).
    /// </summary>
    public Instant? AsOf { get; }

    /// <summary>The settings in force at <see cref="AsOf"/> (<see cref="SettingsAsOf"/>): its time zone counts the reporting period's days.</summary>
    public AccountSettings Settings { get; }

    /// <summary>Every <c>account-settings</c> line of the account, in time order.</summary>
    public IReadOnlyList<AccountSettings> SettingsHistory { get; }

    /// <summary>When the agent was enabled or disabled per channel (R12), or null when the log has no <c>agent-switch</c> line for the account (then nothing is screened).</summary>
    public AgentSwitchTimeline? Switches { get; }

    /// <summary>The account's orders, in file order (each order ID once, D5).</summary>
    /// <exception cref="InvalidOperationException">The log was read with <see cref="ActivityLogReaderOptions.CountsOnly"/>.</exception>
    public IReadOnlyList<Order> Orders => Details(_orders);

    /// <summary>The account's attribution touches, in file order.</summary>
    /// <exception cref="InvalidOperationException">The log was read with <see cref="ActivityLogReaderOptions.CountsOnly"/>.</exception>
    public IReadOnlyList<Touch> Touches => Details(_touches);

    /// <summary>The account's accepted conversations (live and preview) in order of first appearance, as summaries made on demand.</summary>
    /// <exception cref="InvalidOperationException">The log was read with <see cref="ActivityLogReaderOptions.CountsOnly"/> (the summaries carry the profiles).</exception>
    public IReadOnlyList<ConversationSummary> Conversations => Details(_summaries);

    /// <summary>How many conversations the account has (<see cref="Conversations"/>' count; known after a counts-only read too).</summary>
    internal int ConversationCount => _conversations.Length;

    /// <summary>How many of <see cref="Conversations"/> are preview conversations (R20: never counted).</summary>
    public int PreviewCount { get; }

    /// <summary>The live conversations as a <see cref="ConversationBatch"/> (their final facts), ready for <see cref="BulkStatusClassifier"/>.</summary>
    /// <param name="rows">Receives, per batch row, the index of the conversation in <see cref="Conversations"/>; null when not needed.</param>
    /// <returns>The batch.</returns>
    public ConversationBatch LiveConversations(List<int>? rows = null) => Batch(null, rows);

    /// <summary>
    /// The live conversations counted by channel and status as of <paramref name="asOf"/> (R1–R5, R14, R20); with
    /// <see cref="Switches"/>, a conversation begun while the agent was off on its channel is not counted at all (R12), as on
    /// the dashboard.
    /// </summary>
    /// <exception cref="CustomerAgentException"><paramref name="asOf"/> is before the log's latest instant (D1: the lean state holds final facts; read with <see cref="ActivityLogReaderOptions.KeepConversations"/> to look back).</exception>
    public ChannelStatusCounts CountByChannelAndStatus(Instant asOf)
    {
        CheckAsOf(asOf);
        return new BulkStatusClassifier(_policy).CountByChannelAndStatus(Batch(Switches, null), asOf);
    }

    /// <summary>
    /// The live conversations as a batch; with <paramref name="switches"/>, only those begun while the agent was on for their
    /// channel (R12).
    /// </summary>
    private ConversationBatch Batch(AgentSwitchTimeline? switches, List<int>? rows)
    {
        var builder = new ConversationBatchBuilder(AccountId, _policy, _conversations.Length - PreviewCount);
        for (var k = 0; k < _conversations.Length; k++)
        {
            var facts = _applier.Facts(_conversations[k]);
            if (!(switches is null ? facts.IsCountedInMetrics : ConversationCohort.Counts(facts, switches)))
            {
                continue;
            }

            builder.Add(facts);
            rows?.Add(k);
        }

        return builder.Build();
    }

    /// <summary>
    /// The metric events (R6–R9) of the live conversations that happened by <paramref name="asOf"/>, counted per kind: the numbers
    /// <see cref="MetricEventFactory"/> gives on the aggregates (the same timing rules, on the same facts), screened by
    /// <see cref="Switches"/> (R12) when the log has any.
    /// </summary>
    /// <exception cref="CustomerAgentException"><paramref name="asOf"/> is before the log's latest instant (see <see cref="CountByChannelAndStatus"/>).</exception>
    public IReadOnlyDictionary<MetricKind, long> CountEventsAsOf(Instant asOf)
    {
        CheckAsOf(asOf);
        var counts = new long[4];
        var occurrences = new List<MetricEventFactory.Occurrence>();
        foreach (var row in _conversations)
        {
            var facts = _applier.Facts(row);
            if (!facts.IsCountedInMetrics)
            {
                continue;
            }

            occurrences.Clear();
            MetricEventFactory.Occurrences(facts, asOf, occurrences);
            foreach (var o in occurrences)
            {
                if (Switches is null || Switches.IsEnabled(facts.Channel, UnixNanoseconds.ToInstant(o.HappenedAt)))
                {
                    counts[(int)o.Kind]++;
                }
            }
        }

        return new Dictionary<MetricKind, long>
        {
            [MetricKind.StartedConversation] = counts[0],
            [MetricKind.ConversationResolved] = counts[1],
            [MetricKind.ConversationEscalated] = counts[2],
            [MetricKind.ReceivedProductRecommendation] = counts[3],
        }.AsReadOnly();
    }

    /// <summary>
    /// D1: the facts held are those as of <see cref="AsOf"/>; they answer for <see cref="AsOf"/> itself, and, when they are the
    /// account's final facts (no later line was set aside), for any instant from <see cref="LatestInstant"/> on.
    /// </summary>
    private void CheckAsOf(Instant asOf)
    {
        Preconditions.CheckInstant(asOf, "asOf");
        var final = _cutoff is not { } cutoff || LatestInstant is not { } latest || cutoff >= latest;
        if (asOf == AsOf || (final && (LatestInstant is not { } last || asOf >= last)))
        {
            return;
        }

        throw FactsTable.NotAsOf(asOf, AsOf, final);
    }

    /// <summary>The account's attribution settings over time (R16, R17), from its <c>account-settings</c> lines: each order is judged by those in force when it was placed.</summary>
    public AttributionSettingsHistory AttributionHistory => AttributionSettingsHistory.Create(
        AccountSettings.DefaultFor(AccountId).Attribution,
        SettingsHistory.GroupBy(s => s.At).Select(g => KeyValuePair.Create(g.Key, g.Last().Attribution)));

    /// <summary>The account's conversations that had started by <see cref="AsOf"/>, each ID with its facts as of then (preview ones included; the services leave them out, R20).</summary>
    /// <exception cref="InvalidOperationException">The log was read with <see cref="ActivityLogReaderOptions.CountsOnly"/> (the facts lack their skills, tags and clicks).</exception>
    public IEnumerable<KeyValuePair<ConversationId, ConversationFacts>> FactsById()
    {
        Details(this);
        return FactsOfRows();
    }

    private IEnumerable<KeyValuePair<ConversationId, ConversationFacts>> FactsOfRows()
    {
        foreach (var row in _conversations)
        {
            yield return KeyValuePair.Create(ConversationId.From(_applier.IdOf(row)), _applier.Facts(row));
        }
    }

    /// <summary>
    /// The overview dashboard (R13–R15) of the account for <paramref name="period"/>, as of <paramref name="asOf"/> (default:
    /// <see cref="AsOf"/>), computed by the core's <see cref="DashboardAccumulator"/> on the conversations' facts (no aggregate, no
    /// text): the same cohort (R20, R12 with <see cref="Switches"/>), statuses, days, tags and skills as on the aggregates.
    /// </summary>
    /// <param name="period">The period; it names this account.</param>
    /// <param name="sales">The period's AI-generated sales (<see cref="Sales"/>), or null.</param>
    /// <param name="asOf">The instant; default <see cref="AsOf"/>.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="period"/> is null.</exception>
    /// <exception cref="CustomerAgentException">The period is another account's (R15), or the facts do not answer for <paramref name="asOf"/> (D1, see <see cref="CountByChannelAndStatus"/>).</exception>
    /// <exception cref="InvalidOperationException">The log was read with <see cref="ActivityLogReaderOptions.CountsOnly"/>.</exception>
    public DashboardReport Dashboard(ReportingPeriod period, AttributionResult? sales = null, Instant? asOf = null) =>
        Accumulate(period, asOf).ToReport(sales);

    /// <summary>
    /// The dashboard's counts of the account's conversations for <paramref name="period"/> as of <paramref name="asOf"/> (default
    /// <see cref="AsOf"/>), before the sales are known (<see cref="DashboardAccumulator.ToReport"/> takes them), so a host can
    /// compute the sales at the same time; two halves are counted on two threads and merged (<see cref="DashboardAccumulator.Merge"/>).
    /// </summary>
    /// <param name="period">The period; it names this account.</param>
    /// <param name="asOf">The instant; default <see cref="AsOf"/>.</param>
    /// <returns>The filled accumulator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="period"/> is null.</exception>
    /// <exception cref="CustomerAgentException">The period is another account's (R15), or the facts do not answer for <paramref name="asOf"/> (D1).</exception>
    /// <exception cref="InvalidOperationException">The log was read with <see cref="ActivityLogReaderOptions.CountsOnly"/>.</exception>
    public DashboardAccumulator Accumulate(ReportingPeriod period, Instant? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(period);
        Details(this);
        var at = ResolveAsOf(asOf);
        var classifier = new ConversationClassifier(_policy);
        var half = _conversations.Length / 2;
        DashboardAccumulator Part(int from, int to)
        {
            var part = new DashboardAccumulator(period, at, classifier, Switches);
            for (var i = from; i < to; i++)
            {
                part.Add(AccountId, _applier.Facts(_conversations[i]));
            }

            return part;
        }

        // Stryker disable once Equality,Boolean,Block : one pass or two halves merged give the same accumulator (merging any partition equals one pass: DashboardPropertyTests)
        if (half < 50_000)
        {
            return Part(0, _conversations.Length);
        }

        var second = Task.Run(() => Part(half, _conversations.Length));
        var first = Part(0, half);
        return first.Merge(second.GetAwaiter().GetResult());
    }

    /// <summary>
    /// The AI-generated sales of <paramref name="period"/> (R15 4): the account's orders placed in the period and by
    /// <paramref name="asOf"/> (default <see cref="AsOf"/>), each judged by the settings in force when it was placed
    /// (<see cref="AttributionHistory"/>), against the evidence of the conversations that count (R20, R12) and the account's touches.
    /// </summary>
    /// <param name="period">The period; it names this account.</param>
    /// <param name="asOf">The instant; default <see cref="AsOf"/>.</param>
    /// <returns>The attribution.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="period"/> is null.</exception>
    /// <exception cref="CustomerAgentException">The period is another account's (R15), or <paramref name="asOf"/> is outside the supported range (H6).</exception>
    /// <exception cref="InvalidOperationException">The log was read with <see cref="ActivityLogReaderOptions.CountsOnly"/>.</exception>
    public AttributionResult Sales(ReportingPeriod period, Instant? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(period);
        Details(this);
        var at = ResolveAsOf(asOf);
        return new AiGeneratedSalesCalculator(AttributionHistory).AttributeBetween(Orders, SalesEvidence(), period, at);
    }

    /// <summary>
    /// A page of the conversations table (R18, R19) as of <paramref name="asOf"/> (default <see cref="AsOf"/>), from the facts: only
    /// the page's rows are given their first question, by <paramref name="firstQuestionOf"/> (for example
    /// <see cref="ActivityLogReader.ReadOpeningMessage"/> on the log), and their profile. A search or a sort by a text needs the
    /// conversations themselves (read with <see cref="ActivityLogReaderOptions.KeepConversations"/>).
    /// </summary>
    /// <param name="query">The query; it names this account.</param>
    /// <param name="firstQuestionOf">The opening message of a conversation of the page.</param>
    /// <param name="asOf">The instant; default <see cref="AsOf"/>.</param>
    /// <param name="cursor">The previous page's cursor, or null.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="CustomerAgentException">The query is another account's, searches or sorts by a text, or its cursor is forged or stale (R18), or the facts do not answer for <paramref name="asOf"/> (D1).</exception>
    /// <exception cref="InvalidOperationException">The log was read with <see cref="ActivityLogReaderOptions.CountsOnly"/>.</exception>
    public ConversationPage Table(ConversationTableQuery query, Func<ConversationSummary, string> firstQuestionOf, Instant? asOf = null, string? cursor = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(firstQuestionOf);
        Details(this);
        ConversationQuery.CheckAccount(query, AccountId);

        var at = ResolveAsOf(asOf);
        return new ConversationQuery(new ConversationClassifier(_policy)).QueryFacts(FactsById(), query, at, id =>
        {
            var summary = _applier.Summary(_applier.RowOf(AccountId, id));
            return new ConversationOpening(firstQuestionOf(summary), summary.Profile);
        }, cursor, Switches);
    }

    /// <summary>
    /// Every row of the conversations table (R18) as of <paramref name="asOf"/> (default <see cref="AsOf"/>), in table order, from
    /// the facts (<see cref="ConversationQuery.AllRowsOfFacts"/>): an export, sorted once; each row's first question comes from
    /// <paramref name="firstQuestionOf"/> as it is enumerated.
    /// </summary>
    /// <param name="query">The table's account, filters and sort (no search, no sort by a text); its page size is not used.</param>
    /// <param name="firstQuestionOf">Reads a conversation's first question again (<see cref="ActivityLogReader.ReadOpeningMessage"/>).</param>
    /// <param name="asOf">The instant; default <see cref="AsOf"/>.</param>
    /// <returns>The rows.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="CustomerAgentException">As <see cref="Table"/>.</exception>
    /// <exception cref="InvalidOperationException">The log was read with <see cref="ActivityLogReaderOptions.CountsOnly"/>.</exception>
    public IEnumerable<ConversationRow> AllRows(ConversationTableQuery query, Func<ConversationSummary, string> firstQuestionOf, Instant? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(firstQuestionOf);
        Details(this);
        ConversationQuery.CheckAccount(query, AccountId);

        var at = ResolveAsOf(asOf);
        return new ConversationQuery(new ConversationClassifier(_policy)).AllRowsOfFacts(FactsById(), query, at, id =>
        {
            var summary = _applier.Summary(_applier.RowOf(AccountId, id));
            return new ConversationOpening(firstQuestionOf(summary), summary.Profile);
        }, Switches);
    }

    /// <summary>
    /// The metric events (R6–R9) of the account's conversations emitted in [<paramref name="startInclusive"/>,
    /// <paramref name="endExclusive"/>), screened by <see cref="Switches"/> (R12) when the log has any, per conversation in order
    /// of first appearance then of emission: the core's <see cref="MetricEventFactory"/> on the facts, so the same events and
    /// unique IDs as on the aggregates.
    /// </summary>
    /// <param name="startInclusive">The first emission instant.</param>
    /// <param name="endExclusive">The end; at most just after <see cref="AsOf"/> (D1: the facts hold nothing later).</param>
    /// <returns>The collected events.</returns>
    /// <exception cref="CustomerAgentException">The interval is reversed or outside the supported range, or it ends after what the facts answer for (D1).</exception>
    /// <exception cref="InvalidOperationException">The log was read with <see cref="ActivityLogReaderOptions.CountsOnly"/>.</exception>
    public IEnumerable<MetricEvent> Events(Instant startInclusive, Instant endExclusive)
    {
        Details(this);
        Preconditions.CheckInstant(endExclusive, "endExclusive");
        CheckAsOf(endExclusive - Duration.Epsilon);
        var factory = new MetricEventFactory(new ConversationClassifier(_policy));
        return EventsOf(factory, startInclusive, endExclusive);
    }

    /// <summary>
    /// The account's activity per profile for segments and the follow-up flow (R21, R22): its metric events (<see cref="Events"/>,
    /// screened by the agent switch, preview left out) and its orders, both up to <paramref name="asOf"/> inclusive (D1), with
    /// the zone and first day of week in force then.
    /// </summary>
    /// <param name="asOf">The instant; default <see cref="AsOf"/>. Evaluating the activity as of a later instant sees nothing newer.</param>
    /// <returns>The activity.</returns>
    /// <exception cref="CustomerAgentException">The instant is later than what the facts answer for (D1), or outside the supported range (H6).</exception>
    /// <exception cref="InvalidOperationException">The log was read with <see cref="ActivityLogReaderOptions.CountsOnly"/>.</exception>
    public ProfileActivity Activity(Instant? asOf = null)
    {
        Details(this);
        var at = ResolveAsOf(asOf);
        var inForce = SettingsAsOf(at);
        var settings = AccountReportingSettings.Create(AccountId, inForce.TimeZone.Id, inForce.FirstDayOfWeek);
        // the events as compact rows on the facts (the factory's timing and the switch's screening, no event object until one is
        // asked for); the reader took each order ID once (D5)
        return ProfileActivity.FromFacts(settings, EventRowsAsOf(at), Orders.Where(o => o.PlacedAt <= at));
    }

    /// <summary>
    /// <paramref name="value"/>, when the log keeps more than statuses and counts; for a counts-only read
    /// (<see cref="ActivityLogReaderOptions.CountsOnly"/>) what needs the rest throws rather than answering without it.
    /// </summary>
    private T Details<T>(T value, [System.Runtime.CompilerServices.CallerMemberName] string member = "") =>
        _countsOnly
            ? throw new InvalidOperationException($"{member} needs what a counts-only read does not keep (profiles, skills, tags, clicks, orders, touches): read the log without ActivityLogReaderOptions.CountsOnly")
            : value;

    /// <summary>The metric events emitted at or before <paramref name="at"/> (checked by the caller, D1) as compact rows on the facts.</summary>
    internal FactsEvents EventRowsAsOf(Instant at) =>
        FactsEvents.Build(AccountId, Switches, at, _conversations.Length, i => _applier.Facts(_conversations[i]), ProfileOf, IdOf);

    /// <summary>The profile of the <paramref name="i"/>-th conversation as the events name it (R11; its ID is read only when it has no identifier).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal MetricProfile ProfileOf(int i)
    {
        // the identifiers only: no Profile object for each of a million conversations
        var (email, phone, external) = _applier.IdentifiersOf(_conversations[i]);
        return MetricProfile.Of(email, phone, external, null, AccountId, MetricProfile.NeedsConversation(email, phone, external, null) ? IdOf(i) : default);
    }

    /// <summary>The ID of the <paramref name="i"/>-th conversation.</summary>
    internal ConversationId IdOf(int i) => ConversationId.From(_applier.IdOf(_conversations[i]));

    /// <summary>The number of the account's conversations.</summary>
    internal int ConversationRows => _conversations.Length;

    private IEnumerable<MetricEvent> EventsOf(MetricEventFactory factory, Instant startInclusive, Instant endExclusive) =>
        _applier.EventsOf(_conversations, AccountId, factory, startInclusive, endExclusive, Switches);

    /// <summary>The instant a question is asked as of: <paramref name="asOf"/> or <see cref="AsOf"/>, checked (D1).</summary>
    private Instant ResolveAsOf(Instant? asOf)
    {
        var at = asOf ?? AsOf ?? SupportedInstants.Start;
        CheckAsOf(at);
        return at;
    }

    /// <summary>The settings in force at <paramref name="instant"/>: the latest <c>account-settings</c> line at or before it, else the defaults (<see cref="AccountSettings.DefaultFor"/>).</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The settings.</returns>
    public AccountSettings SettingsAsOf(Instant instant)
    {
        var history = SettingsHistory;
        for (var i = history.Count - 1; i >= 0; i--)
        {
            if (history[i].At <= instant)
            {
                return history[i];
            }
        }

        return AccountSettings.DefaultFor(AccountId);
    }

    /// <inheritdoc/>
    public override string ToString() => $"AccountLog({AccountId}, {_conversations.Length} conversations, {_orders.Length} orders, {_touches.Length} touches)";

    private sealed class SummaryList(Applier applier, int[] indices) : IReadOnlyList<ConversationSummary>
    {
        public ConversationSummary this[int index] => applier.Summary(indices[index]);

        public int Count => indices.Length;

        public IEnumerator<ConversationSummary> GetEnumerator()
        {
            foreach (var i in indices)
            {
                yield return applier.Summary(i);
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>
    /// The instant a question is answered as of: <paramref name="asOf"/>, or <see cref="AsOf"/> when null, after the check every
    /// query of this class makes (D1: the facts answer for <see cref="AsOf"/>, and, when they are final, for any instant from
    /// <see cref="LatestInstant"/> on), for a host that answers from its own index of these facts.
    /// </summary>
    /// <param name="asOf">The instant, or null.</param>
    /// <returns>The instant.</returns>
    /// <exception cref="CustomerAgentException">The facts do not answer for the instant (D1), or it is outside the supported range (H6).</exception>
    public Instant AnswerInstant(Instant? asOf) => ResolveAsOf(asOf);

    /// <summary>
    /// The AI-generated sales of every period at once (<see cref="PeriodSales"/>): each order attributed once, on the evidence
    /// <see cref="Sales"/> attributes on (the conversations that count, R20, R12, and the account's touches) by the settings in
    /// force when it was placed (R16, R17); <c>SalesOfEveryPeriod().Between(period, asOf)</c> equals <c>Sales(period, asOf)</c>.
    /// </summary>
    /// <returns>The sales.</returns>
    /// <exception cref="InvalidOperationException">The log was read with <see cref="ActivityLogReaderOptions.CountsOnly"/>.</exception>
    public PeriodSales SalesOfEveryPeriod()
    {
        Details(this);
        return PeriodSales.Create(AccountId, new AiGeneratedSalesCalculator(AttributionHistory), Orders, SalesEvidence());
    }

    /// <summary>The evidence <see cref="Sales"/> and <see cref="SalesOfEveryPeriod"/> attribute on: the account's touches and its conversations that can be evidence.</summary>
    private AttributionEvidence SalesEvidence()
    {
        // Only conversations that can be evidence are given to the builder: those with web chat clicks or recommendations, and
        // those an agent touch names (the builder keeps an agent touch only when its conversation counts). No other one matters.
        var named = new HashSet<int>();
        foreach (var touch in Touches)
        {
            if (touch.IsFromCustomerAgent && _applier.TryRowOf(AccountId, touch.AgentConversation, out var row))
            {
                named.Add(row);
            }
        }

        var evidence = new AttributionEvidence.Builder(Switches);
        foreach (var row in _conversations)
        {
            var facts = _applier.Facts(row);
            ref readonly var r = ref facts.Row;
            var clicks = facts.Channel == Channel.WebChat && r.Clicks >= 0;
            if (clicks || r.Recommendations >= 0 || named.Contains(row))
            {
                evidence.Add(AccountId, ConversationId.From(_applier.IdOf(row)), facts, clicks ? ShopperIdentity.FromProfile(AccountId, _applier.ProfileOf(row, withName: false)) : null);
            }
        }

        return evidence.Build(Touches);
    }
}
