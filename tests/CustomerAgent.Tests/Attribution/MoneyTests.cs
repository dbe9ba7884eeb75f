using CustomerAgent.Attribution;

namespace CustomerAgent.Tests.Attribution;

public sealed class MoneyTests
{
    [Fact]
    public void D5_money_is_decimal_with_a_normalized_active_iso_4217_code()
    {
        var m = Money.Of(12.50m, " eur ");

        Assert.Equal(12.50m, m.Amount);
        Assert.Equal("EUR", m.Currency);
        Assert.Equal("12.50 EUR", m.ToString());
        Assert.False(m.IsDefault);
        Assert.Equal(Money.Of(12.5m, "EUR"), m);
        Assert.True(Money.Of(12.5m, "EUR") == m);
        Assert.False(Money.Of(12.5m, "USD") == m);
        Assert.True(Money.Of(12.5m, "USD") != m);
        Assert.Equal(Money.Of(12.5m, "EUR").GetHashCode(), m.GetHashCode());
        Assert.True(m.Equals((object)Money.Of(12.5m, "EUR")));
        Assert.False(m.Equals((object)"12.50 EUR"));
        Assert.True(Money.IsKnownCurrency("usd"));
        Assert.True(Money.IsKnownCurrency("JPY"));
        Assert.False(Money.IsKnownCurrency("XAU"));
        Assert.False(Money.IsKnownCurrency("HRK"));
        Assert.False(Money.IsKnownCurrency(null));
        Assert.Equal(Money.Of(0m, "JPY"), Money.Zero("jpy"));
    }

    [Theory]
    [InlineData("EURO")]
    [InlineData("XXX")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ZZZ")]
    public void D5_an_unknown_currency_is_rejected_naming_field_value_and_rule(string currency)
    {
        var ex = Assert.Throws<CustomerAgentException>(() => Money.Of(1m, currency));

        Assert.Equal("D5", ex.Rule);
        Assert.Equal("currency", ex.Field);
        Assert.Equal(currency, ex.Value);
        Assert.Contains("ISO 4217", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void D5_a_null_currency_is_rejected()
    {
        Assert.Equal("D5", Assert.Throws<CustomerAgentException>(() => Money.Of(1m, null!)).Rule);
    }

    [Fact]
    public void D5_arithmetic_works_within_one_currency_and_never_across_two()
    {
        var a = Money.Of(10m, "EUR");
        var b = Money.Of(2.5m, "EUR");

        Assert.Equal(Money.Of(12.5m, "EUR"), a + b);
        Assert.Equal(Money.Of(7.5m, "EUR"), a - b);
        Assert.Equal(a + b, a.Add(b));
        Assert.Equal(a - b, a.Subtract(b));
        var ex = Assert.Throws<CustomerAgentException>(() => a + Money.Of(1m, "USD"));
        Assert.Equal("D5", ex.Rule);
        Assert.Equal("currency", ex.Field);
        Assert.Equal("USD", ex.Value);
        Assert.Contains("differs from EUR", ex.Message, StringComparison.Ordinal);
        Assert.Equal("D5", Assert.Throws<CustomerAgentException>(() => a - Money.Of(1m, "USD")).Rule);
        Assert.Equal("left", Assert.Throws<CustomerAgentException>(() => default(Money) + a).Field);
        Assert.Equal("right", Assert.Throws<CustomerAgentException>(() => a - default(Money)).Field);
    }

    [Fact]
    public void D5_overflow_is_a_domain_error_not_an_overflow_exception()
    {
        var max = Money.Of(decimal.MaxValue, "EUR");
        var min = Money.Of(decimal.MinValue, "EUR");

        Assert.Equal("D5", Assert.Throws<CustomerAgentException>(() => max + Money.Of(decimal.MaxValue, "EUR")).Rule);
        Assert.Equal("D5", Assert.Throws<CustomerAgentException>(() => min - max).Rule);
        Assert.Equal("D5", Assert.Throws<CustomerAgentException>(() => MoneyTotals.Sum([max, max])).Rule);
    }

    [Fact]
    public void D5_default_money_is_not_set()
    {
        Assert.True(default(Money).IsDefault);
        Assert.Equal(string.Empty, default(Money).Currency);
        Assert.Equal("(no money)", default(Money).ToString());
        Assert.Equal("D5", Assert.Throws<CustomerAgentException>(() => MoneyTotals.Sum([default])).Rule);
    }

    [Fact]
    public void D5_totals_keep_one_sum_per_currency_sorted_and_never_add_two_currencies()
    {
        var totals = MoneyTotals.Sum([Money.Of(10m, "USD"), Money.Of(5m, "EUR"), Money.Of(2m, "USD"), Money.Of(0m, "JPY")]);

        Assert.Equal([Money.Of(5m, "EUR"), Money.Of(0m, "JPY"), Money.Of(12m, "USD")], totals.Totals);
        Assert.Equal(Money.Of(12m, "USD"), totals.In("usd"));
        Assert.Equal(Money.Of(0m, "GBP"), totals.In("GBP"));
        Assert.Equal("5 EUR + 0 JPY + 12 USD", totals.ToString());
        Assert.Equal("D5", Assert.Throws<CustomerAgentException>(() => totals.In("XYZ")).Rule);
        var more = totals.Add(Money.Of(1m, "EUR"));
        Assert.Equal(Money.Of(6m, "EUR"), more.In("EUR"));
        Assert.Equal(Money.Of(5m, "EUR"), totals.In("EUR"));
        Assert.Equal(MoneyTotals.Sum([Money.Of(11m, "EUR"), Money.Of(0m, "JPY"), Money.Of(12m, "USD")]), totals + MoneyTotals.Sum([Money.Of(6m, "EUR")]));
        Assert.Equal(totals + more, totals.Add(more));
        Assert.True(MoneyTotals.Empty.IsEmpty);
        Assert.False(totals.IsEmpty);
        Assert.Equal("0", MoneyTotals.Empty.ToString());
        Assert.Equal(MoneyTotals.Empty, MoneyTotals.Sum([]));
        Assert.Equal(totals.GetHashCode(), MoneyTotals.Sum(totals.Totals).GetHashCode());
        Assert.NotEqual(totals, more);
        Assert.False(totals.Equals(null));
        Assert.True(totals.Equals((object)MoneyTotals.Sum(totals.Totals)));
        Assert.Throws<ArgumentNullException>(() => MoneyTotals.Sum(null!));
        Assert.Throws<ArgumentNullException>(() => totals + null!);
        Assert.Throws<ArgumentNullException>(() => null! + totals);
    }
}
