namespace CustomerAgent.Segments;

/// <summary>The kind of a <see cref="SegmentCondition"/>.</summary>
public enum SegmentConditionKind
{
    /// <summary>What someone has done or not done: a metric, a frequency, a timeframe.</summary>
    HasDone = 0,

    /// <summary>Every one of the inner conditions holds (and).</summary>
    All = 1,

    /// <summary>At least one of the inner conditions holds (or).</summary>
    Any = 2,
}

/// <summary>
/// A segment condition (R21): <i>what someone has done or not done</i> (<see cref="HasDone"/>: a metric, done at least,
/// exactly or zero times, over a <see cref="Timeframe"/>), or conditions combined with and (<see cref="All"/>) or or
/// (<see cref="Any"/>).
/// </summary>
/// <remarks>Immutable and thread-safe; a tree of at most <see cref="MaxConditions"/> conditions.</remarks>
public sealed class SegmentCondition : IEquatable<SegmentCondition>
{
    /// <summary>The most conditions one tree may hold (leaves and combinations).</summary>
    public const int MaxConditions = 100;

    private readonly SegmentCondition[] _conditions;

    private SegmentCondition(SegmentConditionKind kind, SegmentMetric metric, Frequency? frequency, Timeframe? timeframe, SegmentCondition[] conditions)
    {
        Kind = kind;
        Metric = metric;
        Frequency = frequency;
        Timeframe = timeframe;
        _conditions = conditions;
        Size = 1 + conditions.Sum(c => c.Size);
    }

    /// <summary>The kind of condition.</summary>
    public SegmentConditionKind Kind { get; }

    /// <summary>The metric of a <see cref="SegmentConditionKind.HasDone"/> condition; <c>default</c> otherwise.</summary>
    public SegmentMetric Metric { get; }

    /// <summary>The frequency of a <see cref="SegmentConditionKind.HasDone"/> condition; null otherwise.</summary>
    public Frequency? Frequency { get; }

    /// <summary>The timeframe of a <see cref="SegmentConditionKind.HasDone"/> condition; null otherwise.</summary>
    public Timeframe? Timeframe { get; }

    /// <summary>The inner conditions of <see cref="SegmentConditionKind.All"/> and <see cref="SegmentConditionKind.Any"/>; empty otherwise.</summary>
    public IReadOnlyList<SegmentCondition> Conditions => _conditions;

    /// <summary>The number of conditions in the tree, this one included.</summary>
    internal int Size { get; }

    /// <summary>Someone has done <paramref name="metric"/> <paramref name="frequency"/> in <paramref name="timeframe"/>.</summary>
    /// <param name="metric">The metric.</param>
    /// <param name="frequency">How many times.</param>
    /// <param name="timeframe">Over what stretch of time.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="frequency"/> or <paramref name="timeframe"/> is null.</exception>
    /// <exception cref="CustomerAgentException">The metric is not defined (R21).</exception>
    public static SegmentCondition HasDone(SegmentMetric metric, Frequency frequency, Timeframe timeframe)
    {
        ArgumentNullException.ThrowIfNull(frequency);
        ArgumentNullException.ThrowIfNull(timeframe);
        return new(SegmentConditionKind.HasDone, SegmentMetricNames.Check(metric, "metric"), frequency, timeframe, []);
    }

    /// <summary>Every one of <paramref name="conditions"/> holds (and).</summary>
    /// <param name="conditions">At least one condition.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="conditions"/> or one of them is null.</exception>
    /// <exception cref="CustomerAgentException">No condition is given, or the tree would exceed <see cref="MaxConditions"/> (R21).</exception>
    public static SegmentCondition All(params IEnumerable<SegmentCondition> conditions) => Combine(SegmentConditionKind.All, conditions);

    /// <summary>At least one of <paramref name="conditions"/> holds (or).</summary>
    /// <param name="conditions">At least one condition.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="conditions"/> or one of them is null.</exception>
    /// <exception cref="CustomerAgentException">No condition is given, or the tree would exceed <see cref="MaxConditions"/> (R21).</exception>
    public static SegmentCondition Any(params IEnumerable<SegmentCondition> conditions) => Combine(SegmentConditionKind.Any, conditions);

    /// <summary>This condition and <paramref name="other"/>.</summary>
    /// <param name="other">The other condition.</param>
    /// <returns><see cref="All"/> of both.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="CustomerAgentException">The tree would exceed <see cref="MaxConditions"/> (R21).</exception>
    public SegmentCondition And(SegmentCondition other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return All(this, other);
    }

    /// <summary>This condition or <paramref name="other"/>.</summary>
    /// <param name="other">The other condition.</param>
    /// <returns><see cref="Any"/> of both.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="CustomerAgentException">The tree would exceed <see cref="MaxConditions"/> (R21).</exception>
    public SegmentCondition Or(SegmentCondition other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Any(this, other);
    }

    private static SegmentCondition Combine(SegmentConditionKind kind, IEnumerable<SegmentCondition> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var list = new List<SegmentCondition>();
        var size = 1;
        foreach (var condition in conditions)
        {
            ArgumentNullException.ThrowIfNull(condition, $"conditions[{list.Count}]");
            list.Add(condition);
            size += condition.Size;
            if (size > MaxConditions)
            {
                throw new CustomerAgentException("R21", "conditions", size.ToString(System.Globalization.CultureInfo.InvariantCulture), $"would make a tree of more than {MaxConditions} conditions");
            }
        }

        if (list.Count == 0)
        {
            throw new CustomerAgentException("R21", "conditions", null, "must hold at least one condition");
        }

        return new(kind, default, null, null, [.. list]);
    }

    /// <inheritdoc/>
    public bool Equals(SegmentCondition? other) =>
        other is not null
        && Kind == other.Kind
        && Metric == other.Metric
        && Equals(Frequency, other.Frequency)
        && Equals(Timeframe, other.Timeframe)
        && _conditions.AsSpan().SequenceEqual(other._conditions);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SegmentCondition);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = HashCode.Combine(Kind, Metric, Frequency, Timeframe);
        foreach (var condition in _conditions)
        {
            hash = HashCode.Combine(hash, condition);
        }

        return hash;
    }

    /// <summary>
    /// The condition in words, as the vendor's segment builder reads: <c>Received Product Recommendation from Customer Agent
    /// at least once over all time and Placed Order zero times since the latest Received Product Recommendation from Customer
    /// Agent</c>; combinations inside others are parenthesized.
    /// </summary>
    public override string ToString() => Kind switch
    {
        SegmentConditionKind.HasDone => $"{Metric.ToMetricName()} {Frequency} {Timeframe}",
        _ => string.Join(Kind == SegmentConditionKind.All ? " and " : " or ", _conditions.Select(c => c.Kind == SegmentConditionKind.HasDone ? c.ToString() : "(" + c + ")")),
    };
}
