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
        return Screen(conversation, timeline, Candidates(conversation, asOf, null));
    }

    /// <inheritdoc/>
    public EventCollectionResult EventsBetween(Conversation conversation, AgentSwitchTimeline timeline, Instant startInclusive, Instant endExclusive)
    {
        CheckConversation(conversation);
        ArgumentNullException.ThrowIfNull(timeline);
        CheckInterval(startInclusive, endExclusive);
        DataCollectionSwitch.CheckSameAccount(timeline, conversation.Header);
        return Screen(conversation, timeline, Between(conversation, startInclusive, endExclusive));
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

    private List<Candidate> Between(Conversation conversation, Instant start, Instant end) =>
        end <= start || end <= conversation.StartedAt
            ? []
            : Candidates(conversation, end - Duration.Epsilon, start);

    private static EventCollectionResult Screen(Conversation conversation, AgentSwitchTimeline timeline, List<Candidate> candidates)
    {
        var collected = new List<MetricEvent>();
        var notCollected = new List<NotCollectedEvent>();
        foreach (var candidate in candidates)
        {
            var decision = DataCollectionSwitch.Instance.Check(timeline, conversation.Header, candidate.HappenedAt);
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
    private List<Candidate> Candidates(Conversation conversation, Instant asOf, Instant? emittedFrom)
    {
        var result = new List<Candidate>();
        if (asOf < conversation.StartedAt)
        {
            return result;
        }

        var status = _classifier.Classify(conversation, asOf);
        var header = conversation.Header;
        var about = new About(header, MetricProfile.For(header.Profile, header.AccountId, header.Id), conversation.History);
        AddRecommendations(result, about, asOf);
        AddStarted(result, about, conversation.StartedAt, status, asOf);
        AddResolved(result, about, status);
        AddEscalated(result, about, status);
        if (emittedFrom is { } from)
        {
            result.RemoveAll(c => c.EmittedAt < from);
        }

        result.Sort(static (a, b) =>
        {
            var byEmission = a.EmittedAt.CompareTo(b.EmittedAt);
            if (byEmission != 0)
            {
                return byEmission;
            }

            var byKind = Rank(a.Kind).CompareTo(Rank(b.Kind));
            return byKind != 0 ? byKind : a.Number.CompareTo(b.Number);
        });
        return result;
    }

    /// <summary>
    /// R6: Started happens at the first shopper message and is emitted once its Initial Skill is known: at the agent's first
    /// message, or at the final status if that comes first (then with no Initial Skill), whichever is earlier (R10).
    /// </summary>
    private static void AddStarted(List<Candidate> result, About about, Instant startedAt, StatusClassification status, Instant asOf)
    {
        var firstAgent = FirstAgentMessageAsOf(about.History, asOf);
        Instant? finalAt = status.IsFinal ? status.StatusSince : null;
        var known = EarlierOf(firstAgent?.At, finalAt);
        if (known is null)
        {
            return;
        }

        var knownAt = known.Value;
        var initialSkill = firstAgent is not null && firstAgent.At <= knownAt ? firstAgent.Skill : null;
        result.Add(new Candidate(startedAt, knownAt, MetricKind.StartedConversation, 0, about.Event(
            MetricKind.StartedConversation, startedAt, initialSkill: initialSkill)));
    }

    /// <summary>R7: Resolved at the instant the classifier says the conversation became Resolved by AI, with the Final Skill and Tags as of then (R10).</summary>
    private static void AddResolved(List<Candidate> result, About about, StatusClassification status)
    {
        if (status.ResolvedAt is { } resolvedAt)
        {
            result.Add(new Candidate(resolvedAt, resolvedAt, MetricKind.ConversationResolved, 0, about.Event(
                MetricKind.ConversationResolved, resolvedAt, finalSkill: LastSkillAsOf(about.History, resolvedAt), tags: TagsAsOf(about.History, resolvedAt))));
        }
    }

    /// <summary>R8: Escalated at the handoff instant (the "yes" for tickets, R4), with the reason and the Tags as of then.</summary>
    private static void AddEscalated(List<Candidate> result, About about, StatusClassification status)
    {
        // EscalatedAt is set exactly when the status is Not resolved by AI, which always has its handoff (R3).
        var escalated = status.EscalatedAt;
        if (escalated is null)
        {
            return;
        }

        var escalatedAt = escalated.Value;
        result.Add(new Candidate(escalatedAt, escalatedAt, MetricKind.ConversationEscalated, 0, about.Event(
            MetricKind.ConversationEscalated, escalatedAt, tags: TagsAsOf(about.History, escalatedAt), escalationReason: status.Handoff!.Reason)));
    }

    /// <summary>R9: one recommendation per agent message with products, numbered by the agent message (D4).</summary>
    private static void AddRecommendations(List<Candidate> result, About about, Instant asOf)
    {
        var agentMessages = 0;
        foreach (var activity in about.History)
        {
            if (activity.At > asOf)
            {
                break;
            }

            if (activity is AgentMessageSent message)
            {
                agentMessages++;
                if (message.HasProducts)
                {
                    result.Add(new Candidate(message.At, message.At, MetricKind.ReceivedProductRecommendation, agentMessages, about.Event(
                        MetricKind.ReceivedProductRecommendation, message.At, agentMessageNumber: agentMessages, products: message.Products)));
                }
            }
        }
    }

    /// <summary>Order of events emitted at the same instant: start, recommendations, then the final status.</summary>
    private static int Rank(MetricKind kind) => kind switch
    {
        MetricKind.StartedConversation => 0,
        MetricKind.ReceivedProductRecommendation => 1,
        _ => 2,
    };

    private static Instant? EarlierOf(Instant? a, Instant? b)
    {
        if (a is null)
        {
            return b;
        }

        if (b is null)
        {
            return a;
        }

        return a.Value <= b.Value ? a : b;
    }

    private static AgentMessageSent? FirstAgentMessageAsOf(IReadOnlyList<ConversationActivity> history, Instant instant)
    {
        foreach (var activity in history)
        {
            if (activity.At > instant)
            {
                break;
            }

            if (activity is AgentMessageSent message)
            {
                return message;
            }
        }

        return null;
    }

    private static string? LastSkillAsOf(IReadOnlyList<ConversationActivity> history, Instant instant)
    {
        string? skill = null;
        foreach (var activity in history)
        {
            if (activity.At > instant)
            {
                break;
            }

            if (activity is AgentMessageSent message)
            {
                skill = message.Skill;
            }
        }

        return skill;
    }

    private static List<string> TagsAsOf(IReadOnlyList<ConversationActivity> history, Instant instant)
    {
        var tags = new List<string>();
        foreach (var activity in history)
        {
            if (activity.At > instant)
            {
                break;
            }

            if (activity is TagApplied applied && !tags.Contains(applied.Tag, StringComparer.Ordinal))
            {
                tags.Add(applied.Tag);
            }
        }

        return tags;
    }

    /// <summary>What every event of one conversation shares: its header, its event profile and its history.</summary>
    private sealed record About(ConversationHeader Header, MetricProfile Profile, IReadOnlyList<ConversationActivity> History)
    {
        internal MetricEvent Event(
            MetricKind kind,
            Instant time,
            int agentMessageNumber = 0,
            string? initialSkill = null,
            string? finalSkill = null,
            IReadOnlyList<string>? tags = null,
            HandoffReason? escalationReason = null,
            IReadOnlyList<string>? products = null) =>
            new(kind, EventIds.For(kind, Header.AccountId, Header.Id, agentMessageNumber), Header.AccountId, Header.Id, Header.Channel, time, Profile,
                initialSkill, finalSkill, tags, escalationReason, products);
    }

    private readonly record struct Candidate(Instant HappenedAt, Instant EmittedAt, MetricKind Kind, int Number, MetricEvent Event);
}
