using NodaTime;

namespace CustomerAgent.ActivityLog;

/// <summary>
/// ISO 8601 instants as the log writes them, parsed by hand on the hot path: <c>2026-06-07T10:00:00Z</c>, with up to nine
/// fraction digits, or with an offset <c>+02:00</c>. Anything else goes to NodaTime's strict extended ISO patterns (the
/// fallback, <see cref="IsoInstantText.TryParse(string?, out Instant)"/>), so no form NodaTime rejects is ever accepted.
/// </summary>
internal static class IsoInstant
{
    /// <summary>Parses <paramref name="text"/> to Unix nanoseconds; false when it is no ISO 8601 instant.</summary>
    /// <returns>True and the nanoseconds, or false; <paramref name="inRange"/> says whether the instant lies in H6's range
    /// (<see cref="SupportedInstants.ContainsUnixSeconds"/>, <see cref="SupportedInstants.Contains"/>); the nanoseconds are 0 when it does not.</returns>
    internal static bool TryParse(ReadOnlySpan<byte> text, out long unixNanoseconds, out bool inRange)
    {
        if (TryParseFast(text, out var seconds, out var fraction))
        {
            inRange = SupportedInstants.ContainsUnixSeconds(seconds);
            unixNanoseconds = inRange ? (seconds * 1_000_000_000L) + fraction : 0;
            return true;
        }

        return TryParseSlow(text, out unixNanoseconds, out inRange);
    }

    internal static bool TryParseFast(ReadOnlySpan<byte> s, out long seconds, out long fraction)
    {
        seconds = 0;
        fraction = 0;
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second))
        {
            return false;
        }

        if (month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var i = 19;
        if (s[i] == '.')
        {
            i++;
            var start = i;
            long f = 0;
            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                if (i - start == 9)
                {
                    return false;
                }

                f = (f * 10) + (s[i] - '0');
                i++;
            }

            var n = i - start;
            if (n == 0)
            {
                return false;
            }

            for (var k = n; k < 9; k++)
            {
                f *= 10;
            }

            fraction = f;
        }

        long offsetSeconds;
        if (i == s.Length - 1 && s[i] == 'Z')
        {
            offsetSeconds = 0;
        }
        else if (i == s.Length - 6 && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':'
            && Digits(s, i + 1, 2, out var oh) && Digits(s, i + 4, 2, out var om) && oh <= 18 && om <= 59)
        {
            offsetSeconds = ((oh * 3600) + (om * 60)) * (s[i] == '-' ? -1 : 1);
            if (offsetSeconds is > 18 * 3600 or < -18 * 3600)
            {
                return false;
            }
        }
        else
        {
            return false;
        }

        seconds = (DaysFromCivil(year, month, day) * 86400L) + (hour * 3600) + (minute * 60) + second - offsetSeconds;
        return true;
    }

    private static bool TryParseSlow(ReadOnlySpan<byte> text, out long unixNanoseconds, out bool inRange)
    {
        unixNanoseconds = 0;
        inRange = false;
        if (text.Length > 64)
        {
            return false;
        }

        if (!IsoInstantText.TryParse(System.Text.Encoding.UTF8.GetString(text), out var instant))
        {
            return false;
        }

        inRange = SupportedInstants.Contains(instant);
        unixNanoseconds = inRange ? (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds() : 0;
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = (uint)(s[i] - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + (int)d;
        }

        return true;
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    /// <summary>Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static long DaysFromCivil(int y, int m, int d)
    {
        y -= m <= 2 ? 1 : 0;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yoe = y - (era * 400);
        var doy = ((153 * (m + (m > 2 ? -3 : 9))) + 2) / 5 + d - 1;
        var doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return (era * 146097L) + doe - 719468;
    }

    /// <summary>An instant from Unix nanoseconds.</summary>
    internal static Instant ToInstant(long unixNanoseconds) => NodaConstants.UnixEpoch.PlusNanoseconds(unixNanoseconds);

    /// <summary>Unix nanoseconds of an instant in H6's range.</summary>
    internal static long ToUnixNanoseconds(Instant instant) => (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();
}
