using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.Text;

namespace CustomerAgent.ActivityLog.Tests;

/// <summary>
/// The reader's hand-written instant parser (<c>IsoInstant</c>, the <c>at</c> of every line, H6) against NodaTime's strict
/// extended ISO patterns, the oracle: the same texts accepted, the same instant to the nanosecond, the same H6 range verdict.
/// </summary>
public sealed class IsoInstantTests
{
    private static readonly string[] Years = ["0000", "0001", "1600", "1899", "1900", "1970", "2000", "2024", "2026", "2100", "2199", "2200", "2400", "9999", "20a6", "-202"];
    private static readonly string[] Months = ["00", "01", "02", "03", "04", "06", "09", "10", "11", "12", "13", "1a"];
    private static readonly string[] Days = ["00", "01", "09", "10", "28", "29", "30", "31", "32", "1x"];
    private static readonly string[] Hours = ["00", "09", "10", "12", "19", "20", "23", "24", "99", "-1"];
    private static readonly string[] MinutesOrSeconds = ["00", "09", "10", "30", "59", "60", "99", "5:"];
    private static readonly string[] Fractions = ["", ".", ".0", ".5", ".05", ".123", ".000000001", ".999999999", ".1234567890", ".12345678", ",5", ".x", ".5x"];
    private static readonly string[] Zones =
    [
        "Z", "Z", "Z", "z", "", "+00:00", "-00:00", "+02:00", "-05:30", "+14:00", "+18:00", "-18:00", "+18:01", "-18:01", "+19:00", "+02:60",
        "+2:00", "+0200", "+02", "+02:00:00", "+02:0x", "*02:00", "+02-00", "ZZ", "Z ", " Z",
    ];

    private static bool Oracle(string text, out Instant instant)
    {
        ParseResult<OffsetDateTime>? offset;
        try
        {
            offset = OffsetDateTimePattern.ExtendedIso.Parse(text);
        }
        catch (ArgumentOutOfRangeException)
        {
            offset = null; // NodaTime throws for an offset beyond ±18:00: no instant
        }

        if (offset is { Success: true })
        {
            instant = offset.Value.ToInstant();
            return true;
        }

        var plain = InstantPattern.ExtendedIso.Parse(text);
        instant = plain.Success ? plain.Value : default;
        return plain.Success;
    }

    private static string Check(string text)
    {
        var parsed = IsoInstant.TryParse(Encoding.UTF8.GetBytes(text), out var nanoseconds, out var inRange);
        var instant = default(Instant);
        var expected = text.Length <= 64 && Oracle(text, out instant);
        if (parsed != expected)
        {
            return $"{text}: parsed {parsed}, NodaTime {expected}";
        }

        if (!parsed)
        {
            return "";
        }

        var expectedInRange = SupportedInstants.Contains(instant);
        var expectedNanoseconds = expectedInRange ? (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds() : 0;
        return inRange == expectedInRange && nanoseconds == expectedNanoseconds
            ? ""
            : $"{text}: {nanoseconds} ns, in range {inRange}; NodaTime {instant} = {expectedNanoseconds} ns, in range {expectedInRange}";
    }

    /// <summary>
    /// Texts assembled from parts on and beside every edge (leap days of century years, the last second of a day, nine and ten
    /// fraction digits, offsets to ±18:00 and one minute beyond, the H6 range's first and last years), mostly valid, some with
    /// one part wrong: the parser agrees with NodaTime on every one.
    /// </summary>
    [Property(MaxTest = 3000)]
    public Property H6_the_hand_written_parser_reads_what_NodaTime_reads_and_nothing_else()
    {
        var gen = from year in Gen.Elements(Years)
                  from month in Gen.Elements(Months)
                  from day in Gen.Elements(Days)
                  from hour in Gen.Elements(Hours)
                  from minute in Gen.Elements(MinutesOrSeconds)
                  from second in Gen.Elements(MinutesOrSeconds)
                  from fraction in Gen.Elements(Fractions)
                  from zone in Gen.Elements(Zones)
                  from separators in Gen.Frequency((12, Gen.Constant("-:T")), (1, Gen.Elements("/:T", "-.T", "- T", "-:t")))
                  select $"{year}{separators[0]}{month}{separators[0]}{day}{separators[2]}{hour}{separators[1]}{minute}{separators[1]}{second}{fraction}{zone}";
        return Prop.ForAll(gen.ToArbitrary(), text => Check(text) is var failure && failure.Length == 0 ? true.ToProperty() : false.Label(failure));
    }

    /// <summary>Any instant of the supported range, written in UTC and in an offset, with 0 to 9 fraction digits, parses back to itself.</summary>
    [Property(MaxTest = 2000)]
    public Property H6_any_instant_written_either_way_is_read_back_to_the_nanosecond()
    {
        var seconds = (long)(SupportedInstants.End - SupportedInstants.Start).TotalSeconds;
        var gen = from position in Gen.Choose(0, int.MaxValue).Zip(Gen.Choose(0, int.MaxValue))
                  from nanoseconds in Gen.Choose(0, 999_999_999)
                  from offsetMinutes in Gen.Choose(-18 * 60, 18 * 60)
                  from digits in Gen.Choose(0, 9)
                  select (Seconds: (long)((((ulong)position.Item1 << 31) | (uint)position.Item2) % (ulong)seconds), Nanoseconds: nanoseconds, Offset: Offset.FromSeconds(offsetMinutes * 60), Digits: digits);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var step = (long)Math.Pow(10, 9 - input.Digits);
            var instant = SupportedInstants.Start + Duration.FromSeconds(input.Seconds) + Duration.FromNanoseconds(input.Nanoseconds / step * step);
            var fraction = input.Digits == 0 ? "" : "." + new string('0', input.Digits);
            var utc = InstantPattern.CreateWithInvariantCulture($"uuuu'-'MM'-'dd'T'HH':'mm':'ss{fraction.Replace('0', 'f')}'Z'").Format(instant);
            var offset = OffsetDateTimePattern.CreateWithInvariantCulture($"uuuu'-'MM'-'dd'T'HH':'mm':'ss{fraction.Replace('0', 'f')}o<+HH:mm>").Format(instant.WithOffset(input.Offset));
            var failures = string.Join(" | ", new[] { Check(utc), Check(offset) }.Where(f => f.Length > 0));
            var expected = (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();
            var both = IsoInstant.TryParse(Encoding.UTF8.GetBytes(utc), out var a, out _) & IsoInstant.TryParse(Encoding.UTF8.GetBytes(offset), out var b, out _);

            // texts of this one shape are the fast parser's: it reads them itself, never leaving them to NodaTime's pattern
            var fast = Fast(utc) == expected && Fast(offset) == expected;
            return (failures.Length == 0 && both && a == expected && b == expected && fast).Label($"{utc} / {offset}: {failures}; fast {Fast(utc)} / {Fast(offset)}");
        });
    }

    [Theory]
    [InlineData("2000-02-29T00:00:00Z", true)] // divisible by 400: a leap year
    [InlineData("2100-02-29T00:00:00Z", false)] // divisible by 100 only: not one
    [InlineData("2024-02-29T23:59:59.999999999Z", true)]
    [InlineData("2026-02-29T00:00:00Z", false)]
    [InlineData("2026-04-31T00:00:00Z", false)]
    [InlineData("2026-12-31T23:59:59+18:00", true)]
    [InlineData("2026-12-31T23:59:59-18:01", false)]
    [InlineData("1899-12-31T23:59:59.999999999Z", true)] // an ISO instant, but outside H6's range
    public void H6_calendar_and_offset_edges_are_those_of_NodaTime(string text, bool valid)
    {
        Assert.Equal("", Check(text));
        Assert.Equal(valid, IsoInstant.TryParse(Encoding.UTF8.GetBytes(text), out _, out _));

        // a valid text of the common shape is read by the fast parser itself (leap days, the last second of a year, ±18:00)
        Assert.Equal(valid, Fast(text) is not null);
    }

    /// <summary>The fast parser's instant in Unix nanoseconds (any year it reads, inside H6's range or not), or null when it leaves the text to NodaTime's pattern.</summary>
    private static long? Fast(string text) =>
        IsoInstant.TryParseFast(Encoding.UTF8.GetBytes(text), out var seconds, out var fraction) ? (seconds * 1_000_000_000L) + fraction : null;

    [Fact]
    public void H6_an_instant_outside_the_range_is_read_but_flagged_and_the_nanoseconds_are_zero()
    {
        Assert.True(IsoInstant.TryParse("2200-01-01T00:00:00Z"u8, out var late, out var lateInRange));
        Assert.Equal((0L, false), (late, lateInRange));
        Assert.True(IsoInstant.TryParse("1900-01-01T00:00:00Z"u8, out var first, out var firstInRange));
        Assert.Equal((IsoInstant.ToUnixNanoseconds(SupportedInstants.Start), true), (first, firstInRange));
        Assert.True(IsoInstant.TryParse("1900-01-01T01:00:00+01:00"u8, out var offset, out var offsetInRange));
        Assert.Equal((first, true), (offset, offsetInRange));
        Assert.True(IsoInstant.TryParse("1900-01-01T00:59:59+01:00"u8, out var before, out var beforeInRange));
        Assert.Equal((0L, false), (before, beforeInRange));
        Assert.False(IsoInstant.TryParse(Encoding.UTF8.GetBytes("2026-06-07T10:00:00." + new string('0', 50) + "Z"), out _, out _));
        Assert.Equal(SupportedInstants.Start, IsoInstant.ToInstant(first));
    }
}
