namespace CustomerAgent.Dashboard;

/// <summary>
/// An exact share of the volume (R15): a count over the volume, both integers, with the decimal ratio. A rate exists only
/// for a positive volume; with no conversation there is no rate (the dashboard gets <see langword="null"/>, never 0 or NaN).
/// </summary>
/// <remarks>Immutable and thread-safe; built only by the dashboard, so 0 ≤ <see cref="Count"/> ≤ <see cref="Volume"/> and <see cref="Volume"/> &gt; 0 always hold.</remarks>
public sealed record Rate
{
    private Rate(long count, long volume)
    {
        Count = count;
        Volume = volume;
    }

    /// <summary>The numerator: conversations of the cohort with the status.</summary>
    public long Count { get; }

    /// <summary>The denominator: the cohort's volume, always positive.</summary>
    public long Volume { get; }

    /// <summary><see cref="Count"/> / <see cref="Volume"/> as a <see cref="decimal"/> (28 significant digits, rounded half to even in the last).</summary>
    public decimal Value => (decimal)Count / Volume;

    /// <summary>The rate in percent, <see cref="Value"/> × 100.</summary>
    public decimal Percent => Count * 100m / Volume;

    /// <summary>The rate of <paramref name="count"/> in <paramref name="volume"/>, or <see langword="null"/> when the volume is 0 (R15).</summary>
    internal static Rate? Of(long count, long volume) => volume == 0 ? null : new Rate(count, volume);

    /// <inheritdoc/>
    public override string ToString() => $"{Count}/{Volume}";
}
