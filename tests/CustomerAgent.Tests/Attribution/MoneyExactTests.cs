using System.Globalization;
using System.Text;
using CustomerAgent.Attribution;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerAgent.Tests.Attribution;

/// <summary>Issue 16, money: an amount is held exactly or rejected (D5), and a total past the decimal range is reported for its currency.</summary>
public sealed class MoneyExactTests
{
    [Theory]
    [InlineData("10.50", "10.50")]
    [InlineData("57.37", "57.37")]
    [InlineData("0", "0")]
    [InlineData("-0", "0")]
    [InlineData("0e-50", "0")]
    [InlineData("1E+2", "100")]
    [InlineData("2.5e-3", "0.0025")]
    [InlineData("1e28", "10000000000000000000000000000")]
    [InlineData("0.0000000000000000000000000001", "0.0000000000000000000000000001")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335", "-79228162514264337593543950335")]
    [InlineData("1.23456789012345678901234567890", "1.2345678901234567890123456789")]
    [InlineData("7.9228162514264337593543950335", "7.9228162514264337593543950335")]
    public void D5_an_amount_a_decimal_holds_exactly_is_read_with_its_written_scale(string json, string expected)
    {
        Assert.True(Money.TryParseExact(Encoding.UTF8.GetBytes(json), out var value));
        Assert.Equal(expected, value.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("1e-30")]
    [InlineData("0.00000000000000000000000000001")]
    [InlineData("1.23456789012345678901234567891")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("79228162514264337593543950336")]
    [InlineData("1e29")]
    [InlineData("1e999999999999")]
    [InlineData("12345678901234567890.123456789012")]
    public void D5_an_amount_a_decimal_cannot_hold_exactly_is_rejected_never_rounded(string json)
    {
        Assert.False(Money.TryParseExact(Encoding.UTF8.GetBytes(json), out _));
        var ex = Assert.Throws<CustomerAgentException>(() => Money.ExactAmount(Encoding.UTF8.GetBytes(json), "amount"));
        Assert.Equal("D5", ex.Rule);
        Assert.Equal("amount", ex.Field);
        Assert.Contains("cannot be held exactly by a decimal", ex.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 500)]
    public void D5_every_decimal_written_as_json_reads_back_equal_with_its_scale(decimal amount)
    {
        var text = amount.ToString(CultureInfo.InvariantCulture);
        Assert.True(Money.TryParseExact(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Equal(text, value.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void D5_a_calculators_total_past_the_decimal_range_is_reported_for_its_currency_and_the_others_stand()
    {
        var totals = MoneyTotals.Builder.Tolerant([Money.Of(decimal.MaxValue, "EUR"), Money.Of(5m, "USD"), Money.Of(1m, "EUR"), Money.Of(-1m, "EUR")]);

        Assert.Equal(["EUR"], totals.Overflowed);
        Assert.Equal([Money.Of(5m, "USD")], totals.Totals);
        Assert.False(totals.IsEmpty);
        Assert.Equal("5 USD + EUR past the decimal range", totals.ToString());
        Assert.Equal("D5", Assert.Throws<CustomerAgentException>(() => totals.In("EUR")).Rule);
        Assert.Equal(Money.Of(5m, "USD"), totals.In("USD"));

        // adding to totals keeps the overflowed currency; the public Sum still throws
        var more = totals + MoneyTotals.Sum([Money.Of(2m, "EUR"), Money.Of(1m, "GBP")]);
        Assert.Equal(["EUR"], more.Overflowed);
        Assert.Equal([Money.Of(1m, "GBP"), Money.Of(5m, "USD")], more.Totals);
        Assert.Equal("D5", Assert.Throws<CustomerAgentException>(() => MoneyTotals.Sum([Money.Of(decimal.MaxValue, "EUR"), Money.Of(1m, "EUR")])).Rule);
    }

    [Property(MaxTest = 300)]
    public Property D5_totals_per_currency_equal_a_grouped_sum_in_any_order_of_currencies()
    {
        // Runs of one currency and alternations: the builder keeps the last currency's sum at hand, which must never mix two.
        var amounts = Gen.Elements("EUR", "USD", "JPY").SelectMany(c => Gen.Choose(-1000, 100_000).Select(cents => Money.Of(cents / 100m, c))).ListOf();
        return Prop.ForAll(amounts.ToArbitrary(), list =>
        {
            var expected = list.GroupBy(m => m.Currency).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Money.Of(g.Sum(m => m.Amount), g.Key));
            Assert.Equal(expected, MoneyTotals.Builder.Tolerant(list).Totals);
        });
    }
}
