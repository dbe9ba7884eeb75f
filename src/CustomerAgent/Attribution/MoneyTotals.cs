namespace CustomerAgent.Attribution;

/// <summary>
/// Totals kept per currency: one sum for each currency seen, never one sum across currencies (D5). This is how
/// AI-generated sales and total revenue are reported when orders come in several currencies.
/// </summary>
/// <remarks>Immutable and thread-safe. <see cref="Totals"/> is sorted by currency code (ordinal); a currency appears once it has been added, even with a zero sum.</remarks>
public sealed class MoneyTotals : IEquatable<MoneyTotals>
{
    private readonly Money[] _totals;

    private MoneyTotals(Money[] totals) => _totals = totals;

    /// <summary>No money in any currency.</summary>
    public static MoneyTotals Empty { get; } = new([]);

    /// <summary>One total per currency, sorted by currency code.</summary>
    public IReadOnlyList<Money> Totals => _totals;

    /// <summary>Whether no amount has been added.</summary>
    public bool IsEmpty => _totals.Length == 0;

    /// <summary>The per-currency sums of <paramref name="amounts"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="amounts"/> is null.</exception>
    /// <exception cref="CustomerAgentException">An amount is <c>default(Money)</c>, or a sum overflows (D5).</exception>
    public static MoneyTotals Sum(IEnumerable<Money> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var builder = new Builder();
        foreach (var amount in amounts)
        {
            builder.Add(amount);
        }

        return builder.Build();
    }

    /// <summary>The total in <paramref name="currency"/>: its sum, or zero when nothing in that currency was added.</summary>
    /// <param name="currency">An active ISO 4217 code.</param>
    /// <exception cref="CustomerAgentException">The currency is not an active ISO 4217 code (D5).</exception>
    public Money In(string currency)
    {
        var code = Money.CheckCurrency(currency, "currency");
        foreach (var total in _totals)
        {
            if (string.Equals(total.Currency, code, StringComparison.Ordinal))
            {
                return total;
            }
        }

        return Money.Trusted(0m, code);
    }

    /// <summary>These totals with <paramref name="amount"/> added to its own currency's sum.</summary>
    /// <exception cref="CustomerAgentException">The amount is <c>default(Money)</c>, or the sum overflows (D5).</exception>
    public MoneyTotals Add(Money amount) => Sum(_totals.Append(amount));

    /// <summary>The per-currency sums of both totals.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="CustomerAgentException">A sum overflows (D5).</exception>
    public static MoneyTotals operator +(MoneyTotals left, MoneyTotals right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return Sum(left._totals.Concat(right._totals));
    }

    /// <summary>The per-currency sums of both totals (the named alternative to <c>+</c>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public MoneyTotals Add(MoneyTotals other) => this + other;

    /// <inheritdoc/>
    public bool Equals(MoneyTotals? other) => other is not null && _totals.AsSpan().SequenceEqual(other._totals);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as MoneyTotals);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var total in _totals)
        {
            hash.Add(total);
        }

        return hash.ToHashCode();
    }

    /// <summary>The totals joined with <c>" + "</c> (for example <c>120.00 EUR + 35.5 USD</c>); <c>0</c> when empty.</summary>
    public override string ToString() => _totals.Length == 0 ? "0" : string.Join(" + ", _totals);

    /// <summary>Accumulates per-currency sums of already validated amounts (the calculators' inner loop).</summary>
    internal sealed class Builder
    {
        private readonly Dictionary<string, decimal> _sums = new(StringComparer.Ordinal);

        internal void Add(Money amount)
        {
            if (amount.IsDefault)
            {
                throw new CustomerAgentException("D5", "amount", "(no money)", "must be set: default(Money) has no currency");
            }

            _sums.TryGetValue(amount.Currency, out var sum);
            try
            {
                _sums[amount.Currency] = sum + amount.Amount;
            }
            catch (OverflowException)
            {
                throw new CustomerAgentException("D5", "amount", amount.ToString(), $"added to {sum} {amount.Currency} overflows the decimal range");
            }
        }

        internal MoneyTotals Build() =>
            _sums.Count == 0
                ? Empty
                : new MoneyTotals(_sums.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Money.Trusted(p.Value, p.Key)).ToArray());
    }
}
