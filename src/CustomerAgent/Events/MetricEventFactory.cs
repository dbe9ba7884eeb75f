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
/// <para>Stateless and thread-safe; <see cref="Default"/> uses <see cref="ConversationClassifier.Instance"/>.</para>
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

    /// <summary>A shared factory using <see cref="ConversationClassifier.Instance"/>.</summary>
    public static MetricEventFactory Default { get; } = new(ConversationClassifier.Instance);

    /// <inheritdoc/>
    public IReadOnlyList<MetricEvent> EventsAsOf(Conversation conversation, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return conversation.IsCountedInMetrics ? Candidates(conversation, asOf, null).Select(c => c.Event).ToArray() : [];
    }

    /// <inheritdoc/>
    public IReadOnlyList<MetricEvent> EventsBetween(Conversation conversation, Instant startInclusive, Instant endExclusive)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        CheckInterval(startInclusive, endExclusive);
        return conversation.IsCountedInMetrics ? Between(conversation, startInclusive, endExclusive).Select(c => c.Event).ToArray() : [];
    }

    /// <inheritdoc/>
    public EventCollectionResult EventsAsOf(Conversation conversation, AgentSwitchTimeline timeline, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(timeline);
        DataCollectionSwitch.CheckSameAccount(timeline, conversation.Header);
        return Screen(conversation, timeline, Candidates(conversation, asOf, null));
    }

    /// <inheritdoc/>
    public EventCollectionResult EventsBetween(Conversation conversation, AgentSwitchTimeline timeline, Instant startInclusive, Instant endExclusive)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(timeline);
        CheckInterval(startInclusive, endExclusive);
        DataCollectionSwitch.CheckSameAccount(timeline, conversation.Header);
        return Screen(conversation, timeline, Between(conversation, startInclusive, endExclusive));
    }

    private static void CheckInterval(Instant start, Instant end)
    {
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
        var profile = MetricProfile.For(header.Profile, header.Id);
        var history = conversation.History;
        AgentMessageSent? firstAgent = null;
        for (var i = 0; i < history.Count && history[i].At <= asOf; i++)
        {
            if (history[i] is not AgentMessageSent message)
            {
                continue;
            }

            firstAgent ??= message;
            if (message.HasProducts)
            {
                var kind = MetricKind.ReceivedProductRecommendation;
                result.Add(new Candidate(message.At, message.At, kind, i, new MetricEvent(
                    kind, MetricEvent.UniqueIdFor(kind, header.Id, i), header.Id, header.Channel, message.At, profile, products: message.Products)));
            }
        }

        // R6: happens at the first shopper message; emitted when the initial skill is known or the status became final without it.
        Instant? finalAt = status.IsFinal ? status.StatusSince : null;
        var startedKnownAt = (firstAgent?.At, finalAt) switch
        {
            ({ } agentAt, { } final) => agentAt <= final ? agentAt : final,
            ({ } agentAt, null) => agentAt,
            (null, { } final) => final,
            _ => (Instant?)null,
        };
        if (startedKnownAt is { } knownAt)
        {
            var initialSkill = firstAgent is not null && firstAgent.At <= knownAt ? firstAgent.Skill : null;
            var kind = MetricKind.StartedConversation;
            result.Add(new Candidate(conversation.StartedAt, knownAt, kind, 0, new MetricEvent(
                kind, MetricEvent.UniqueIdFor(kind, header.Id), header.Id, header.Channel, conversation.StartedAt, profile, initialSkill: initialSkill)));
        }

        if (status.ResolvedAt is { } resolvedAt)
        {
            var kind = MetricKind.ConversationResolved;
            result.Add(new Candidate(resolvedAt, resolvedAt, kind, 0, new MetricEvent(
                kind, MetricEvent.UniqueIdFor(kind, header.Id), header.Id, header.Channel, resolvedAt, profile,
                finalSkill: LastSkillAsOf(history, resolvedAt), tags: TagsAsOf(history, resolvedAt))));
        }

        if (status.EscalatedAt is { } escalatedAt && status.Handoff is { } handoff)
        {
            var kind = MetricKind.ConversationEscalated;
            result.Add(new Candidate(escalatedAt, escalatedAt, kind, 0, new MetricEvent(
                kind, MetricEvent.UniqueIdFor(kind, header.Id), header.Id, header.Channel, escalatedAt, profile,
                tags: TagsAsOf(history, escalatedAt), escalationReason: handoff.Reason)));
        }

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
            return byKind != 0 ? byKind : a.MessageIndex.CompareTo(b.MessageIndex);
        });
        return result;
    }

    /// <summary>Order of events emitted at the same instant: start, recommendations, then the final status.</summary>
    private static int Rank(MetricKind kind) => kind switch
    {
        MetricKind.StartedConversation => 0,
        MetricKind.ReceivedProductRecommendation => 1,
        _ => 2,
    };

    private static string? LastSkillAsOf(IReadOnlyList<ConversationActivity> history, Instant instant)
    {
        string? skill = null;
        for (var i = 0; i < history.Count && history[i].At <= instant; i++)
        {
            if (history[i] is AgentMessageSent message)
            {
                skill = message.Skill;
            }
        }

        return skill;
    }

    private static List<string> TagsAsOf(IReadOnlyList<ConversationActivity> history, Instant instant)
    {
        var tags = new List<string>();
        for (var i = 0; i < history.Count && history[i].At <= instant; i++)
        {
            if (history[i] is TagApplied applied && !tags.Contains(applied.Tag, StringComparer.Ordinal))
            {
                tags.Add(applied.Tag);
            }
        }

        return tags;
    }

    private readonly record struct Candidate(Instant HappenedAt, Instant EmittedAt, MetricKind Kind, int MessageIndex, MetricEvent Event);
}
