using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using CustomerAgent.Serialization;
using NodaTime;
using NodaTime.Testing;

namespace CustomerAgent.Tests.Dashboard;

public sealed class ReportingPeriodTests
{
    private static AccountReportingSettings Settings(string zone, IsoDayOfWeek firstDay = IsoDayOfWeek.Monday) =>
        AccountReportingSettings.Create(AccountId.From("acct-1"), zone, firstDay);

    private static Instant Utc(int y, int m, int d, int h = 0, int min = 0) => Instant.FromUtc(y, m, d, h, min);

    [Fact]
    public void R13_today_is_june_7_so_last_7_days_is_june_1_through_june_7_inclusive()
    {
        var clock = new FakeClock(Utc(2026, 6, 7, 13, 30));

        var period = ReportingPeriod.ForPreset(Settings("Europe/Paris"), ReportingPreset.Last7Days, clock);

        Assert.Equal(new LocalDate(2026, 6, 1), period.FirstDate);
        Assert.Equal(new LocalDate(2026, 6, 7), period.LastDate);
        Assert.Equal(7, period.DayCount);
        Assert.Equal(Utc(2026, 5, 31, 22), period.Start); // June 1, 00:00 in Paris (UTC+2)
        Assert.Equal(Utc(2026, 6, 7, 22), period.End);   // June 8, 00:00 in Paris: today included
        Assert.Equal(ReportingPreset.Last7Days, period.Preset);
    }

    [Fact]
    public void R13_today_is_the_local_date_of_now_in_the_accounts_zone_not_in_utc()
    {
        var now = Utc(2026, 6, 7, 23, 30); // already June 8 in Paris, still June 7 in New York

        Assert.Equal(new LocalDate(2026, 6, 8), ReportingPeriod.ForPreset(Settings("Europe/Paris"), ReportingPreset.Today, now).FirstDate);
        Assert.Equal(new LocalDate(2026, 6, 7), ReportingPeriod.ForPreset(Settings("America/New_York"), ReportingPreset.Today, now).FirstDate);
    }

    [Theory]
    [InlineData(ReportingPreset.Today, "2026-06-10", "2026-06-10")]
    [InlineData(ReportingPreset.Yesterday, "2026-06-09", "2026-06-09")]
    [InlineData(ReportingPreset.ThisWeek, "2026-06-08", "2026-06-10")]
    [InlineData(ReportingPreset.LastWeek, "2026-06-01", "2026-06-07")]
    [InlineData(ReportingPreset.Last7Days, "2026-06-04", "2026-06-10")]
    [InlineData(ReportingPreset.Last30Days, "2026-05-12", "2026-06-10")]
    [InlineData(ReportingPreset.Last90Days, "2026-03-13", "2026-06-10")]
    [InlineData(ReportingPreset.ThisMonth, "2026-06-01", "2026-06-10")]
    [InlineData(ReportingPreset.LastMonth, "2026-05-01", "2026-05-31")]
    public void R13_each_preset_is_a_range_of_whole_local_days_counted_from_today(ReportingPreset preset, string first, string last)
    {
        // Wednesday 2026-06-10, 09:00 in Paris; weeks start on Monday.
        var period = ReportingPeriod.ForPreset(Settings("Europe/Paris"), preset, Utc(2026, 6, 10, 7));

        Assert.Equal(first, period.FirstDate.ToString("uuuu-MM-dd", null));
        Assert.Equal(last, period.LastDate.ToString("uuuu-MM-dd", null));
    }

    [Theory]
    [InlineData(IsoDayOfWeek.Sunday, "2026-06-07", "2026-05-31", "2026-06-06")]
    [InlineData(IsoDayOfWeek.Wednesday, "2026-06-10", "2026-06-03", "2026-06-09")]
    [InlineData(IsoDayOfWeek.Thursday, "2026-06-04", "2026-05-28", "2026-06-03")]
    public void R13_the_first_day_of_the_week_is_an_account_setting(IsoDayOfWeek firstDay, string thisWeekStart, string lastWeekStart, string lastWeekEnd)
    {
        var settings = Settings("Europe/Paris", firstDay);
        var now = Utc(2026, 6, 10, 7); // Wednesday

        var thisWeek = ReportingPeriod.ForPreset(settings, ReportingPreset.ThisWeek, now);
        var lastWeek = ReportingPeriod.ForPreset(settings, ReportingPreset.LastWeek, now);

        Assert.Equal(thisWeekStart, thisWeek.FirstDate.ToString("uuuu-MM-dd", null));
        Assert.Equal(new LocalDate(2026, 6, 10), thisWeek.LastDate);
        Assert.Equal(lastWeekStart, lastWeek.FirstDate.ToString("uuuu-MM-dd", null));
        Assert.Equal(lastWeekEnd, lastWeek.LastDate.ToString("uuuu-MM-dd", null));
        Assert.Equal(7, lastWeek.DayCount);
    }

    [Fact]
    public void R13_last_month_in_january_is_december_of_the_previous_year_and_february_has_its_own_length()
    {
        var s = Settings("UTC");
        var january = ReportingPeriod.ForPreset(s, ReportingPreset.LastMonth, Utc(2028, 1, 15));
        var march = ReportingPeriod.ForPreset(s, ReportingPreset.LastMonth, Utc(2028, 3, 1));

        Assert.Equal((new LocalDate(2027, 12, 1), new LocalDate(2027, 12, 31)), (january.FirstDate, january.LastDate));
        Assert.Equal((new LocalDate(2028, 2, 1), new LocalDate(2028, 2, 29)), (march.FirstDate, march.LastDate));
    }

    [Theory]
    [InlineData("Europe/Paris", 2026, 3, 29, 23)]
    [InlineData("Europe/Paris", 2026, 10, 25, 25)]
    [InlineData("America/New_York", 2026, 3, 8, 23)]
    [InlineData("America/New_York", 2026, 11, 1, 25)]
    [InlineData("Australia/Lord_Howe", 2026, 10, 4, 23.5)]
    [InlineData("Europe/London", 2026, 6, 7, 24)]
    public void R13_R14_a_daylight_saving_day_lasts_23_or_25_hours(string zone, int y, int m, int d, double hours)
    {
        var date = new LocalDate(y, m, d);

        var period = ReportingPeriod.ForDates(Settings(zone), date, date);

        Assert.Equal(Duration.FromMinutes((long)(hours * 60)), period.End - period.Start);
        Assert.Equal(1, period.DayCount);
        Assert.Equal(period.DayInterval(0), new Interval(period.Start, period.End));
    }

    [Theory]
    [InlineData("America/Havana", 2026, 3, 8)]
    [InlineData("America/Santiago", 2026, 9, 6)]
    [InlineData("Asia/Beirut", 2010, 3, 28)]
    public void R13_where_local_midnight_does_not_exist_the_day_starts_at_its_first_instant(string zone, int y, int m, int d)
    {
        var settings = Settings(zone);
        var date = new LocalDate(y, m, d);
        Assert.Equal(0, settings.Zone.MapLocal(date.AtMidnight()).Count); // the example really has no local midnight

        var period = ReportingPeriod.ForDates(settings, date.PlusDays(-1), date);
        var dayStart = period.DayInterval(1).Start;

        Assert.Equal(new LocalTime(1, 0), dayStart.InZone(settings.Zone).TimeOfDay);
        Assert.Equal(date, dayStart.InZone(settings.Zone).Date);
        Assert.Equal(date.PlusDays(-1), (dayStart - Duration.Epsilon).InZone(settings.Zone).Date);
        Assert.Equal(Duration.FromHours(23), period.DayInterval(1).Duration);
        Assert.Equal(1, period.DayIndexOf(dayStart));
        Assert.Equal(0, period.DayIndexOf(dayStart - Duration.Epsilon));
    }

    [Fact]
    public void R13_a_date_the_zone_skips_entirely_is_an_empty_day_and_instants_fall_in_the_next()
    {
        // Samoa moved across the date line: 2011-12-29 was followed by 2011-12-31.
        var settings = Settings("Pacific/Apia");
        var period = ReportingPeriod.ForDates(settings, new LocalDate(2011, 12, 29), new LocalDate(2011, 12, 31));

        Assert.Equal(3, period.DayCount);
        Assert.Equal(Duration.Zero, period.DayInterval(1).Duration);
        Assert.Equal(2, period.DayIndexOf(period.DayInterval(2).Start));
        Assert.Equal(Duration.FromHours(48), period.End - period.Start);
    }

    [Fact]
    public void R13_the_api_form_takes_explicit_instants_start_inclusive_end_exclusive()
    {
        var settings = Settings("Europe/Paris");
        var period = ReportingPeriod.ForInstants(settings, Utc(2026, 5, 1, 12), Utc(2026, 5, 3, 6));

        Assert.Equal(Utc(2026, 5, 1, 12), period.Start);
        Assert.Equal(Utc(2026, 5, 3, 6), period.End);
        Assert.Equal(new LocalDate(2026, 5, 1), period.FirstDate);
        Assert.Equal(new LocalDate(2026, 5, 3), period.LastDate);
        Assert.Equal(3, period.DayCount);
        Assert.True(period.Contains(Utc(2026, 5, 1, 12)));
        Assert.False(period.Contains(Utc(2026, 5, 3, 6)));
        Assert.False(period.Contains(Utc(2026, 5, 1, 12) - Duration.Epsilon));
        Assert.Equal(new Interval(Utc(2026, 5, 1, 12), Utc(2026, 5, 1, 22)), period.DayInterval(0));
        Assert.Equal(new Interval(Utc(2026, 5, 2, 22), Utc(2026, 5, 3, 6)), period.DayInterval(2));
        Assert.Null(period.Preset);
    }

    [Fact]
    public void R13_an_api_end_at_local_midnight_does_not_add_an_empty_day()
    {
        var period = ReportingPeriod.ForInstants(Settings("UTC"), Utc(2026, 5, 1), Utc(2026, 6, 1));

        Assert.Equal(new LocalDate(2026, 5, 31), period.LastDate);
        Assert.Equal(31, period.DayCount);
    }

    [Fact]
    public void R13_a_reversed_range_is_rejected_with_rule_field_and_value()
    {
        var e = Assert.Throws<CustomerAgentException>(() => ReportingPeriod.ForDates(Settings("UTC"), new LocalDate(2026, 6, 7), new LocalDate(2026, 6, 6)));

        Assert.Equal(("R13", "lastDate", "2026-06-06"), (e.Rule, e.Field, e.Value));
        Assert.Contains("before the first date 2026-06-07", e.Message, StringComparison.Ordinal);

        var api = Assert.Throws<CustomerAgentException>(() => ReportingPeriod.ForInstants(Settings("UTC"), Utc(2026, 6, 7), Utc(2026, 6, 7)));
        Assert.Equal(("R13", "end"), (api.Rule, api.Field));
    }

    [Fact]
    public void R13_a_range_is_at_most_12_months_long()
    {
        var s = Settings("UTC");
        var ok = ReportingPeriod.ForDates(s, new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31));
        Assert.Equal(365, ok.DayCount);

        var e = Assert.Throws<CustomerAgentException>(() => ReportingPeriod.ForDates(s, new LocalDate(2026, 1, 1), new LocalDate(2027, 1, 1)));
        Assert.Equal(("R13", "lastDate", "2027-01-01"), (e.Rule, e.Field, e.Value));
        Assert.Contains("12 months", e.Message, StringComparison.Ordinal);

        Assert.Equal(366, ReportingPeriod.ForInstants(s, Utc(2028, 1, 1), Utc(2028, 12, 31, 23, 59)).DayCount);
        var api = Assert.Throws<CustomerAgentException>(() => ReportingPeriod.ForInstants(s, Utc(2028, 1, 1), Utc(2029, 1, 1, 0, 1)));
        Assert.Equal(("R13", "end"), (api.Rule, api.Field));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("europe/paris")]
    [InlineData(" ")]
    public void R13_an_unknown_zone_is_rejected(string zone)
    {
        var e = Assert.Throws<CustomerAgentException>(() => AccountReportingSettings.Create(AccountId.From("a"), zone));

        Assert.Equal(("R13", "zoneId"), (e.Rule, e.Field));
    }

    [Fact]
    public void H6_instants_and_dates_outside_the_supported_range_are_rejected()
    {
        var s = Settings("UTC");

        Assert.Equal("H6", Assert.Throws<CustomerAgentException>(() => ReportingPeriod.ForPreset(s, ReportingPreset.Today, Instant.FromUtc(1899, 12, 31, 23, 59))).Rule);
        Assert.Equal("H6", Assert.Throws<CustomerAgentException>(() => ReportingPeriod.ForInstants(s, Instant.FromUtc(2199, 12, 1, 0, 0), SupportedInstants.End)).Rule);
        Assert.Equal("H6", Assert.Throws<CustomerAgentException>(() => ReportingPeriod.ForDates(s, new LocalDate(9999, 12, 31), new LocalDate(9999, 12, 31))).Rule);
        Assert.Equal("H6", Assert.Throws<CustomerAgentException>(() => ReportingPeriod.ForDates(s, new LocalDate(2199, 12, 31), new LocalDate(2200, 1, 1))).Rule);
        Assert.Equal(SupportedInstants.End, ReportingPeriod.ForDates(s, new LocalDate(2199, 12, 31), new LocalDate(2199, 12, 31)).End);
    }

    [Fact]
    public void R13_undefined_presets_and_days_are_rejected_and_api_names_round_trip()
    {
        Assert.Equal("R13", Assert.Throws<CustomerAgentException>(() => ReportingPeriod.ForPreset(Settings("UTC"), (ReportingPreset)42, Utc(2026, 6, 7))).Rule);
        Assert.Equal("R13", Assert.Throws<CustomerAgentException>(() => AccountReportingSettings.Create(AccountId.From("a"), "UTC", (IsoDayOfWeek)0)).Rule);
        Assert.Equal("ID", Assert.Throws<CustomerAgentException>(() => AccountReportingSettings.Create(default, "UTC")).Rule);
        Assert.Equal("R13", Assert.Throws<CustomerAgentException>(() => ReportingPresets.Parse("last_8_days")).Rule);
        Assert.Equal("R13", Assert.Throws<CustomerAgentException>(() => ((ReportingPreset)42).ToApiName()).Rule);
        string[] names = ["today", "yesterday", "this_week", "last_week", "last_7_days", "last_30_days", "last_90_days", "this_month", "last_month"];
        Assert.Equal(names, Enum.GetValues<ReportingPreset>().Select(p => p.ToApiName()));
        Assert.All(Enum.GetValues<ReportingPreset>(), p => Assert.Equal(p, ReportingPresets.Parse(p.ToApiName())));
    }

    [Fact]
    public void R13_periods_compare_by_account_zone_and_instants()
    {
        var a = ReportingPeriod.ForPreset(Settings("Europe/Paris"), ReportingPreset.Last7Days, Utc(2026, 6, 7, 12));
        var b = ReportingPeriod.ForDates(Settings("Europe/Paris"), new LocalDate(2026, 6, 1), new LocalDate(2026, 6, 7));
        var otherZone = ReportingPeriod.ForDates(Settings("Europe/Berlin"), new LocalDate(2026, 6, 1), new LocalDate(2026, 6, 7));

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, otherZone);
        Assert.Equal(a.Start, otherZone.Start);
        Assert.Contains("2026-06-01 to 2026-06-07 in Europe/Paris", a.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void R14_where_the_clock_went_back_across_midnight_the_repeated_minutes_fall_in_the_bar_of_the_day_already_begun()
    {
        // St. John's fell back at 00:01 until 2011: 2010-11-07 00:01 NDT (02:31Z) became 2010-11-06 23:01 NST.
        var settings = Settings("America/St_Johns");
        var period = ReportingPeriod.ForDates(settings, new LocalDate(2010, 11, 6), new LocalDate(2010, 11, 7));
        var repeated = Instant.FromUtc(2010, 11, 7, 2, 40);

        Assert.Equal(new LocalDate(2010, 11, 6), repeated.InZone(settings.Zone).Date);
        Assert.Equal(Instant.FromUtc(2010, 11, 7, 2, 30), period.DayInterval(1).Start);
        Assert.Equal(1, period.DayIndexOf(repeated));
        Assert.Equal(Duration.FromHours(24), period.DayInterval(0).Duration);
        Assert.Equal(Duration.FromHours(25), period.DayInterval(1).Duration);
    }

    [Fact]
    public void R13_an_api_start_in_minutes_repeated_across_midnight_gives_an_empty_first_bar_not_a_negative_one()
    {
        var settings = Settings("America/St_Johns");
        var start = Instant.FromUtc(2010, 11, 7, 2, 40); // 2010-11-06 23:10 NST, after 2010-11-07 had begun
        var period = ReportingPeriod.ForInstants(settings, start, Instant.FromUtc(2010, 11, 7, 12, 0));

        Assert.Equal((new LocalDate(2010, 11, 6), new LocalDate(2010, 11, 7)), (period.FirstDate, period.LastDate));
        Assert.Equal(new Interval(start, start), period.DayInterval(0));
        Assert.Equal(new Interval(start, Instant.FromUtc(2010, 11, 7, 12, 0)), period.DayInterval(1));
        Assert.Equal(1, period.DayIndexOf(start));
    }

    /// <summary>R13: the settings and the activity log's <c>timeZone</c> judge a zone ID by the one check, in the same words.</summary>
    [Fact]
    public void R13_an_unknown_zone_is_rejected_in_the_same_words_by_the_settings_and_the_activity_log()
    {
        Assert.Equal(
            "R13: zoneId = 'Mars/Olympus_Mons' is not an IANA time zone ID such as Europe/Paris.",
            Assert.Throws<CustomerAgentException>(() => AccountReportingSettings.Create(AccountId.From("a"), "Mars/Olympus_Mons")).Message);
        Assert.Equal(
            "R13: timeZone = 'europe/paris' is not an IANA time zone ID such as Europe/Paris.",
            Assert.Throws<CustomerAgentException>(() => AccountReportingSettings.ZoneOf("europe/paris", "timeZone")).Message);
        Assert.Equal("Europe/Paris", AccountReportingSettings.ZoneOf("Europe/Paris", "timeZone").Id);
        Assert.Equal(
            "R13: zoneId = ' ' must be a non-empty, non-blank string.",
            Assert.Throws<CustomerAgentException>(() => AccountReportingSettings.Create(AccountId.From("a"), " ")).Message);
    }
}
