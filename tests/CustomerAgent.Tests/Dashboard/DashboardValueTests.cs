using CustomerAgent.Bulk;
using CustomerAgent.Classification;
using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using NodaTime;

namespace CustomerAgent.Tests.Dashboard;

/// <summary>The small value types of the dashboard: equality, descriptions, argument checks.</summary>
public sealed class DashboardValueTests
{
    private static readonly AccountId Acct = AccountId.From("acct-1");
    private static readonly AccountReportingSettings Utc = AccountReportingSettings.Create(Acct, "UTC");
    private static readonly ReportingPeriod June = ReportingPeriod.ForDates(Utc, new LocalDate(2026, 6, 1), new LocalDate(2026, 6, 3));

    [Fact]
    public void R13_settings_compare_by_account_zone_and_first_day()
    {
        var a = AccountReportingSettings.Create(Acct, "Europe/Paris", IsoDayOfWeek.Sunday);

        Assert.Equal(a, AccountReportingSettings.Create(Acct, "Europe/Paris", IsoDayOfWeek.Sunday));
        Assert.Equal(a.GetHashCode(), AccountReportingSettings.Create(Acct, "Europe/Paris", IsoDayOfWeek.Sunday).GetHashCode());
        Assert.NotEqual(a, AccountReportingSettings.Create(Acct, "Europe/Paris"));
        Assert.NotEqual(a, AccountReportingSettings.Create(AccountId.From("acct-2"), "Europe/Paris", IsoDayOfWeek.Sunday));
        Assert.NotEqual(a, AccountReportingSettings.Create(Acct, "Europe/Berlin", IsoDayOfWeek.Sunday));
        Assert.False(a.Equals(null));
        Assert.False(a.Equals((object)"Europe/Paris"));
        Assert.Equal("AccountReportingSettings(account acct-1, zone Europe/Paris, week starts Sunday)", a.ToString());
        Assert.Equal((Acct, "Europe/Paris", IsoDayOfWeek.Sunday), (a.AccountId, a.Zone.Id, a.FirstDayOfWeek));
    }

    [Fact]
    public void R13_periods_differ_by_end_and_reject_days_outside()
    {
        Assert.NotEqual(June, ReportingPeriod.ForDates(Utc, new LocalDate(2026, 6, 1), new LocalDate(2026, 6, 4)));
        Assert.NotEqual(June, ReportingPeriod.ForInstants(Utc, June.Start, June.End - Duration.Epsilon));
        Assert.False(June.Equals(null));
        Assert.True(June.Equals((object)ReportingPeriod.ForDates(Utc, June.FirstDate, June.LastDate)));
        Assert.Equal(Acct, June.AccountId);
        Assert.Equal(new LocalDate(2026, 6, 3), June.DateOfDay(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => June.DateOfDay(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => June.DateOfDay(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => June.DayInterval(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => June.DayInterval(-1));
        Assert.Equal(-1, June.DayIndexOf(June.End));
        Assert.Equal(-1, June.DayIndexOf(June.Start - Duration.Epsilon));
        Assert.Equal(2, June.DayIndexOf(June.End - Duration.Epsilon));
        Assert.Equal(0, June.DayIndexOf(June.Start));
        Assert.Equal("R13", Assert.Throws<CustomerAgentException>(() => ReportingPeriod.ForDates(Utc, new LocalDate(2026, 6, 1, CalendarSystem.Julian), new LocalDate(2026, 6, 3, CalendarSystem.Julian))).Rule);
        Assert.Throws<ArgumentNullException>(() => ReportingPeriod.ForPreset(Utc, ReportingPreset.Today, (IClock)null!));
        Assert.Throws<ArgumentNullException>(() => ReportingPeriod.ForDates(null!, June.FirstDate, June.LastDate));
    }

    [Fact]
    public void R14_R15_reports_bars_and_counts_describe_themselves()
    {
        var c = Conversation.Start(ConversationHeader.Create(ConversationId.From("a"), Acct, Channel.Sms), Instant.FromUtc(2026, 6, 2, 8, 0), "hi");
        var now = Instant.FromUtc(2026, 6, 10, 0, 0);
        var acc = new DashboardAccumulator(June, now, ConversationClassifier.Default);
        acc.Add(c);
        var report = acc.ToReport();

        Assert.Equal("DailyBar(2026-06-02: 1)", report.Days[1].ToString());
        Assert.Equal($"DashboardReport({June}, as of 2026-06-10T00:00:00Z: volume 1)", report.ToString());
        Assert.Equal($"DashboardAccumulator({June}, as of 2026-06-10T00:00:00Z: 1 conversations)", acc.ToString());
        Assert.Equal(now, report.AsOf);
        Assert.Same(June, report.Period);
        Assert.Equal((June, now, (AgentSwitchTimeline?)null), (acc.Period, acc.AsOf, acc.Timeline));
        Assert.Equal(100m, report.Kpis.NotResolvedByAiRate!.Percent + report.Kpis.ResolvedByAiRate!.Percent + (report.Kpis.Closed * 100m / report.Kpis.Volume));
        Assert.Equal(1, report.KpisByChannel[Channel.Sms].Closed);
        Assert.Equal(0, report.KpisByChannel[Channel.WebChat].Volume);

        var batch = ConversationBatch.FromConversations(Acct, ConversationPolicy.Default, [c]);
        var scope = DashboardScope.Create(June, now);
        var counts = BulkDashboard.Default.Count(batch, scope);
        Assert.Equal($"BulkDashboardCounts({June}, as of 2026-06-10T00:00:00Z: volume 1)", counts.ToString());
        Assert.Equal($"DashboardScope({June}, as of 2026-06-10T00:00:00Z)", scope.ToString());
        Assert.Equal((Acct, now), (counts.AccountId, counts.AsOf));
        Assert.Equal(1, counts.Total[Channel.Sms, ConversationStatus.Closed]);
        Assert.Equal(ConversationPolicy.Default, BulkDashboard.Default.Policy);
        Assert.Throws<ArgumentOutOfRangeException>(() => counts.Day(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => counts.Day(-1));
        Assert.Throws<ArgumentNullException>(() => new BulkDashboard(null!));
        Assert.Throws<ArgumentNullException>(() => new OverviewDashboard(null!));
        Assert.Throws<ArgumentNullException>(() => new ConversationQuery(null!));
        Assert.Throws<ArgumentNullException>(() => acc.Add(null!));
        Assert.Throws<ArgumentNullException>(() => acc.Merge(null!));
    }

    [Fact]
    public void R18_a_table_query_describes_itself_and_keeps_its_fields()
    {
        var q = ConversationTableQuery.Create(Acct, [ConversationStatus.Open], Channel.Sms, "returns", June, "  where  ", ConversationSortColumn.Profile, SortDirection.Ascending, 7);

        Assert.Equal((Acct, Channel.Sms, "returns", "where", ConversationSortColumn.Profile, SortDirection.Ascending, 7), (q.AccountId, q.Channel, q.Tag, q.Search, q.SortBy, q.Direction, q.PageSize));
        Assert.Same(June, q.Period);
        Assert.Equal("ConversationTableQuery(account acct-1, sort Profile Ascending, page size 7)", q.ToString());
        Assert.Null(ConversationTableQuery.Create(Acct, search: "   ").Search);
    }
}
