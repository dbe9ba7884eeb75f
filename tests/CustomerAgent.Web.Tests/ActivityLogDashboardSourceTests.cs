using CustomerAgent.ActivityLog;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using NodaTime;

namespace CustomerAgent.Web.Tests;

/// <summary>Issue 17: the log-backed source: what it needs, which accounts it serves, and the answers it keeps.</summary>
public sealed class ActivityLogDashboardSourceTests
{
    private static readonly AccountId Acme = AccountId.From("acme");

    [Fact]
    public void A_log_read_without_its_conversations_is_refused()
    {
        var lean = ActivityLogReader.ReadFile(Sample.Path);
        var ex = Assert.Throws<ArgumentException>(() => new ActivityLogDashboardSource(lean, ConversationPolicy.Default));
        Assert.Contains("KeepConversations", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void It_serves_the_accounts_named_and_refuses_one_not_in_the_log()
    {
        var globex = new ActivityLogDashboardSource(Sample.Log, ConversationPolicy.Default, [AccountId.From("globex")]);
        Assert.Equal(["globex"], globex.Accounts.Select(a => a.Id.Value));
        Assert.Throws<KeyNotFoundException>(() => globex.ReportingSettings(Acme, Instant.FromUtc(2026, 10, 27, 0, 0)));
        Assert.Throws<KeyNotFoundException>(() => globex.FindConversation(Acme, ConversationId.From("conv-00001")));
        var ex = Assert.Throws<ArgumentException>(() => new ActivityLogDashboardSource(Sample.Log, ConversationPolicy.Default, [AccountId.From("initech")]));
        Assert.Contains("'initech' is not in the log", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_report_is_computed_once_and_given_again_and_a_refused_one_is_refused_again()
    {
        var source = new ActivityLogDashboardSource(Sample.Log, ConversationPolicy.Default);
        var account = source.Accounts.Single(a => a.Id == Acme);
        var settings = source.ReportingSettings(Acme, account.AsOf);
        var week = ReportingPeriod.ForPreset(settings, ReportingPreset.Last7Days, account.AsOf);
        var first = source.Report(week, account.AsOf, 0);
        Assert.Same(first, source.Report(ReportingPeriod.ForPreset(settings, ReportingPreset.Last7Days, account.AsOf), account.AsOf, 0));
        Assert.NotSame(first, source.Report(week, account.AsOf, 5));
        Assert.NotSame(first, source.Report(week, account.AsOf + Duration.FromDays(1), 0));
        // a day later: the same cohort, some statuses moved on (R2: closed 48 h after the agent spoke last)
        Assert.Equal(first.Report.Kpis.Volume, source.Report(week, account.AsOf + Duration.FromDays(1), 0).Report.Kpis.Volume);

        // D1: the facts do not answer for an instant before the account's; refused each time, never kept
        var before = account.AsOf - Duration.FromDays(1);
        Assert.Equal("D1", Assert.Throws<CustomerAgentException>(() => source.Report(week, before, 0)).Rule);
        Assert.Equal("D1", Assert.Throws<CustomerAgentException>(() => source.Report(week, before, 0)).Rule);
    }
}
