namespace CustomerAgent.Dashboard;

/// <summary>A total in one currency: an ISO 4217 code and a decimal amount (D5). Totals in different currencies are never added together.</summary>
/// <remarks>Immutable and thread-safe. Build it with <see cref="Create"/>.</remarks>
public readonly record struct CurrencyAmount
{
    private readonly string? _currency;

    private CurrencyAmount(string currency, decimal amount)
    {
        _currency = currency;
        Amount = amount;
    }

    /// <summary>The ISO 4217 code: three upper-case letters (<c>USD</c>, <c>EUR</c>); empty for <c>default</c>.</summary>
    public string Currency => _currency ?? string.Empty;

    /// <summary>The amount, not negative.</summary>
    public decimal Amount { get; }

    /// <summary>Creates a validated amount.</summary>
    /// <param name="currency">Three upper-case ASCII letters.</param>
    /// <param name="amount">Not negative.</param>
    /// <returns>The amount.</returns>
    /// <exception cref="CustomerAgentException">The code is not three upper-case letters, or the amount is negative (D5).</exception>
    public static CurrencyAmount Create(string currency, decimal amount)
    {
        if (currency is not { Length: 3 } || !currency.All(char.IsAsciiLetterUpper))
        {
            throw new CustomerAgentException("D5", "currency", currency, "must be an ISO 4217 code of three upper-case letters");
        }

        if (amount < 0)
        {
            throw new CustomerAgentException("D5", "amount", amount.ToString(System.Globalization.CultureInfo.InvariantCulture), "must not be negative (an order counts once, refunds are not sales)");
        }

        return new CurrencyAmount(currency, amount);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)} {Currency}";
}
