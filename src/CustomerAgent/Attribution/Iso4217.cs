using System.Collections.Frozen;

namespace CustomerAgent.Attribution;

/// <summary>
/// The active ISO 4217 currency codes (list one, as published by the maintenance agency in 2025): national currencies
/// and the fund codes (<c>CLF</c>, <c>USN</c>, …). Left out on purpose: precious metals, the SDR and other units that
/// no order is priced in (<c>XAU</c>, <c>XAG</c>, <c>XPD</c>, <c>XPT</c>, <c>XDR</c>, <c>XSU</c>, <c>XUA</c>, <c>XBA</c>…<c>XBD</c>), the test
/// and "no currency" codes (<c>XTS</c>, <c>XXX</c>), and withdrawn codes (<c>HRK</c>, <c>SLL</c>, <c>ZWL</c>, <c>ANG</c>, <c>CUC</c>…).
/// </summary>
internal static class Iso4217
{
    private static readonly FrozenSet<string> Codes = new[]
    {
        "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF", "BMD",
        "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP",
        "CNY", "COP", "COU", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD",
        "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR",
        "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK",
        "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK",
        "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR",
        "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS",
        "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH",
        "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND", "VUV", "WST", "XAF", "XCD", "XCG", "XOF",
        "XPF", "YER", "ZAR", "ZMW", "ZWG",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>How many codes the table holds.</summary>
    internal static int Count => Codes.Count;

    /// <summary>Whether <paramref name="code"/> (upper case, exactly as listed) is an active code.</summary>
    internal static bool IsActive(string code) => Codes.Contains(code);

    /// <summary>The table's own string instance for <paramref name="code"/>, so equal currencies share one reference.</summary>
    internal static bool TryGetCanonical(string code, out string canonical) => Codes.TryGetValue(code, out canonical!);
}
