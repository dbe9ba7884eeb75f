using System.Collections.ObjectModel;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Events;

/// <summary>
/// One occurrence of a Customer Agent metric (R6–R9): which metric, about which profile (R11), when, with its key
/// properties, and a deterministic unique ID so that a replay never duplicates it (D4).
/// </summary>
/// <remarks>
/// <para>Immutable and thread-safe, with value equality (lists compared element by element). Built by
/// <see cref="IMetricEventFactory"/>; serialized as the vendor's Create Event request with <c>CustomerAgent.Serialization.CustomerAgentJson</c> (the domain type does not know its wire format).</para>
/// <para>Unique IDs (D4): <c>{account}:{conversation}:started</c>, <c>:resolved</c>, <c>:escalated</c>, and
/// <c>{account}:{conversation}:recommendation:{n}</c> for the agent's n-th message (counting agent messages only), with
/// <c>%</c> and <c>:</c> escaped inside each component, so IDs never collide across accounts and never depend on tags, clicks
/// or shopper messages.</para>
/// </remarks>
public sealed class MetricEvent : IEquatable<MetricEvent>
{
    internal MetricEvent(
        MetricKind kind,
        string uniqueId,
        AccountId accountId,
        ConversationId conversationId,
        Channel channel,
        Instant time,
        MetricProfile profile,
        string? initialSkill = null,
        string? finalSkill = null,
        IReadOnlyList<string>? tags = null,
        HandoffReason? escalationReason = null,
        IReadOnlyList<string>? products = null)
    {
        Kind = kind;
        UniqueId = uniqueId;
        AccountId = accountId;
        ConversationId = conversationId;
        Channel = channel;
        Time = TruncateToSecond(time);
        Profile = profile;
        InitialSkill = initialSkill;
        FinalSkill = finalSkill;
        Tags = tags is null || tags.Count == 0 ? ReadOnlyCollection<string>.Empty : tags.ToArray().AsReadOnly();
        EscalationReason = escalationReason;
        Products = products is null || products.Count == 0 ? ReadOnlyCollection<string>.Empty : products.ToArray().AsReadOnly();
    }

    /// <summary>Which of the four metrics.</summary>
    public MetricKind Kind { get; }

    /// <summary>The metric's name exactly as the vendor shows it (R6–R9).</summary>
    public string MetricName => Kind.ToMetricName();

    /// <summary>The deterministic unique ID (D4): the same conversation and metric (and agent message, for R9) always give the same ID.</summary>
    public string UniqueId { get; }

    /// <summary>The merchant account the event belongs to. It is part of <see cref="UniqueId"/>; one account's events never count in another's.</summary>
    public AccountId AccountId { get; }

    /// <summary>The conversation the event belongs to (property <c>Conversation ID</c>).</summary>
    public ConversationId ConversationId { get; }

    /// <summary>The conversation's channel (property <c>Channel</c>, API name).</summary>
    public Channel Channel { get; }

    /// <summary>When the event happened, truncated to the whole second as the vendor records it (D4).</summary>
    public Instant Time { get; }

    /// <summary>The profile the event is about (R11).</summary>
    public MetricProfile Profile { get; }

    /// <summary>R6 only: the skill of the agent's first message (R10), or null when the conversation reached a final status before the agent answered.</summary>
    public string? InitialSkill { get; }

    /// <summary>R7 only: the last skill used before resolution (R10).</summary>
    public string? FinalSkill { get; }

    /// <summary>R7 and R8: the distinct tags applied at or before the event's instant, in order of first application; empty otherwise.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>R8 only: why the agent handed off.</summary>
    public HandoffReason? EscalationReason { get; }

    /// <summary>R9 only: the product IDs or SKUs of the card or list, in the message's order; empty otherwise.</summary>
    public IReadOnlyList<string> Products { get; }

    /// <inheritdoc/>
    public bool Equals(MetricEvent? other) =>
        other is not null
        && Kind == other.Kind
        && string.Equals(UniqueId, other.UniqueId, StringComparison.Ordinal)
        && AccountId == other.AccountId
        && ConversationId == other.ConversationId
        && Channel == other.Channel
        && Time == other.Time
        && Profile.Equals(other.Profile)
        && string.Equals(InitialSkill, other.InitialSkill, StringComparison.Ordinal)
        && string.Equals(FinalSkill, other.FinalSkill, StringComparison.Ordinal)
        && Tags.SequenceEqual(other.Tags, StringComparer.Ordinal)
        && EscalationReason == other.EscalationReason
        && Products.SequenceEqual(other.Products, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as MetricEvent);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, UniqueId, Time);

    /// <summary>A short description; the profile appears only in redacted form.</summary>
    public override string ToString() =>
        $"{MetricName} [{UniqueId}] at {Preconditions.Format(Time)} on {ChannelWords.Of(Channel)} for {Profile}";

    internal static Instant TruncateToSecond(Instant instant) => Instant.FromUnixTimeSeconds(instant.ToUnixTimeSeconds());

    /// <summary><see cref="TruncateToSecond(Instant)"/> of an instant in Unix nanoseconds (towards the start of time, as NodaTime truncates).</summary>
    internal static Instant TruncateToSecond(long unixNanoseconds) =>
        Instant.FromUnixTimeSeconds(Math.DivRem(unixNanoseconds, 1_000_000_000L) is var (seconds, rest) && rest < 0 ? seconds - 1 : seconds);
}
