using NodaTime;
using NodaTime.Text;

namespace CustomerAgent.Tests;

/// <summary>
/// The library's one parse of ISO 8601 instant texts (<see cref="IsoInstantText"/>, what the log reader, the tool, the web page
/// and event JSON read instants with, H6): NodaTime's extended ISO patterns, but total.
/// </summary>
public sealed class IsoInstantTextTests
{
    [Theory]
    [InlineData("2026-06-07T10:00:00Z", "2026-06-07T10:00:00Z")]
    [InlineData("2026-06-07T12:00:00+02:00", "2026-06-07T10:00:00Z")]
    [InlineData("2026-06-07T10:00:00.123456789Z", "2026-06-07T10:00:00.123456789Z")]
    [InlineData("2026-06-07T00:00:00+18:00", "2026-06-06T06:00:00Z")]
    [InlineData("2026-06-07T00:00:00-18:00", "2026-06-07T18:00:00Z")]
    [InlineData("2300-01-01T00:00:00Z", "2300-01-01T00:00:00Z")] // an instant, outside H6's range: the caller's check
    public void H6_an_instant_in_UTC_or_with_an_offset_is_read(string text, string expected)
    {
        Assert.True(IsoInstantText.TryParse(text, out var instant));
        Assert.Equal(InstantPattern.ExtendedIso.Parse(expected).Value, instant);
    }

    [Theory]
    [InlineData("2026-06-07T10:00:00+19:00")] // NodaTime's own parse throws ArgumentOutOfRangeException for these
    [InlineData("2026-06-07T10:00:00-18:01")]
    [InlineData("2026-06-07T10:00:00+99:59")]
    [InlineData("2026-06-07T10:00:00+18:00:01")]
    [InlineData("2026-02-30T10:00:00Z")]
    [InlineData("2026-06-07T10:00:00")]
    [InlineData("2026-06-07 10:00:00Z")]
    [InlineData("yesterday")]
    [InlineData("")]
    [InlineData(null)]
    public void H6_anything_else_is_no_instant_and_nothing_throws(string? text)
    {
        Assert.False(IsoInstantText.TryParse(text, out var instant));
        Assert.Equal(default, instant);
    }

    [Fact]
    public void H6_NodaTime_alone_throws_for_an_offset_beyond_18_hours_which_is_why_the_library_parses_through_one_home()
    {
        // if NodaTime ever fails the parse instead, the guard stays right (and this test says it may go)
        Assert.Throws<ArgumentOutOfRangeException>(() => OffsetDateTimePattern.ExtendedIso.Parse("2026-06-07T10:00:00+19:00"));
    }
}
