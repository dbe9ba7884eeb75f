using System.Globalization;

namespace CustomerAgent.Segments;

/// <summary>
/// How many times a profile must have done a metric for a condition to hold (R21): at least N times, zero times or
/// exactly N times.
/// </summary>
/// <remarks>Immutable and thread-safe; build it with <see cref="AtLeast"/>, <see cref="Zero"/> or <see cref="Exactly"/>.</remarks>
public sealed class Frequency : IEquatable<Frequency>
{
    /// <summary>The largest count a frequency may name.</summary>
    public const int MaxCount = 1_000_000;

    private Frequency(bool exact, int count)
    {
        IsExact = exact;
        Count = count;
    }

    /// <summary>Zero times: the profile has not done the metric in the timeframe.</summary>
    public static Frequency Zero { get; } = new(true, 0);

    /// <summary>Whether the count must be met exactly (<see cref="Exactly"/>, <see cref="Zero"/>) rather than at least.</summary>
    public bool IsExact { get; }

    /// <summary>The count: the minimum for <see cref="AtLeast"/>, the exact number otherwise.</summary>
    public int Count { get; }

    /// <summary>At least <paramref name="count"/> times.</summary>
    /// <param name="count">From 1 to <see cref="MaxCount"/> (at least zero times would hold for everyone).</param>
    /// <returns>The frequency.</returns>
    /// <exception cref="CustomerAgentException">The count is out of range (R21).</exception>
    public static Frequency AtLeast(int count) => new(false, CheckCount(count, 1));

    /// <summary>Exactly <paramref name="count"/> times.</summary>
    /// <param name="count">From 0 to <see cref="MaxCount"/>.</param>
    /// <returns>The frequency.</returns>
    /// <exception cref="CustomerAgentException">The count is out of range (R21).</exception>
    public static Frequency Exactly(int count) => CheckCount(count, 0) == 0 ? Zero : new(true, count);

    /// <summary>Whether <paramref name="times"/> occurrences satisfy the frequency.</summary>
    /// <param name="times">A count of occurrences.</param>
    /// <returns>Whether it satisfies.</returns>
    public bool IsSatisfiedBy(int times) => IsExact ? times == Count : times >= Count;

    /// <inheritdoc/>
    public bool Equals(Frequency? other) => other is not null && IsExact == other.IsExact && Count == other.Count;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Frequency);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(IsExact, Count);

    /// <summary>The frequency in words: <c>zero times</c>, <c>at least once</c>, <c>exactly 3 times</c>.</summary>
    public override string ToString() => (IsExact, Count) switch
    {
        (true, 0) => "zero times",
        (true, _) => "exactly " + Times(Count),
        _ => "at least " + Times(Count),
    };

    private static string Times(int count) => count == 1 ? "once" : count.ToString(CultureInfo.InvariantCulture) + " times";

    private static int CheckCount(int count, int min) =>
        count >= min && count <= MaxCount
            ? count
            : throw new CustomerAgentException("R21", "count", count.ToString(CultureInfo.InvariantCulture), $"must be from {min} to {MaxCount.ToString(CultureInfo.InvariantCulture)}");
}
