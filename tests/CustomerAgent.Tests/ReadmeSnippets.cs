using CustomerAgent.Attribution;
using CustomerAgent.Bulk;
using CustomerAgent.Classification;
using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using CustomerAgent.DependencyInjection;
using CustomerAgent.Serialization;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CustomerAgent.Tests;

/// <summary>The README's other snippets, compiled and run by <see cref="ReadmeTests"/>; each region is the README block after its marker.</summary>
internal static class ReadmeSnippets
{
    /// <summary>The README's dependency-injection snippet (region readme:di): one timeout for every service.</summary>
    internal static ConversationStatus DependencyInjection(ConversationHeader header, Instant start)
    {
        var services = new ServiceCollection();
        // <readme:di>
        services.AddCustomerAgent(options => options.AutoCloseAfter = Duration.FromHours(24));
        using var provider = services.BuildServiceProvider();

        // every service is built from this one policy; start conversations with it
        var policy = provider.GetRequiredService<ConversationPolicy>();
        var conversation = Conversation.Start(header, start, "Hi!", policy);
        var status = provider.GetRequiredService<IConversationClassifier>().Classify(conversation, start + Duration.FromHours(24)).Status;
        // </readme:di>
        return status;
    }

    /// <summary>The README's bulk snippet (region readme:bulk): one account's conversations, one policy.</summary>
    internal static (StatusCounts Counts, ConversationStatus[] Statuses) Bulk(AccountId account, ConversationPolicy policy, IEnumerable<Conversation> conversations, Instant now)
    {
        // <readme:bulk>
        // one account's conversations (preview ones are left out, R20), columnar, no allocation per conversation
        var batch = ConversationBatch.FromConversations(account, policy, conversations);
        var bulk = new BulkStatusClassifier(policy);
        StatusCounts counts = bulk.CountByStatus(batch, now);
        var statuses = new ConversationStatus[batch.Count];
        bulk.Classify(batch, now, statuses);

        // several accounts: one batch each, never added together
        var perAccount = ConversationBatch.PerAccount(policy, conversations);
        // </readme:bulk>
        _ = perAccount;
        return (counts, statuses);
    }

    /// <summary>The README's AI-generated sales snippet (region readme:sales).</summary>
    internal static AttributionResult Sales(IEnumerable<Conversation> conversations, IEnumerable<Touch> touches, IEnumerable<Order> orders, AgentSwitchTimeline? timeline, AttributionSettingsHistory history, ReportingPeriod period, Instant now)
    {
        // <readme:sales>
        // the period's orders placed by now, credited by a web chat click (R16) or a Customer Agent SMS last touch (R17), once each;
        // only live conversations begun while the agent was on earn (R20, R12); each order by the settings in force when placed
        var evidence = AttributionEvidence.FromConversations(conversations, touches, timeline);
        AttributionResult sales = new AiGeneratedSalesCalculator(history).AttributeBetween(orders, evidence, period, now);
        // </readme:sales>
        return sales;
    }

    /// <summary>The README's dashboard snippet (region readme:dashboard).</summary>
    internal static (DashboardReport Report, Rate? Resolved, ConversationPage Page, string Json) Dashboard(
        AccountId account, IClock clock, IOverviewDashboard dashboard, IConversationQuery table, IReadOnlyList<Conversation> conversations, AgentSwitchTimeline timeline, AttributionResult sales)
    {
        // <readme:dashboard>
        // the account's zone and week; "last 7 days" = the 6 days before today and today, in that zone (R13)
        var settings = AccountReportingSettings.Create(account, "Europe/Paris", IsoDayOfWeek.Monday);
        var period = ReportingPeriod.ForPreset(settings, ReportingPreset.Last7Days, clock);
        var now = clock.GetCurrentInstant();

        // four KPIs, one bar per local day by channel, status and tag, skill volumes (R14, R15)
        DashboardReport report = dashboard.Build(conversations, period, now, timeline, sales);
        Rate? resolved = report.Kpis.ResolvedByAiRate;        // null when nothing was initiated: no rate, not 0 %

        // the conversations table: routed to team, newest first, 50 per page (R18, R19)
        var query = ConversationTableQuery.Create(account, statuses: [ConversationStatus.NotResolvedByAi]);
        ConversationPage page = table.Query(conversations, query, now);

        string json = DashboardJson.SerializeValuesReport(report, ValuesReportGrouping.Channel, new Uri("https://a.klaviyo.com/"));
        // </readme:dashboard>
        return (report, resolved, page, json);
    }
}
