using System.Collections.Frozen;
using System.Globalization;
using CustomerAgent.Attribution;

namespace CustomerAgent.Cli;

/// <summary>
/// How the tool shows money for a person: the exact amount, with at least the currency's ISO 4217 minor-unit digits
/// (<c>10.50 EUR</c>; <c>10.5 JPY</c> stays exact; <c>1.234 BHD</c>; <c>1000 JPY</c>): never rounded, never
/// padded with a digit the currency does not have unless the amount has it. JSON keeps the decimal as written.
/// </summary>
internal static class MoneyText
{
    /// <summary>The active codes whose minor unit is not 2 digits (ISO 4217 list one); every other code has 2.</summary>
    private static readonly FrozenDictionary<string, int> MinorUnits = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["BIF"] = 0, ["CLP"] = 0, ["DJF"] = 0, ["GNF"] = 0, ["ISK"] = 0, ["JPY"] = 0, ["KMF"] = 0, ["KRW"] = 0, ["PYG"] = 0,
        ["RWF"] = 0, ["UGX"] = 0, ["UYI"] = 0, ["VND"] = 0, ["VUV"] = 0, ["XAF"] = 0, ["XOF"] = 0, ["XPF"] = 0,
        ["BHD"] = 3, ["IQD"] = 3, ["JOD"] = 3, ["KWD"] = 3, ["LYD"] = 3, ["OMR"] = 3, ["TND"] = 3,
        ["CLF"] = 4, ["UYW"] = 4,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The currency's minor-unit digits (2 unless listed otherwise).</summary>
    internal static int MinorUnitsOf(string currency) => MinorUnits.GetValueOrDefault(currency, 2);

    /// <summary>The exact amount with at least <paramref name="currency"/>'s minor-unit digits: <c>10.50</c> (EUR), <c>10.5</c> (JPY), <c>1.234</c> (BHD).</summary>
    internal static string Amount(decimal amount, string currency)
    {
        var text = amount.ToString(CultureInfo.InvariantCulture); // every digit of the decimal, never an exponent
        var point = text.IndexOf('.', StringComparison.Ordinal);
        if (point >= 0)
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }

        point = text.IndexOf('.', StringComparison.Ordinal);
        var decimals = point < 0 ? 0 : text.Length - point - 1;
        var minor = MinorUnitsOf(currency);
        return decimals >= minor ? text : (point < 0 ? text + "." : text) + new string('0', minor - decimals);
    }

    /// <summary><c>10.50 EUR</c>.</summary>
    internal static string Format(Money money) => Amount(money.Amount, money.Currency) + " " + money.Currency;

    /// <summary>Per-currency totals for a person: <c>544.28 EUR + 10.5 JPY</c>, a currency whose total is past the decimal range as <c>USD: overflow</c>.</summary>
    internal static string Totals(MoneyTotals totals) =>
        string.Join(" + ", totals.Totals.Select(Format).Concat(totals.Overflowed.Select(c => $"{c}: overflow")));

    /// <summary><c>1 order</c>, <c>2 orders</c>.</summary>
    internal static string Orders(int count) => count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " order" : " orders");
}
