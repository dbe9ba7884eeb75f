using System.Globalization;

namespace CustomerAgent.Attribution;

/// <summary>
/// An amount of money in one currency: a <see cref="decimal"/> amount (never floating point) and an active ISO 4217
/// currency code (D5). Arithmetic is defined only within one currency: adding or subtracting two currencies throws.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. <c>default(Money)</c> is "not set" (<see cref="IsDefault"/>, no currency) and is rejected
/// by arithmetic and by every factory that needs an amount. Equality is numeric within a currency: 10.0 EUR equals 10.00 EUR.
/// </remarks>
public readonly struct Money : IEquatable<Money>
{
    private readonly string? _currency;

    private Money(decimal amount, string currency)
    {
        Amount = amount;
        _currency = currency;
    }

    /// <summary>The amount, in units of <see cref="Currency"/> (not minor units: 12.50 EUR is 12.50).</summary>
    public decimal Amount { get; }

    /// <summary>The ISO 4217 code in upper case, for example <c>EUR</c>; empty for <c>default(Money)</c>.</summary>
    public string Currency => _currency ?? string.Empty;

    /// <summary>Whether this is <c>default(Money)</c>, which holds no currency.</summary>
    public bool IsDefault => _currency is null;

    /// <summary>Creates an amount of money.</summary>
    /// <param name="amount">The amount in units of the currency; any sign.</param>
    /// <param name="currency">An active ISO 4217 code; surrounding white space is trimmed and letters are upper-cased (<c>" eur"</c> is <c>EUR</c>).</param>
    /// <exception cref="CustomerAgentException">The currency is not an active ISO 4217 code (D5).</exception>
    public static Money Of(decimal amount, string currency) => new(amount, CheckCurrency(currency, "currency"));

    /// <summary>Zero in <paramref name="currency"/>.</summary>
    /// <param name="currency">An active ISO 4217 code.</param>
    /// <exception cref="CustomerAgentException">The currency is not an active ISO 4217 code (D5).</exception>
    public static Money Zero(string currency) => Of(0m, currency);

    /// <summary>Whether <paramref name="currency"/>, trimmed and upper-cased, is an active ISO 4217 code this library accepts.</summary>
    /// <param name="currency">A currency code.</param>
    public static bool IsKnownCurrency(string? currency) =>
        currency is not null && Iso4217.IsActive(currency.Trim().ToUpperInvariant());

    /// <summary>The sum of two amounts in the same currency.</summary>
    /// <exception cref="CustomerAgentException">The currencies differ, either value is <c>default</c>, or the sum overflows (D5).</exception>
    public static Money operator +(Money left, Money right)
    {
        var currency = SameCurrency(left, right, "+");
        try
        {
            return new Money(left.Amount + right.Amount, currency);
        }
        catch (OverflowException)
        {
            throw new CustomerAgentException("D5", "amount", left.ToString(), "plus " + right + " overflows the decimal range");
        }
    }

    /// <summary>The difference of two amounts in the same currency.</summary>
    /// <exception cref="CustomerAgentException">The currencies differ, either value is <c>default</c>, or the difference overflows (D5).</exception>
    public static Money operator -(Money left, Money right)
    {
        var currency = SameCurrency(left, right, "-");
        try
        {
            return new Money(left.Amount - right.Amount, currency);
        }
        catch (OverflowException)
        {
            throw new CustomerAgentException("D5", "amount", left.ToString(), "minus " + right + " overflows the decimal range");
        }
    }

    /// <summary>Adds <paramref name="other"/> (same currency), the named alternative to <c>+</c>.</summary>
    /// <exception cref="CustomerAgentException">The currencies differ or either value is <c>default</c> (D5).</exception>
    public Money Add(Money other) => this + other;

    /// <summary>Subtracts <paramref name="other"/> (same currency), the named alternative to <c>-</c>.</summary>
    /// <exception cref="CustomerAgentException">The currencies differ or either value is <c>default</c> (D5).</exception>
    public Money Subtract(Money other) => this - other;

    /// <inheritdoc/>
    public bool Equals(Money other) => Amount == other.Amount && string.Equals(_currency, other._currency, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Money other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Amount, _currency is null ? 0 : StringComparer.Ordinal.GetHashCode(_currency));

    /// <summary>The amount in invariant culture, a space and the code, for example <c>12.50 EUR</c>; <c>(no money)</c> for <c>default</c>.</summary>
    public override string ToString() =>
        _currency is null ? "(no money)" : Amount.ToString(CultureInfo.InvariantCulture) + " " + _currency;

    /// <summary>Equal amount and currency.</summary>
    public static bool operator ==(Money left, Money right) => left.Equals(right);

    /// <summary>Different amount or currency.</summary>
    public static bool operator !=(Money left, Money right) => !left.Equals(right);

    /// <summary>
    /// The amount a JSON number (UTF-8, already valid JSON) writes, held exactly, or a D5 error: a number a <see cref="decimal"/>
    /// cannot hold exactly (more than 28 digits after the point, more than 29 significant digits, past
    /// 79,228,162,514,264,337,593,543,950,335, such as <c>1e-30</c> or a 30-digit amount) is never rounded into money. The scale
    /// written is kept where it fits (<c>10.50</c> is 10.50).
    /// </summary>
    internal static decimal ExactAmount(ReadOnlySpan<byte> number, string field) =>
        TryParseExact(number, out var value)
            ? value
            : throw new CustomerAgentException("D5", field, System.Text.Encoding.UTF8.GetString(number), "cannot be held exactly by a decimal (at most 29 significant digits, 28 of them after the point, up to 79228162514264337593543950335): an amount is never rounded");

    /// <summary>See <see cref="ExactAmount"/>: false when the number cannot be held exactly.</summary>
    internal static bool TryParseExact(ReadOnlySpan<byte> number, out decimal value)
    {
        const int maxDigits = 29;
        var max = ((UInt128)uint.MaxValue << 64) | ((UInt128)uint.MaxValue << 32) | uint.MaxValue;
        value = 0m;
        var i = 0;
        var negative = i < number.Length && number[i] == (byte)'-';
        if (negative)
        {
            i++;
        }

        // the significant digits (leading zeros skipped; trailing zeros counted apart), and the power of ten they are scaled by
        UInt128 mantissa = 0;
        var digits = 0;
        var zeros = 0;
        long exponent = 0;
        var fraction = false;
        for (; i < number.Length; i++)
        {
            var c = number[i];
            if (c == (byte)'.')
            {
                fraction = true;
                continue;
            }

            if (c is not (>= (byte)'0' and <= (byte)'9'))
            {
                break;
            }

            if (fraction)
            {
                exponent--;
            }

            if (c == (byte)'0')
            {
                if (digits > 0)
                {
                    zeros++;
                }

                continue;
            }

            if (digits + zeros + 1 > maxDigits)
            {
                return false;
            }

            for (; zeros > 0; zeros--)
            {
                mantissa *= 10;
                digits++;
            }

            mantissa = (mantissa * 10) + (uint)(c - '0');
            digits++;
        }

        long written = 0;
        if (i < number.Length && number[i] is (byte)'e' or (byte)'E')
        {
            i++;
            var minus = i < number.Length && number[i] == (byte)'-';
            if (i < number.Length && number[i] is (byte)'-' or (byte)'+')
            {
                i++;
            }

            for (; i < number.Length; i++)
            {
                written = Math.Min((written * 10) + (number[i] - '0'), 1_000_000);
            }

            written = minus ? -written : written;
        }

        if (digits == 0)
        {
            return true; // zero, however written
        }

        // value = mantissa × 10^power; the scale written (kept when it fits) is -(exponent + written)
        var power = exponent + written + zeros;
        var scaleWritten = -(exponent + written);
        for (; power > 0; power--)
        {
            if (digits >= maxDigits)
            {
                return false;
            }

            mantissa *= 10;
            digits++;
        }

        var scale = -power;
        if (mantissa > max || scale > 28)
        {
            return false;
        }

        while (scale < scaleWritten && scale < 28 && mantissa * 10 <= max)
        {
            mantissa *= 10;
            scale++;
        }

        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), (int)(uint)(mantissa >> 64), negative, (byte)scale);
        return true;
    }

    /// <summary>Trusting constructor for sums of already validated amounts.</summary>
    internal static Money Trusted(decimal amount, string currency) => new(amount, currency);

    internal static string CheckCurrency(string? currency, string field)
    {
        var code = currency?.Trim().ToUpperInvariant();
        if (code is null || !Iso4217.TryGetCanonical(code, out var canonical))
        {
            throw new CustomerAgentException("D5", field, currency, "is not an active ISO 4217 currency code (three letters, such as EUR or USD)");
        }

        return canonical;
    }

    private static string SameCurrency(Money left, Money right, string operation)
    {
        if (left.IsDefault || right.IsDefault)
        {
            throw new CustomerAgentException("D5", left.IsDefault ? "left" : "right", "(no money)", $"cannot take part in '{operation}': default(Money) has no currency");
        }

        if (!string.Equals(left._currency, right._currency, StringComparison.Ordinal))
        {
            throw new CustomerAgentException("D5", "currency", right.Currency, $"differs from {left.Currency}: amounts in different currencies are never added or subtracted ('{operation}'); keep one total per currency (MoneyTotals)");
        }

        return left._currency!;
    }
}
