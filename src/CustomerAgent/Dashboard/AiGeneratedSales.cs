using System.Collections.ObjectModel;

namespace CustomerAgent.Dashboard;

/// <summary>
/// The fourth KPI (R15): revenue attributed to Customer Agent interactions (R16, R17) for orders placed in the period, one
/// total per currency (D5: never added across currencies). The dashboard takes it as input from the attribution calculators:
/// the host sums the attributed orders it computed per shard and passes the result here.
/// </summary>
/// <remarks>Immutable and thread-safe. Totals are sorted by currency code, one per currency. <see cref="Merge"/> is associative and commutative with <see cref="None"/> as identity.</remarks>
public sealed class AiGeneratedSales : IEquatable<AiGeneratedSales>
{
    private readonly ReadOnlyCollection<CurrencyAmount> _totals;

    private AiGeneratedSales(CurrencyAmount[] totals) => _totals = totals.AsReadOnly();

    /// <summary>No attributed revenue.</summary>
    public static AiGeneratedSales None { get; } = new([]);

    /// <summary>One total per currency, sorted by code (ordinal).</summary>
    public IReadOnlyList<CurrencyAmount> Totals => _totals;

    /// <summary>Sums attributed amounts per currency.</summary>
    /// <param name="amounts">Attributed amounts (one per order, or partial totals), any currencies.</param>
    /// <returns>The totals.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="amounts"/> is null.</exception>
    /// <exception cref="CustomerAgentException">An amount is <c>default</c> (D5).</exception>
    public static AiGeneratedSales From(IEnumerable<CurrencyAmount> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var sums = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        var i = 0;
        foreach (var amount in amounts)
        {
            if (amount.Currency.Length == 0)
            {
                throw new CustomerAgentException("D5", $"amounts[{i}]", null, "is default(CurrencyAmount), which has no currency");
            }

            sums[amount.Currency] = sums.GetValueOrDefault(amount.Currency) + amount.Amount;
            i++;
        }

        return sums.Count == 0 ? None : new AiGeneratedSales(sums.Select(kv => CurrencyAmount.Create(kv.Key, kv.Value)).ToArray());
    }

    /// <summary>The total in <paramref name="currency"/>, 0 when there is none.</summary>
    /// <param name="currency">An ISO 4217 code.</param>
    /// <returns>The amount.</returns>
    public decimal TotalIn(string currency) => _totals.FirstOrDefault(t => string.Equals(t.Currency, currency, StringComparison.Ordinal)).Amount;

    /// <summary>These totals plus <paramref name="other"/>'s, per currency (a shard's part merged with another's).</summary>
    /// <param name="other">Other totals.</param>
    /// <returns>The merged totals.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public AiGeneratedSales Merge(AiGeneratedSales other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other._totals.Count == 0 ? this : _totals.Count == 0 ? other : From(_totals.Concat(other._totals));
    }

    /// <inheritdoc/>
    public bool Equals(AiGeneratedSales? other) => other is not null && _totals.SequenceEqual(other._totals);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as AiGeneratedSales);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var t in _totals)
        {
            hash.Add(t);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => _totals.Count == 0 ? "AiGeneratedSales(none)" : $"AiGeneratedSales({string.Join(", ", _totals)})";
}
