using System.Runtime.InteropServices;

namespace CustomerAgent.Attribution;

/// <summary>
/// Totals kept per currency: one sum for each currency seen, never one sum across currencies (D5). This is how
/// AI-generated sales and total revenue are reported when orders come in several currencies.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. <see cref="Totals"/> is sorted by currency code (ordinal); a currency appears once it has been
/// added, even with a zero sum. A calculator's result never fails on a sum past the decimal range: that currency is listed in
/// <see cref="Overflowed"/> instead (and the other currencies' totals stand); <see cref="Sum"/> and the operators still throw.
/// </remarks>
public sealed class MoneyTotals : IEquatable<MoneyTotals>
{
    private readonly Money[] _totals;
    private readonly string[] _overflowed;

    private MoneyTotals(Money[] totals, string[] overflowed)
    {
        _totals = totals;
        _overflowed = overflowed;
    }

    /// <summary>No money in any currency.</summary>
    public static MoneyTotals Empty { get; } = new([], []);

    /// <summary>One total per currency, sorted by currency code (the currencies of <see cref="Overflowed"/> are not among them).</summary>
    public IReadOnlyList<Money> Totals => _totals;

    /// <summary>
    /// The currencies whose sum ran past the decimal range (beyond ±79,228,162,514,264,337,593,543,950,335) in a calculator's
    /// result, sorted: their total is not a number this type can hold, so it is reported as overflowing, never as a wrong one (D5).
    /// </summary>
    public IReadOnlyList<string> Overflowed => _overflowed;

    /// <summary>Whether no amount has been added.</summary>
    public bool IsEmpty => _totals.Length == 0 && _overflowed.Length == 0;

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
    /// <exception cref="CustomerAgentException">The currency's total is in <see cref="Overflowed"/> (D5).</exception>
    public Money In(string currency)
    {
        var code = Money.CheckCurrency(currency, "currency");
        if (_overflowed.Contains(code, StringComparer.Ordinal))
        {
            throw new CustomerAgentException("D5", "currency", code, "has a total past the decimal range (Overflowed)");
        }

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
    public MoneyTotals Add(Money amount) => Combine(_totals.Append(amount), _overflowed);

    /// <summary>The per-currency sums of both totals.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="CustomerAgentException">A sum overflows (D5).</exception>
    public static MoneyTotals operator +(MoneyTotals left, MoneyTotals right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return Combine(left._totals.Concat(right._totals), left._overflowed.Concat(right._overflowed));
    }

    /// <summary>The per-currency sums of both totals (the named alternative to <c>+</c>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public MoneyTotals Add(MoneyTotals other) => this + other;

    /// <inheritdoc/>
    public bool Equals(MoneyTotals? other) => other is not null && _totals.AsSpan().SequenceEqual(other._totals) && _overflowed.AsSpan().SequenceEqual(other._overflowed);

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

        foreach (var currency in _overflowed)
        {
            hash.Add(currency, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>The totals joined with <c>" + "</c> (for example <c>120.00 EUR + 35.5 USD</c>, an overflowed currency as <c>JPY past the decimal range</c>); <c>0</c> when empty.</summary>
    public override string ToString() => IsEmpty ? "0" : string.Join(" + ", _totals.Select(t => t.ToString()).Concat(_overflowed.Select(c => c + " past the decimal range")));

    private static MoneyTotals Combine(IEnumerable<Money> amounts, IEnumerable<string> overflowed)
    {
        var builder = new Builder();
        foreach (var currency in overflowed)
        {
            builder.MarkOverflowed(currency);
        }

        foreach (var amount in amounts)
        {
            builder.Add(amount);
        }

        return builder.Build();
    }

    /// <summary>Accumulates per-currency sums of already validated amounts (the calculators' inner loop).</summary>
    /// <param name="tolerateOverflow">Whether a sum past the decimal range marks its currency as <see cref="Overflowed"/> (a calculator's result) instead of throwing.</param>
    internal sealed class Builder(bool tolerateOverflow = false)
    {
        private readonly Dictionary<string, Sum> _sums = new(StringComparer.Ordinal);
        private SortedSet<string>? _overflowed;

        /// <summary>The last currency added and its sum: runs of one currency (the usual case) add without hashing it again.</summary>
        private string? _lastCurrency;
        private Sum? _last;

        internal void Add(Money amount)
        {
            if (amount.IsDefault)
            {
                throw new CustomerAgentException("D5", "amount", "(no money)", "must be set: default(Money) has no currency");
            }

            var sum = _last;
            if (sum is null || !string.Equals(amount.Currency, _lastCurrency, StringComparison.Ordinal))
            {
                if (_overflowed?.Contains(amount.Currency) == true)
                {
                    return;
                }

                // One lookup per change of currency; a new currency's sum starts at 0, which no single amount can overflow.
                ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_sums, amount.Currency, out _);
                (sum, _last, _lastCurrency) = (entry ??= new Sum(), entry, amount.Currency);
            }

            try
            {
                sum.Value += amount.Amount;
            }
            catch (OverflowException) when (tolerateOverflow)
            {
                MarkOverflowed(amount.Currency);
            }
            catch (OverflowException)
            {
                throw new CustomerAgentException("D5", "amount", amount.ToString(), $"added to {sum.Value} {amount.Currency} overflows the decimal range");
            }
        }

        /// <summary>Marks a currency's total as past the decimal range: it is left out of the totals and listed in <see cref="Overflowed"/>.</summary>
        internal void MarkOverflowed(string currency)
        {
            (_overflowed ??= new SortedSet<string>(StringComparer.Ordinal)).Add(currency);
            _sums.Remove(currency);
            (_last, _lastCurrency) = (null, null);
        }

        internal MoneyTotals Build() =>
            _sums.Count == 0 && _overflowed is null
                ? Empty
                : new MoneyTotals(_sums.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Money.Trusted(p.Value.Value, p.Key)).ToArray(), _overflowed?.ToArray() ?? []);

        /// <summary>A currency's running sum (a reference, so the last one can be kept beside its currency).</summary>
        private sealed class Sum
        {
            internal decimal Value;
        }

        /// <summary>The per-currency sums of <paramref name="amounts"/>, a currency past the decimal range marked (never thrown).</summary>
        internal static MoneyTotals Tolerant(IEnumerable<Money> amounts)
        {
            var builder = new Builder(tolerateOverflow: true);
            foreach (var amount in amounts)
            {
                builder.Add(amount);
            }

            return builder.Build();
        }
    }
}
