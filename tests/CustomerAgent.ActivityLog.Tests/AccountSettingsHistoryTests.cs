using CustomerAgent.Attribution;
using CustomerAgent.Dashboard;
using NodaTime;
using NodaTime.Text;
using static CustomerAgent.ActivityLog.Tests.ConversationRuleTests;

namespace CustomerAgent.ActivityLog.Tests;

/// <summary>
/// The <c>account-settings</c> lines over time: <see cref="AccountLog.SettingsAsOf"/> (the zone in force at an instant counts the
/// reporting period's days, R13), <see cref="AccountLog.Settings"/> (those in force at the account's as-of instant) and
/// <see cref="AccountLog.AttributionHistory"/> (each order judged by the attribution settings in force when it was placed, R16, R17).
/// </summary>
public sealed class AccountSettingsHistoryTests
{
    private static Instant At(string iso) => InstantPattern.ExtendedIso.Parse(iso).Value;

    private const string Paris = """{"type":"account-settings","account":"acme","at":"2026-06-01T00:00:00Z","timeZone":"Europe/Paris","attribution":{"touchpoints":{"sms-click":{"enabled":true,"windowHours":1}}}}""";

    private const string Tokyo = """{"type":"account-settings","account":"acme","at":"2026-06-10T00:00:00Z","timeZone":"Asia/Tokyo","firstDayOfWeek":"sunday","attribution":{"webChatWindowHours":6,"touchpoints":{"sms-click":{"enabled":false}}}}""";

    private static ActivityLogResult Read(Instant? asOf, params string[] lines) =>
        ActivityLogReader.Read(new MemoryStream(Logs.Bytes(lines)), new ActivityLogReaderOptions { AsOf = asOf, MaxDegreeOfParallelism = 1 });

    private static AccountLog Acme(ActivityLogResult log) => Assert.Single(log.Accounts, a => a.AccountId.Value == "acme");

    [Fact]
    public void R13_SettingsAsOf_is_the_latest_settings_line_at_or_before_the_instant_and_the_defaults_before_the_first()
    {
        var account = Acme(Read(null, Paris, Opening(at: "2026-06-07T10:00:00Z"), Tokyo));

        var before = account.SettingsAsOf(At("2026-06-01T00:00:00Z") - Duration.Epsilon);
        Assert.Equal((DateTimeZone.Utc, IsoDayOfWeek.Monday, SupportedInstants.Start), (before.TimeZone, before.FirstDayOfWeek, before.At));
        Assert.Same(AttributionSettings.Default, before.Attribution);

        Assert.Equal(("Europe/Paris", IsoDayOfWeek.Monday), (account.SettingsAsOf(At("2026-06-01T00:00:00Z")).TimeZone.Id, account.SettingsAsOf(At("2026-06-01T00:00:00Z")).FirstDayOfWeek));
        Assert.Equal("Europe/Paris", account.SettingsAsOf(At("2026-06-10T00:00:00Z") - Duration.Epsilon).TimeZone.Id);
        Assert.Equal(("Asia/Tokyo", IsoDayOfWeek.Sunday), (account.SettingsAsOf(At("2026-06-10T00:00:00Z")).TimeZone.Id, account.SettingsAsOf(At("2026-06-10T00:00:00Z")).FirstDayOfWeek));
        Assert.Equal([At("2026-06-01T00:00:00Z"), At("2026-06-10T00:00:00Z")], account.SettingsHistory.Select(s => s.At));
    }

    [Fact]
    public void R13_D1_the_accounts_settings_are_those_in_force_at_its_as_of_instant()
    {
        string[] lines = [Paris, Opening(at: "2026-06-07T10:00:00Z"), Tokyo];

        var latest = Acme(Read(null, lines));                          // as of its latest line, the Tokyo settings
        var earlier = Acme(Read(At("2026-06-08T00:00:00Z"), lines));   // as of June 8, the Paris settings

        Assert.Equal(At("2026-06-10T00:00:00Z"), latest.AsOf);
        Assert.Equal("Asia/Tokyo", latest.Settings.TimeZone.Id);
        Assert.Equal("Europe/Paris", earlier.Settings.TimeZone.Id);
        Assert.Equal(At("2026-06-01T00:00:00Z"), earlier.Settings.At);
        Assert.Equal(2, earlier.SettingsHistory.Count); // the later line is read and kept, just not in force yet
    }

    [Fact]
    public void R13_the_reporting_periods_days_counted_in_the_zone_in_force_at_the_as_of_instant()
    {
        // one conversation at 2026-06-07T23:30Z: June 8 in Paris, June 7 in UTC
        string[] lines = [Paris, Opening(at: "2026-06-07T23:30:00Z")];
        var account = Acme(Read(At("2026-06-08T12:00:00Z"), lines));
        var inForce = account.SettingsAsOf(account.AsOf!.Value);

        var period = ReportingPeriod.ForDates(AccountReportingSettings.Create(account.AccountId, inForce.TimeZone.Id, inForce.FirstDayOfWeek), new LocalDate(2026, 6, 8), new LocalDate(2026, 6, 8));

        Assert.Equal(1, account.Dashboard(period).Kpis.Volume);
        Assert.Equal(At("2026-06-07T22:00:00Z"), period.Start);
    }

    [Fact]
    public void R16_R17_AttributionHistory_holds_each_settings_lines_attribution_from_its_instant_over_the_defaults()
    {
        var history = Acme(Read(null, Paris, Opening(at: "2026-06-07T10:00:00Z"), Tokyo)).AttributionHistory;

        Assert.Same(AttributionSettings.Default, history.Initial);
        Assert.Equal([At("2026-06-01T00:00:00Z"), At("2026-06-10T00:00:00Z")], history.Changes.Select(c => c.Key));
        Assert.Same(AttributionSettings.Default, history.At(At("2026-06-01T00:00:00Z") - Duration.Epsilon));

        var paris = history.At(At("2026-06-01T00:00:00Z"));
        Assert.Equal(TouchpointSetting.On(Duration.FromHours(1)), paris[Touchpoint.SmsClick]);
        Assert.Equal(AttributionSettings.Default[Touchpoint.SmsOpen], paris[Touchpoint.SmsOpen]); // a touchpoint left out keeps its default
        Assert.Equal(Duration.FromHours(24), paris.WebChatWindow);
        Assert.Same(paris, history.At(At("2026-06-10T00:00:00Z") - Duration.Epsilon));

        var tokyo = history.At(At("2026-06-10T00:00:00Z"));
        Assert.Equal(TouchpointSetting.Off, tokyo[Touchpoint.SmsClick]);
        Assert.Equal(Duration.FromHours(6), tokyo.WebChatWindow);
    }

    [Fact]
    public void R16_R17_an_account_without_settings_lines_has_the_defaults_for_all_time()
    {
        var account = Acme(Read(null, Opening()));

        Assert.Same(AttributionSettings.Default, account.AttributionHistory.Initial);
        Assert.Empty(account.AttributionHistory.Changes);
        Assert.Equal(DateTimeZone.Utc, account.Settings.TimeZone);
        Assert.Empty(account.SettingsHistory);
    }

    [Fact]
    public void H1_two_settings_lines_at_one_instant_the_later_line_is_in_force_for_the_zone_and_the_attribution()
    {
        const string first = """{"type":"account-settings","account":"acme","at":"2026-06-01T00:00:00Z","timeZone":"Europe/Paris","attribution":{"webChatWindowHours":2}}""";
        const string second = """{"type":"account-settings","account":"acme","at":"2026-06-01T00:00:00Z","timeZone":"Asia/Tokyo","attribution":{"webChatWindowHours":3}}""";

        var account = Acme(Read(null, first, second, Opening()));

        Assert.Empty(Read(null, first, second, Opening()).Rejections);
        Assert.Equal("Asia/Tokyo", account.SettingsAsOf(At("2026-06-01T00:00:00Z")).TimeZone.Id);
        Assert.Equal(Duration.FromHours(3), Assert.Single(account.AttributionHistory.Changes).Value.WebChatWindow);
    }

    [Fact]
    public void H1_a_settings_line_earlier_than_the_accounts_previous_one_is_rejected_and_another_accounts_are_not_compared()
    {
        var log = Read(
            null,
            Tokyo,
            Paris, // earlier than acme's previous settings line
            """{"type":"account-settings","account":"zeta","at":"2026-05-01T00:00:00Z","timeZone":"UTC"}""");

        var rejected = Assert.Single(log.Rejections);
        Assert.Equal(2, rejected.LineNumber);
        Assert.StartsWith("H1: at = '2026-06-01T00:00:00Z'", rejected.Reason, StringComparison.Ordinal);
        Assert.Single(Acme(log).SettingsHistory);
    }

    [Fact]
    public void R17_Sales_judge_each_order_by_the_attribution_settings_in_force_when_it_was_placed()
    {
        // an agent SMS click at 08:00 in live SMS conversation sms-1; from 10:00 SMS clicks are off
        string[] story =
        [
            Opening("sms-1", "2026-06-07T07:00:00Z", channel: "sms"),
            """{"type":"touch","account":"acme","at":"2026-06-07T08:00:00Z","channel":"sms","kind":"click","shopper":{"email":"ann@example.com"},"conversation":"sms-1"}""",
            """{"type":"order","account":"acme","at":"2026-06-07T09:59:59.999999999Z","order":"o-before","shopper":{"email":"Ann@Example.com"},"amount":10.00,"currency":"EUR"}""",
            """{"type":"order","account":"acme","at":"2026-06-07T10:00:00Z","order":"o-at","shopper":{"email":"ann@example.com"},"amount":20.00,"currency":"EUR"}""",
        ];
        const string off = """{"type":"account-settings","account":"acme","at":"2026-06-07T10:00:00Z","attribution":{"touchpoints":{"sms-click":{"enabled":false}}}}""";

        var changed = Acme(Read(null, [.. story, off]));
        var unchanged = Acme(Read(null, story));
        var period = ReportingPeriod.ForDates(AccountReportingSettings.Create(changed.AccountId, "UTC"), new LocalDate(2026, 6, 7), new LocalDate(2026, 6, 7));

        Assert.Equal(["o-before"], changed.Sales(period).Orders.Select(o => o.Order.Id));
        Assert.Equal(["o-before", "o-at"], unchanged.Sales(period).Orders.Select(o => o.Order.Id));
    }
}
