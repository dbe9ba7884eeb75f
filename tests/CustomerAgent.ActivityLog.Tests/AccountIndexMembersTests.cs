using CustomerAgent.Attribution;
using CustomerAgent.Dashboard;
using NodaTime;

namespace CustomerAgent.ActivityLog.Tests;

/// <summary>
/// What a host indexing an account needs from its log: the sales of every period at once equal <see cref="AccountLog.Sales"/>
/// per period (R15 4, R16, R17), and the instant check (D1) is the one every query of the account makes.
/// </summary>
public sealed class AccountIndexMembersTests
{
    private static string Describe(AttributionResult r) =>
        string.Join("\n", r.Orders.Select(a => $"{a.Order.Id} {a.Rule} {a.Conversation} {a.CreditedAt} {a.Touchpoint} {a.Match} {a.Amount}"))
        + $"\nrevenue {r.AttributedRevenue} of {r.TotalRevenue} over {r.OrderCount}";

    [Fact]
    public void R15_R16_R17_the_sales_of_every_period_equal_the_sales_of_each_period_of_the_sample()
    {
        var log = ActivityLogReader.ReadFile(Logs.SamplePath);
        var periods = 0;
        foreach (var account in log.Accounts)
        {
            var asOf = account.AsOf!.Value;
            var inForce = account.SettingsAsOf(asOf);
            var settings = AccountReportingSettings.Create(account.AccountId, inForce.TimeZone.Id, inForce.FirstDayOfWeek);
            var sales = account.SalesOfEveryPeriod();
            Assert.Equal(account.Orders.Count, sales.OrderCount);
            foreach (var preset in Enum.GetValues<ReportingPreset>())
            {
                foreach (var at in new[] { asOf, asOf + Duration.FromDays(2) })
                {
                    var period = ReportingPeriod.ForPreset(settings, preset, at);
                    Assert.Equal(Describe(account.Sales(period, at)), Describe(sales.Between(period, at)));
                    periods++;
                }
            }
        }

        Assert.True(log.Accounts.Sum(a => a.Sales(ReportingPeriod.ForPreset(AccountReportingSettings.Create(a.AccountId, a.Settings.TimeZone.Id, a.Settings.FirstDayOfWeek), ReportingPreset.Last30Days, a.AsOf!.Value), a.AsOf).Orders.Count) > 0, "the sample credits some orders");
        Assert.Equal(log.Accounts.Count * Enum.GetValues<ReportingPreset>().Length * 2, periods);
    }

    [Fact]
    public void D1_the_answer_instant_is_the_accounts_by_default_any_later_one_on_final_facts_and_an_earlier_one_is_refused()
    {
        var log = ActivityLogReader.ReadFile(Logs.SamplePath);
        var account = log.Accounts[0];
        var asOf = account.AsOf!.Value;
        Assert.Equal(asOf, account.AnswerInstant(null));
        Assert.Equal(asOf + Duration.FromDays(1), account.AnswerInstant(asOf + Duration.FromDays(1)));
        Assert.Equal("D1", Assert.Throws<CustomerAgentException>(() => account.AnswerInstant(asOf - Duration.Epsilon)).Rule);

        // read as of an earlier instant (not final facts), the log answers only for that instant
        var cut = asOf - Duration.FromDays(1);
        var earlier = ActivityLogReader.ReadFile(Logs.SamplePath, new ActivityLogReaderOptions { AsOf = cut }).Accounts[0];
        Assert.Equal(cut, earlier.AnswerInstant(null));
        Assert.Equal("D1", Assert.Throws<CustomerAgentException>(() => earlier.AnswerInstant(cut + Duration.FromDays(1))).Rule);
    }
}
