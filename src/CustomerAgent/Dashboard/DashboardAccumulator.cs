using CustomerAgent.Attribution;
using CustomerAgent.Classification;
using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Dashboard;

/// <summary>
/// Collects the dashboard's counts (KPIs, daily bars, skill volumes) from any part of an account's conversations, so a host
/// fills one per shard (thread, database partition, grain, task) and merges the parts (R15, R14).
/// </summary>
/// <remarks>
/// <para>
/// <b>Cohort</b>: a conversation counts when it is live (R20), belongs to the period's account, was initiated in the period
/// (start in [<see cref="ReportingPeriod.Start"/>, <see cref="ReportingPeriod.End"/>)) and not after <see cref="AsOf"/>, and,
/// when a timeline is given, the agent was live on its channel at its start (R12: a conversation begun while the agent was
/// off is not there at all). Its status, tags, messages and skills are as of <see cref="AsOf"/> (D1).
/// </para>
/// <para>
/// <b>Merging</b>: <see cref="Merge"/> is associative and commutative, and an accumulator with nothing added is its identity,
/// so merged parts equal a single pass over the union. Parts must share the period, the instant and the timeline. Adding a
/// conversation twice counts it twice: partitions must be disjoint.
/// </para>
/// <para>Not thread-safe for writes: one accumulator per thread, then merge.</para>
/// </remarks>
public sealed class DashboardAccumulator
{
    private readonly IConversationClassifier _classifier;
    private readonly long _asOfNanos;

    /// <summary>Day × channel × status (<see cref="DashboardCells"/>): the bars by channel and by status, the KPIs and the per-channel KPIs all come from these cells.</summary>
    private readonly long[] _cells;
    private readonly long[] _untagged;
    private readonly Dictionary<string, long[]> _byTag = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _skills = new(StringComparer.Ordinal);

    /// <summary>An empty accumulator: the identity of <see cref="Merge"/>.</summary>
    /// <param name="period">The period, which names the account.</param>
    /// <param name="asOf">The instant statuses are as of ("now", from the host's clock).</param>
    /// <param name="classifier">The status classifier (R1–R5).</param>
    /// <param name="timeline">The account's agent switch timeline (R12), or <see langword="null"/> when every conversation the host passes was collected.</param>
    /// <exception cref="ArgumentNullException"><paramref name="period"/> or <paramref name="classifier"/> is null.</exception>
    /// <exception cref="CustomerAgentException"><paramref name="asOf"/> is outside the supported instants (H6), or the timeline belongs to another account (R12).</exception>
    public DashboardAccumulator(ReportingPeriod period, Instant asOf, IConversationClassifier classifier, AgentSwitchTimeline? timeline = null)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(classifier);
        Preconditions.CheckInstant(asOf, "asOf");
        if (timeline is not null && timeline.AccountId != period.AccountId)
        {
            throw new CustomerAgentException("R12", "timeline.accountId", timeline.AccountId.Value, $"is not the period's account {Preconditions.Echo(period.AccountId.Value)}; one account's switch never decides for another's data");
        }

        Period = period;
        AsOf = asOf;
        _asOfNanos = UnixNanoseconds.From(asOf);
        Timeline = timeline;
        _classifier = classifier;
        _cells = new long[period.DayCount * DashboardCells.PerDay];
        _untagged = new long[period.DayCount];
    }

    /// <summary>The period.</summary>
    public ReportingPeriod Period { get; }

    /// <summary>The instant statuses are as of.</summary>
    public Instant AsOf { get; }

    /// <summary>The agent switch timeline, or <see langword="null"/>.</summary>
    public AgentSwitchTimeline? Timeline { get; }

    /// <summary>Conversations counted so far (the volume).</summary>
    public long Count { get; private set; }

    /// <summary>Adds one conversation if it belongs to the cohort.</summary>
    /// <param name="conversation">A conversation of the period's account.</param>
    /// <returns><see langword="true"/> when it was counted; <see langword="false"/> when it is preview (R20), not initiated in the period or after <see cref="AsOf"/> (R14), or begun while the agent was off on its channel (R12).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="conversation"/> is null.</exception>
    /// <exception cref="CustomerAgentException">The conversation belongs to another account (R15: one account's data never counts in another's), or its policy is not the classifier's (D1); nothing is counted then.</exception>
    public bool Add(Conversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        CheckAccount(conversation.Header.AccountId, conversation.Id);
        _classifier.Policy.CheckGoverns(conversation, nameof(DashboardAccumulator));
        return AddFacts(conversation.FactsAsOf(AsOf));
    }

    /// <summary>Adds one conversation, from its facts, if it belongs to the cohort (see <see cref="Add(Conversation)"/>): for a host that keeps facts, not aggregates.</summary>
    /// <param name="accountId">The conversation's account.</param>
    /// <param name="facts">Its facts as of <see cref="AsOf"/> (<c>default</c> when it had not started by then).</param>
    /// <returns><see langword="true"/> when it was counted.</returns>
    /// <exception cref="CustomerAgentException">The conversation belongs to another account (R15), its facts live by another policy or hold activity after <see cref="AsOf"/> (D1); nothing is counted then.</exception>
    public bool Add(AccountId accountId, in ConversationFacts facts)
    {
        CheckAccount(accountId, default);
        if (!facts.IsDefault)
        {
            _classifier.Policy.CheckGoverns(facts, nameof(DashboardAccumulator));
        }

        return AddFacts(facts);
    }

    /// <summary>Counts the facts (as of <see cref="AsOf"/>) of a conversation of the period's account when it belongs to the cohort.</summary>
    internal bool AddFacts(in ConversationFacts facts)
    {
        if (facts.IsDefault || !IsInCohort(facts))
        {
            return false;
        }

        if (facts.Row.LastActivityAt > _asOfNanos)
        {
            throw new CustomerAgentException("D1", "facts", Preconditions.Format(facts.LastActivityAt), $"hold activity after the dashboard's instant {Preconditions.Format(AsOf)}; give each conversation's facts as of it");
        }

        var day = Period.DayIndexOf(facts.StartedAt);
        var status = ConversationClassifier.StatusCode(facts, _asOfNanos);
        _cells[(day * DashboardCells.PerDay) + ((int)facts.Channel * DashboardCells.Statuses) + (int)status]++;
        var table = facts.Table;
        var lists = table.Lists;
        var tagged = false;
        for (var e = facts.Row.Tags; e >= 0; e = lists.Next(e))
        {
            tagged = true;
            var tag = table.Tags.GetString((int)lists.A(e));
            if (!_byTag.TryGetValue(tag, out var perDay))
            {
                perDay = new long[Period.DayCount];
                _byTag.Add(tag, perDay);
            }

            perDay[day]++;
        }

        if (!tagged)
        {
            _untagged[day]++;
        }

        for (var e = facts.Row.Skills; e >= 0; e = lists.Next(e))
        {
            var skill = table.Skills.GetString((int)lists.A(e));
            _skills[skill] = _skills.GetValueOrDefault(skill) + 1;
        }

        Count++;
        return true;
    }

    /// <summary>Adds every conversation of <paramref name="conversations"/> that belongs to the cohort (see <see cref="Add(Conversation)"/>).</summary>
    /// <param name="conversations">Conversations of the period's account.</param>
    /// <returns>This accumulator, for chaining.</returns>
    /// <exception cref="ArgumentNullException">The sequence or an element is null.</exception>
    /// <exception cref="CustomerAgentException">A conversation belongs to another account.</exception>
    public DashboardAccumulator AddRange(IEnumerable<Conversation> conversations)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        foreach (var conversation in conversations)
        {
            Add(conversation);
        }

        return this;
    }

    /// <summary>A new accumulator holding this part plus <paramref name="other"/>; neither is changed.</summary>
    /// <param name="other">Another part of the same account, period, instant and timeline.</param>
    /// <returns>The merged accumulator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="CustomerAgentException">The parts differ in account (R15), period (R13), instant or classifier policy (D1), or timeline (R12).</exception>
    public DashboardAccumulator Merge(DashboardAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        CheckMergeable(other);
        var merged = new DashboardAccumulator(Period, AsOf, _classifier, Timeline);
        merged.AddCounts(this);
        merged.AddCounts(other);
        return merged;
    }

    /// <summary>The report of what was added so far.</summary>
    /// <param name="sales">
    /// The attribution of the orders placed in the period (R15 4), from an <see cref="IAttributionCalculator"/> (for example
    /// <c>new AiGeneratedSalesCalculator(settings).AttributeBetween(orders, evidence, period.Start, period.End)</c>), or
    /// <see langword="null"/> when not computed. Its attributed revenue becomes <see cref="DashboardKpis.AiGeneratedSales"/>.
    /// </param>
    /// <returns>The report.</returns>
    /// <exception cref="CustomerAgentException">An attributed order belongs to another account or was placed outside the period (R15).</exception>
    public DashboardReport ToReport(AttributionResult? sales = null)
    {
        CheckSales(sales);
        var days = new DailyBar[Period.DayCount];
        for (var d = 0; d < days.Length; d++)
        {
            var (byDayChannel, byDayStatus) = (new long[DashboardCells.Channels], new long[DashboardCells.Statuses]);
            for (var i = 0; i < DashboardCells.PerDay; i++)
            {
                var count = _cells[(d * DashboardCells.PerDay) + i];
                byDayChannel[i / DashboardCells.Statuses] += count;
                byDayStatus[i % DashboardCells.Statuses] += count;
            }

            var tags = new SortedDictionary<string, long>(StringComparer.Ordinal);
            foreach (var (tag, perDay) in _byTag)
            {
                if (perDay[d] > 0)
                {
                    tags.Add(tag, perDay[d]);
                }
            }

            days[d] = new DailyBar(
                Period.DateOfDay(d),
                Period.DayInterval(d),
                byDayChannel,
                byDayStatus,
                tags,
                _untagged[d]);
        }

        var skills = _skills.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new SkillVolume(kv.Key, kv.Value)).ToArray();
        return new DashboardReport(Period, AsOf, sales?.AttributedRevenue, days.AsReadOnly(), skills.AsReadOnly(), (long[])_cells.Clone());
    }

    /// <summary>R15 4: AI-generated sales are the orders placed in the period, of this account.</summary>
    private void CheckSales(AttributionResult? sales)
    {
        if (sales is null)
        {
            return;
        }

        foreach (var credited in sales.Orders)
        {
            var order = credited.Order;
            if (order.AccountId != Period.AccountId)
            {
                throw new CustomerAgentException("R15", "sales.orders.accountId", order.AccountId.Value, $"is not the dashboard's account {Preconditions.Echo(Period.AccountId.Value)} (order {Preconditions.Echo(order.Id)}); one account's sales never count in another's");
            }

            if (order.PlacedAt > AsOf)
            {
                throw new CustomerAgentException("D1", "sales.orders.placedAt", Preconditions.Format(order.PlacedAt), $"is after the report's instant {Preconditions.Format(AsOf)} (order {Preconditions.Echo(order.Id)}); a report never sees later facts: attribute with AttributeBetween(orders, evidence, period, asOf)");
            }

            if (!Period.Contains(order.PlacedAt))
            {
                throw new CustomerAgentException("R15", "sales.orders.placedAt", Preconditions.Format(order.PlacedAt), $"is outside the period [{Preconditions.Format(Period.Start)}, {Preconditions.Format(Period.End)}) (order {Preconditions.Echo(order.Id)}); attribute with AttributeBetween(orders, evidence, period.Start, period.End)");
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"DashboardAccumulator({Period}, as of {Preconditions.Format(AsOf)}: {Count} conversations)";

    /// <summary>Whether the facts belong to the cohort: counted at all (R20, R12, <see cref="ConversationCohort"/>) and initiated in the period, not after <see cref="AsOf"/> (R14, D1).</summary>
    internal bool IsInCohort(in ConversationFacts facts) =>
        ConversationCohort.Counts(facts, Timeline) && Period.Contains(facts.StartedAt) && facts.StartedAt <= AsOf;

    /// <summary>R15: one account's data never counts in another's.</summary>
    private void CheckAccount(AccountId account, ConversationId conversation)
    {
        if (account != Period.AccountId)
        {
            throw new CustomerAgentException("R15", "conversation.accountId", account.Value, $"is not the dashboard's account {Preconditions.Echo(Period.AccountId.Value)}{(conversation.IsDefault ? string.Empty : $" (conversation {Preconditions.Echo(conversation.Value)})")}; one account's data never counts in another's");
        }
    }

    private void CheckMergeable(DashboardAccumulator other)
    {
        if (other.Period.AccountId != Period.AccountId)
        {
            throw new CustomerAgentException("R15", "other.accountId", other.Period.AccountId.Value, $"is not this part's account {Preconditions.Echo(Period.AccountId.Value)}; one account's data never counts in another's");
        }

        if (!other.Period.Equals(Period))
        {
            throw new CustomerAgentException("R13", "other.period", other.Period.ToString(), $"differs from this part's period {Period}");
        }

        if (other.AsOf != AsOf)
        {
            throw new CustomerAgentException("D1", "other.asOf", Preconditions.Format(other.AsOf), $"differs from this part's instant {Preconditions.Format(AsOf)}; parts are merged as of one instant");
        }

        if (!other._classifier.Policy.Equals(_classifier.Policy))
        {
            throw new CustomerAgentException("D1", "other.policy", other._classifier.Policy.ToString(), $"differs from this part's policy {_classifier.Policy}; one timeout for every part");
        }

        if (!ReferenceEquals(other.Timeline, Timeline)
            && (other.Timeline is null || Timeline is null || !other.Timeline.Changes.SequenceEqual(Timeline.Changes)))
        {
            throw new CustomerAgentException("R12", "other.timeline", other.Timeline?.ToString(), $"differs from this part's timeline {Timeline?.ToString() ?? "<none>"}");
        }
    }

    private void AddCounts(DashboardAccumulator part)
    {
        Count += part.Count;
        AddInto(_cells, part._cells);
        AddInto(_untagged, part._untagged);
        foreach (var (tag, perDay) in part._byTag)
        {
            if (!_byTag.TryGetValue(tag, out var mine))
            {
                mine = new long[Period.DayCount];
                _byTag.Add(tag, mine);
            }

            AddInto(mine, perDay);
        }

        foreach (var (skill, volume) in part._skills)
        {
            _skills[skill] = _skills.GetValueOrDefault(skill) + volume;
        }
    }

    /// <summary>
    /// Adds counts made elsewhere over the same cohort (<c>Bulk.DashboardIndex</c>), in this accumulator's layout: day ×
    /// channel × status (<see cref="DashboardCells"/>), untagged per day, per tag per day, per skill.
    /// </summary>
    internal void AddIndexed(long count, long[] cells, long[] untagged, Dictionary<string, long[]> byTag, Dictionary<string, long> skills)
    {
        Count += count;
        AddInto(_cells, cells);
        AddInto(_untagged, untagged);
        foreach (var (tag, perDay) in byTag)
        {
            if (!_byTag.TryGetValue(tag, out var mine))
            {
                mine = new long[Period.DayCount];
                _byTag.Add(tag, mine);
            }

            AddInto(mine, perDay);
        }

        foreach (var (skill, volume) in skills)
        {
            _skills[skill] = _skills.GetValueOrDefault(skill) + volume;
        }
    }

    private static void AddInto(long[] target, long[] source)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] += source[i];
        }
    }
}
