using CustomerAgent.Classification;
using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Events;

/// <summary>
/// The metric event rules (R6–R11, R20, D4) on top of the status classifier: Started at the first shopper message (R6),
/// Resolved at the instant the classifier says the conversation became Resolved by AI (R7: visitor or host close, or last
/// message + timeout), Escalated at the handoff instant (R8: the "yes" click for tickets), one product recommendation per agent
/// message that carries products (R9). Never both Resolved and Escalated: the classifier gives one final status.
/// </summary>
/// <remarks>
/// <para>Properties: Initial Skill is the skill of the agent's first message (R10); Final Skill is the skill of the last agent
/// message before resolution (R10); Tags are the distinct tags applied at or before the event's instant, so a tag applied after
/// the event was sent never changes it. See <see cref="IMetricEventFactory"/> for the emission instants.</para>
/// <para>Unique IDs: see <see cref="MetricEvent"/> (D4). The factory takes status instants from its classifier, so it computes only
/// on conversations started under the classifier's policy (D1: one timeout everywhere) and rejects any other.</para>
/// <para>Stateless and thread-safe; <see cref="Default"/> uses <see cref="ConversationClassifier.Default"/>.</para>
/// </remarks>
public sealed class MetricEventFactory : IMetricEventFactory
{
    private readonly IConversationClassifier _classifier;

    /// <summary>Creates a factory that takes status instants from <paramref name="classifier"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="classifier"/> is null.</exception>
    public MetricEventFactory(IConversationClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        _classifier = classifier;
    }

    /// <summary>A shared factory using <see cref="ConversationClassifier.Default"/>.</summary>
    public static MetricEventFactory Default { get; } = new(ConversationClassifier.Default);

    /// <inheritdoc/>
    public IReadOnlyList<MetricEvent> EventsAsOf(Conversation conversation, Instant asOf)
    {
        CheckConversation(conversation);
        Preconditions.CheckInstant(asOf, "asOf");
        return conversation.IsCountedInMetrics ? Candidates(conversation, asOf, null).Select(c => c.Event).ToArray() : [];
    }

    /// <inheritdoc/>
    public IReadOnlyList<MetricEvent> EventsBetween(Conversation conversation, Instant startInclusive, Instant endExclusive)
    {
        CheckConversation(conversation);
        CheckInterval(startInclusive, endExclusive);
        return conversation.IsCountedInMetrics ? Between(conversation, startInclusive, endExclusive).Select(c => c.Event).ToArray() : [];
    }

    /// <inheritdoc/>
    public EventCollectionResult EventsAsOf(Conversation conversation, AgentSwitchTimeline timeline, Instant asOf)
    {
        CheckConversation(conversation);
        ArgumentNullException.ThrowIfNull(timeline);
        Preconditions.CheckInstant(asOf, "asOf");
        DataCollectionSwitch.CheckSameAccount(timeline, conversation.Header);
        return Screen(conversation.Header, timeline, Candidates(conversation, asOf, null));
    }

    /// <inheritdoc/>
    public EventCollectionResult EventsBetween(Conversation conversation, AgentSwitchTimeline timeline, Instant startInclusive, Instant endExclusive)
    {
        CheckConversation(conversation);
        ArgumentNullException.ThrowIfNull(timeline);
        CheckInterval(startInclusive, endExclusive);
        DataCollectionSwitch.CheckSameAccount(timeline, conversation.Header);
        return Screen(conversation.Header, timeline, Between(conversation, startInclusive, endExclusive));
    }

    /// <inheritdoc/>
    public EventCollectionResult EventsBetween(ConversationHeader header, ConversationFacts facts, Instant startInclusive, Instant endExclusive, AgentSwitchTimeline? timeline = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        CheckInterval(startInclusive, endExclusive);
        if (facts.IsDefault || endExclusive <= startInclusive || endExclusive <= facts.StartedAt)
        {
            return new EventCollectionResult(Array.Empty<MetricEvent>(), Array.Empty<NotCollectedEvent>());
        }

        _classifier.Policy.CheckGoverns(facts, nameof(MetricEventFactory));
        if (facts.LastActivityAt >= endExclusive)
        {
            throw new CustomerAgentException("D1", "facts", header.Id.Value, $"hold activity at or after endExclusive = {Preconditions.Format(endExclusive)}; give the facts as of the interval's end");
        }

        if (timeline is not null)
        {
            DataCollectionSwitch.CheckSameAccount(timeline, header);
        }

        if (header.Mode != ConversationMode.Live || facts.Channel != header.Channel)
        {
            if (facts.Channel != header.Channel)
            {
                throw new CustomerAgentException("R1", "facts.channel", facts.Channel.ToString(), $"differs from the header's channel {header.Channel}");
            }

            return new EventCollectionResult(Array.Empty<MetricEvent>(), Array.Empty<NotCollectedEvent>());
        }

        var candidates = Candidates(header, facts, endExclusive - Duration.Epsilon, startInclusive);
        return timeline is null
            ? new EventCollectionResult(candidates.Select(c => c.Event).ToArray().AsReadOnly(), Array.Empty<NotCollectedEvent>())
            : Screen(header, timeline, candidates);
    }

    private void CheckConversation(Conversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        _classifier.Policy.CheckGoverns(conversation, nameof(MetricEventFactory));
    }

    private static void CheckInterval(Instant start, Instant end)
    {
        Preconditions.CheckInstant(start, "startInclusive");
        Preconditions.CheckInstant(end, "endExclusive");
        if (end < start)
        {
            throw new CustomerAgentException("D4", "endExclusive", Preconditions.Format(end), $"is earlier than startInclusive = {Preconditions.Format(start)}; the interval is [start, end)");
        }
    }

    private static List<Candidate> Between(Conversation conversation, Instant start, Instant end) =>
        end <= start || end <= conversation.StartedAt
            ? []
            : Candidates(conversation, end - Duration.Epsilon, start);

    private static EventCollectionResult Screen(ConversationHeader header, AgentSwitchTimeline timeline, List<Candidate> candidates)
    {
        var collected = new List<MetricEvent>();
        var notCollected = new List<NotCollectedEvent>();
        foreach (var candidate in candidates)
        {
            var decision = DataCollectionSwitch.Instance.Check(timeline, header, candidate.HappenedAt);
            if (decision.IsCollected)
            {
                collected.Add(candidate.Event);
            }
            else
            {
                notCollected.Add(new NotCollectedEvent(candidate.Event, decision));
            }
        }

        return new EventCollectionResult(collected.AsReadOnly(), notCollected.AsReadOnly());
    }

    /// <summary>Every event emitted at or before <paramref name="asOf"/> (and at or after <paramref name="emittedFrom"/> when given), in emission order.</summary>
    private static List<Candidate> Candidates(Conversation conversation, Instant asOf, Instant? emittedFrom) =>
        asOf < conversation.StartedAt ? [] : Candidates(conversation.Header, conversation.FactsAsOf(asOf), asOf, emittedFrom);

    /// <summary>The events of facts as of <paramref name="asOf"/> (emitted by then, and from <paramref name="emittedFrom"/> when given), in emission order.</summary>
    private static List<Candidate> Candidates(ConversationHeader header, in ConversationFacts facts, Instant asOf, Instant? emittedFrom)
    {
        var result = new List<Candidate>();
        var profile = MetricProfile.For(header.Profile, header.AccountId, header.Id);
        var occurrences = new List<Occurrence>();
        Occurrences(facts, asOf, occurrences);
        foreach (var o in occurrences)
        {
            if (emittedFrom is { } from && UnixNanoseconds.ToInstant(o.EmittedAt) < from)
            {
                continue;
            }

            result.Add(new Candidate(UnixNanoseconds.ToInstant(o.HappenedAt), EventOf(header.AccountId, header.Id, header.Channel, profile, facts, o)));
        }

        return result;
    }

    /// <summary>
    /// The metric event of one occurrence of a conversation's facts (R6–R10, D4): its unique ID, instant and properties. The
    /// one place an occurrence becomes an event, for the factory and for the segments' compact events (R21) alike.
    /// </summary>
    /// <param name="account">The conversation's account.</param>
    /// <param name="conversation">The conversation.</param>
    /// <param name="channel">Its channel.</param>
    /// <param name="profile">Its profile as the events name it (<see cref="MetricProfile.For"/>).</param>
    /// <param name="facts">Its facts, as of the occurrence's emission or later.</param>
    /// <param name="o">The occurrence (from <see cref="Occurrences"/>).</param>
    /// <returns>The event.</returns>
    internal static MetricEvent EventOf(AccountId account, ConversationId conversation, Channel channel, MetricProfile profile, in ConversationFacts facts, Occurrence o)
    {
        var happened = UnixNanoseconds.ToInstant(o.HappenedAt);
        return o.Kind switch
        {
            MetricKind.StartedConversation => Event(account, conversation, channel, profile, o.Kind, happened, initialSkill: o.Number == 1 ? facts.InitialSkill : null),
            MetricKind.ConversationResolved => Event(account, conversation, channel, profile, o.Kind, happened, finalSkill: facts.FinalSkill, tags: facts.TagsAsOf(happened)),
            MetricKind.ConversationEscalated => Event(account, conversation, channel, profile, o.Kind, happened, tags: facts.TagsAsOf(happened), escalationReason: facts.Handoff!.Reason),
            _ => Event(account, conversation, channel, profile, o.Kind, happened, agentMessageNumber: o.Number, products: facts.ProductsOfAgentMessage(o.Number)),
        };
    }

    /// <summary>
    /// When each metric event of a conversation happens and is emitted, as of <paramref name="asOf"/> (the one home of R6–R9's
    /// timing, used by the factory and by every count of events), in emission order: at one instant the start, then the
    /// recommendations by agent message, then the final status.
    /// </summary>
    /// <remarks>
    /// R6: Started happens at the first shopper message and is emitted once its Initial Skill is known: at the agent's first
    /// message, or at the final status if that comes first (then with no Initial Skill; <see cref="Occurrence.Number"/> is 1
    /// when the Initial Skill is known, 0 when not). R7: Resolved at the instant the classifier says the conversation became
    /// Resolved by AI (its Final Skill is the last skill used: no agent message follows the close, D2). R8: Escalated at the
    /// handoff (the "yes" for tickets, R4). R9: one recommendation per agent message with products, numbered by agent message (D4).
    /// </remarks>
    /// <param name="facts">The facts as of <paramref name="asOf"/> (they hold nothing later).</param>
    /// <param name="asOf">The instant.</param>
    /// <param name="into">Receives the occurrences.</param>
    internal static void Occurrences(in ConversationFacts facts, Instant asOf, List<Occurrence> into)
    {
        var first = into.Count;
        ref readonly var r = ref facts.Row;
        var table = facts.Table;
        for (var e = r.Recommendations; e >= 0; e = table.Lists.Next(e))
        {
            var at = table.Lists.A(e);
            into.Add(new Occurrence(MetricKind.ReceivedProductRecommendation, at, at, table.AgentMessageNumberOf(e)));
        }

        into.Reverse(first, into.Count - first);
        var status = ConversationClassifier.StatusAndSince(facts, UnixNanoseconds.From(asOf), out var since);
        var finalAt = status != ConversationStatus.Open ? since : FactsTable.None;
        var known = Math.Min(r.FirstAgentMessageAt, finalAt);
        if (known != FactsTable.None)
        {
            into.Add(new Occurrence(MetricKind.StartedConversation, r.StartedAt, known, r.FirstAgentMessageAt <= known ? 1 : 0));
        }

        if (status == ConversationStatus.ResolvedByAi)
        {
            into.Add(new Occurrence(MetricKind.ConversationResolved, since, since, 0));
        }

        if (status == ConversationStatus.NotResolvedByAi)
        {
            into.Add(new Occurrence(MetricKind.ConversationEscalated, since, since, 0));
        }

        // in emission order: the recommendations are already ascending, so at most the start and the final status are out of
        // place, and an insertion sort on the one comparison is linear (a million conversations sort two or three each)
        var added = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(into)[first..];
        for (var i = 1; i < added.Length; i++)
        {
            var x = added[i];
            var j = i - 1;
            for (; j >= 0 && OccurrenceOrder.Compare(added[j], x) > 0; j--)
            {
                added[j + 1] = added[j];
            }

            added[j + 1] = x;
        }
    }

    /// <summary>Order of events emitted at the same instant: start, recommendations, then the final status.</summary>
    private static int Rank(MetricKind kind) => kind switch
    {
        MetricKind.StartedConversation => 0,
        MetricKind.ReceivedProductRecommendation => 1,
        _ => 2,
    };

    private static MetricEvent Event(
        AccountId account,
        ConversationId conversation,
        Channel channel,
        MetricProfile profile,
        MetricKind kind,
        Instant time,
        int agentMessageNumber = 0,
        string? initialSkill = null,
        string? finalSkill = null,
        IReadOnlyList<string>? tags = null,
        HandoffReason? escalationReason = null,
        IReadOnlyList<string>? products = null) =>
        new(kind, EventIds.For(kind, account, conversation, agentMessageNumber), account, conversation, channel, time, profile,
            initialSkill, finalSkill, tags, escalationReason, products);

    /// <summary>One metric event's timing: what happened when (the instant the R12 switch screens), when it is emitted, and its number (the agent message for R9; 1 when Started knows its Initial Skill).</summary>
    internal readonly record struct Occurrence(MetricKind Kind, long HappenedAt, long EmittedAt, int Number);

    private static class OccurrenceOrder
    {
        internal static int Compare(in Occurrence a, in Occurrence b)
        {
            var byEmission = a.EmittedAt.CompareTo(b.EmittedAt);
            if (byEmission != 0)
            {
                return byEmission;
            }

            var byKind = Rank(a.Kind).CompareTo(Rank(b.Kind));
            return byKind != 0 ? byKind : a.Number.CompareTo(b.Number);
        }
    }

    private readonly record struct Candidate(Instant HappenedAt, MetricEvent Event);
}
