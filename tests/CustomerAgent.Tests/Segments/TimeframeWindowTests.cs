using CustomerAgent.Segments;
using NodaTime;

namespace CustomerAgent.Tests.Segments;

/// <summary>
/// R21, R13, H6: a timeframe's window is the account's local days, both ends inclusive, and never reaches outside the supported
/// range (1900 to 2199): the evidence reports these instants, so they are checked exactly at the range's edges.
/// </summary>
public sealed class TimeframeWindowTests
{
    private static readonly DateTimeZone Utc = DateTimeZone.Utc;
    private static readonly DateTimeZone Tokyo = DateTimeZoneProviders.Tzdb["Asia/Tokyo"];
    private static readonly DateTimeZone LosAngeles = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];

    [Fact]
    public void R21_H6_a_window_that_would_start_before_1900_starts_at_the_supported_start()
    {
        // a first day before the year 1900 (100 years back from 1950)
        Assert.Equal(SupportedInstants.Start, Timeframe.InTheLast(Timeframe.MaxDays).Window(Utc, Instant.FromUtc(1950, 6, 1, 12, 0)).First);

        // 1900-01-01 itself, in a zone ahead of UTC: its local midnight is still 1899 in UTC
        var asOf = Instant.FromUtc(1900, 1, 1, 5, 0);
        Assert.Equal(SupportedInstants.Start, Timeframe.InTheLast(1).Window(Tokyo, asOf).First);
        Assert.Equal(SupportedInstants.Start, Timeframe.Since(new LocalDate(1900, 1, 1)).Window(Tokyo, asOf).First);
        Assert.Equal(SupportedInstants.Start, Timeframe.AllTime.Window(Tokyo, asOf).First);
        Assert.Equal(asOf, Timeframe.AllTime.Window(Tokyo, asOf).Last);
    }

    [Fact]
    public void R13_a_window_in_the_supported_range_starts_at_the_local_midnight_of_its_first_day()
    {
        // the first days of the range are days like any other: not clipped to the range's start
        Assert.Equal(Instant.FromUtc(1900, 1, 2, 0, 0), Timeframe.Since(new LocalDate(1900, 1, 2)).Window(Utc, Instant.FromUtc(1900, 2, 1, 0, 0)).First);
        Assert.Equal(Instant.FromUtc(1900, 1, 1, 0, 0), Timeframe.Since(new LocalDate(1900, 1, 1)).Window(Utc, Instant.FromUtc(1900, 2, 1, 0, 0)).First);
        Assert.Equal(Instant.FromUtc(1900, 1, 2, 8, 0), Timeframe.InTheLast(2).Window(LosAngeles, Instant.FromUtc(1900, 1, 4, 7, 0)).First);

        // Paris in June is UTC+2: the last 7 days as of June 7 at noon start on June 1 at 00:00 local
        var window = Timeframe.InTheLast(7).Window(Paris, Instant.FromUtc(2026, 6, 7, 10, 0));
        Assert.Equal(Instant.FromUtc(2026, 5, 31, 22, 0), window.First);
        Assert.Equal(Instant.FromUtc(2026, 6, 7, 10, 0), window.Last);
    }

    [Fact]
    public void R21_a_window_between_two_dates_ends_at_the_last_instant_of_the_last_day_or_at_the_as_of_instant()
    {
        var between = Timeframe.Between(new LocalDate(2026, 6, 1), new LocalDate(2026, 6, 2));
        var later = between.Window(Paris, Instant.FromUtc(2026, 7, 1, 0, 0));
        Assert.Equal(Instant.FromUtc(2026, 5, 31, 22, 0), later.First);
        Assert.Equal(Instant.FromUtc(2026, 6, 2, 22, 0) - Duration.Epsilon, later.Last);

        var during = between.Window(Paris, Instant.FromUtc(2026, 6, 1, 12, 0));
        Assert.Equal(Instant.FromUtc(2026, 6, 1, 12, 0), during.Last);

        // the last supported day, in a zone behind UTC: its end is in 2200 in UTC, so the as-of instant ends the window
        var end = SupportedInstants.End - Duration.Epsilon;
        var lastDay = Timeframe.Between(new LocalDate(2199, 12, 31), new LocalDate(2199, 12, 31)).Window(LosAngeles, end);
        Assert.Equal(Instant.FromUtc(2199, 12, 31, 8, 0), lastDay.First);
        Assert.Equal(end, lastDay.Last);
    }

    [Fact]
    public void H6_dates_of_the_first_and_last_supported_years_are_accepted_and_no_other()
    {
        Assert.Equal(new LocalDate(1900, 1, 1), Timeframe.Since(new LocalDate(1900, 1, 1)).FirstDate);
        Assert.Equal(new LocalDate(2199, 12, 31), Timeframe.Between(new LocalDate(2199, 12, 31), new LocalDate(2199, 12, 31)).LastDate);
        Assert.Equal("H6", Assert.Throws<CustomerAgentException>(() => Timeframe.Since(new LocalDate(2200, 1, 1))).Rule);
        Assert.Equal("H6", Assert.Throws<CustomerAgentException>(() => Timeframe.Between(new LocalDate(2199, 12, 31), new LocalDate(2200, 1, 1))).Rule);
        Assert.Equal("H6", Assert.Throws<CustomerAgentException>(() => Timeframe.Between(new LocalDate(1899, 12, 31), new LocalDate(1900, 1, 1))).Rule);
    }
}
