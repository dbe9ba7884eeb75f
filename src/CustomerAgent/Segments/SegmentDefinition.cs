namespace CustomerAgent.Segments;

/// <summary>
/// A named segment (R21): a name, a description and a <see cref="SegmentCondition"/>. The three segments the events guide
/// names ship as <see cref="StartedConversation"/>, <see cref="RecommendedWithoutOrder"/> and <see cref="EscalatedInTheLast7Days"/>.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class SegmentDefinition : IEquatable<SegmentDefinition>
{
    /// <summary>The longest name.</summary>
    public const int MaxNameLength = 64;

    private SegmentDefinition(string name, string description, SegmentCondition condition)
    {
        Name = name;
        Description = description;
        Condition = condition;
    }

    /// <summary>"Which customers started a conversation with the Customer Agent?": Started Conversation at least once over all time.</summary>
    public static SegmentDefinition StartedConversation { get; } = new(
        "started-conversation",
        "Which customers started a conversation with the Customer Agent?",
        SegmentCondition.HasDone(SegmentMetric.StartedConversation, Frequency.AtLeast(1), Timeframe.AllTime));

    /// <summary>
    /// "Who received a product recommendation but did not purchase?": Received Product Recommendation at least once over all
    /// time, and Placed Order zero times since the latest recommendation.
    /// </summary>
    public static SegmentDefinition RecommendedWithoutOrder { get; } = new(
        "recommended-no-order",
        "Who received a product recommendation but did not purchase since?",
        SegmentCondition.All(
            SegmentCondition.HasDone(SegmentMetric.ReceivedProductRecommendation, Frequency.AtLeast(1), Timeframe.AllTime),
            SegmentCondition.HasDone(SegmentMetric.PlacedOrder, Frequency.Zero, Timeframe.SinceLatest(SegmentMetric.ReceivedProductRecommendation))));

    /// <summary>
    /// "Who was transferred to a human agent?", as the guide's best practice uses it: Conversation Escalated at least once in
    /// the last 7 days (the account's days, today included), to exclude from general promotional campaigns.
    /// </summary>
    public static SegmentDefinition EscalatedInTheLast7Days { get; } = new(
        "escalated-last-7-days",
        "Who was transferred to a human agent in the last 7 days (to exclude from general promotional campaigns)?",
        SegmentCondition.HasDone(SegmentMetric.ConversationEscalated, Frequency.AtLeast(1), Timeframe.InTheLast(7)));

    /// <summary>The three segments of the events guide, in its order.</summary>
    public static IReadOnlyList<SegmentDefinition> Named { get; } = [StartedConversation, RecommendedWithoutOrder, EscalatedInTheLast7Days];

    /// <summary>The name: 1 to <see cref="MaxNameLength"/> lower-case letters, digits and hyphens.</summary>
    public string Name { get; }

    /// <summary>What the segment answers, in words.</summary>
    public string Description { get; }

    /// <summary>The condition a profile meets to be a member.</summary>
    public SegmentCondition Condition { get; }

    /// <summary>Defines a segment.</summary>
    /// <param name="name">1 to <see cref="MaxNameLength"/> lower-case ASCII letters, digits and hyphens, such as <c>vip-escalated</c>.</param>
    /// <param name="condition">The condition.</param>
    /// <param name="description">What it answers; the condition in words when omitted.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="condition"/> is null.</exception>
    /// <exception cref="CustomerAgentException">The name is not such a name (R21).</exception>
    public static SegmentDefinition Create(string name, SegmentCondition condition, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        if (name is null || name.Length is 0 or > MaxNameLength || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            throw new CustomerAgentException("R21", "name", name, $"must be 1 to {MaxNameLength} lower-case letters, digits and hyphens, such as escalated-last-7-days");
        }

        return new(name, Preconditions.TrimToNull(description) ?? condition.ToString(), condition);
    }

    /// <summary>The named segment of the events guide called <paramref name="name"/>, or null.</summary>
    /// <param name="name">A name, such as <c>recommended-no-order</c>.</param>
    /// <returns>The definition, or null when no named segment has that name.</returns>
    public static SegmentDefinition? FindNamed(string? name) =>
        Named.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal));

    /// <inheritdoc/>
    public bool Equals(SegmentDefinition? other) =>
        other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal) && string.Equals(Description, other.Description, StringComparison.Ordinal) && Condition.Equals(other.Condition);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SegmentDefinition);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Condition);

    /// <summary>The name and the condition in words.</summary>
    public override string ToString() => $"{Name}: {Condition}";
}
