using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using CustomerAgent.Serialization;
using CustomerAgent.Tests.Events;
using NodaTime;
using NodaTime.Testing;

namespace CustomerAgent.Tests.Dashboard;

/// <summary>docs/dashboard.md's worked example is what the code produces: the seed's June 7 period and the JSON blocks marked <c>&lt;!-- example: name --&gt;</c>.</summary>
public sealed partial class DashboardDocTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [GeneratedRegex(@"<!-- example: (?<name>[^>]+?) -->\s*```json\n(?<json>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Example();

    /// <summary>The worked example of docs/dashboard.md, step by step as the doc shows it.</summary>
    internal static (ReportingPeriod Period, DashboardReport Report, ConversationPage Page) WorkedExample()
    {
        var account = AccountId.From("acct-1");
        var settings = AccountReportingSettings.Create(account, "Europe/Paris", IsoDayOfWeek.Monday);
        var clock = new FakeClock(Instant.FromUtc(2026, 6, 7, 13, 30)); // June 7, 15:30 in Paris
        var period = ReportingPeriod.ForPreset(settings, ReportingPreset.Last7Days, clock);

        Conversation Start(string id, Channel channel, Instant at, string question) =>
            Conversation.Start(ConversationHeader.Create(ConversationId.From(id), account, channel), at, question);

        var a = Start("conv-1", Channel.WebChat, Instant.FromUtc(2026, 6, 1, 7, 0), "Where is my order?");
        a.RecordAgentMessage(Instant.FromUtc(2026, 6, 1, 7, 1), "It ships today.", "order-tracking");
        a.ApplyTag(Instant.FromUtc(2026, 6, 1, 7, 1), "shipping");
        a.Close(Instant.FromUtc(2026, 6, 1, 7, 5), ClosedBy.Visitor);
        var b = Start("conv-2", Channel.Sms, Instant.FromUtc(2026, 6, 3, 9, 0), "Can I return these shoes?");
        b.RecordAgentMessage(Instant.FromUtc(2026, 6, 3, 9, 1), "Let me connect you.", "returns");
        b.ApplyTag(Instant.FromUtc(2026, 6, 3, 9, 1), "returns");
        b.ApplyTag(Instant.FromUtc(2026, 6, 3, 9, 1), "shipping");
        b.TriggerHandoff(Instant.FromUtc(2026, 6, 3, 9, 2), HandoffKind.TransferToHuman, HandoffMode.Hard, HandoffReason.ExplicitAsk);
        var c = Start("conv-3", Channel.WebChat, Instant.FromUtc(2026, 6, 7, 12, 0), "Do you ship to Canada?");
        var old = Start("conv-0", Channel.WebChat, Instant.FromUtc(2026, 5, 31, 21, 59), "Hello?"); // May 31, 23:59 in Paris

        Conversation[] all = [a, b, c, old];
        var dashboard = new OverviewDashboard(ConversationClassifier.Default);
        var report = dashboard.Build(all, period, clock.GetCurrentInstant());
        var page = new ConversationQuery(ConversationClassifier.Default).Query(all, ConversationTableQuery.Create(account, pageSize: 2), clock.GetCurrentInstant());
        return (period, report, page);
    }

    [Fact]
    public void R13_R14_R15_R18_the_worked_example_of_docs_dashboard_md_is_what_the_code_produces()
    {
        var (period, report, page) = WorkedExample();
        Assert.Equal((new LocalDate(2026, 6, 1), new LocalDate(2026, 6, 7)), (period.FirstDate, period.LastDate));
        Assert.Equal((3L, 1L, 1L, 1L), (report.Kpis.Volume, report.Kpis.ResolvedByAi, report.Kpis.NotResolvedByAi, report.Kpis.Open));

        var doc = File.ReadAllText(EventScenarios.FindRepoFile(Path.Combine("docs", "dashboard.md"))).Replace("\r\n", "\n", StringComparison.Ordinal);
        var examples = Example().Matches(doc).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["json"].Value);
        var baseAddress = new Uri("https://a.klaviyo.com/");
        var produced = new Dictionary<string, string>
        {
            ["values-report-by-channel"] = DashboardJson.SerializeValuesReport(report, ValuesReportGrouping.Channel, baseAddress),
            ["skill-values-report"] = DashboardJson.SerializeSkillValuesReport(report, baseAddress),
            ["conversation-page"] = DashboardJson.SerializeConversationPage(page, baseAddress),
        };

        Assert.Equal(produced.Keys.Order(), examples.Keys.Order());
        var differences = produced
            .Where(p => JsonNode.Parse(examples[p.Key])!.ToJsonString(Compact) != p.Value)
            .Select(p => $"<!-- example: {p.Key} -->\n```json\n{JsonNode.Parse(p.Value)!.ToJsonString(Indented)}\n```")
            .ToList();
        Assert.True(differences.Count == 0, "docs/dashboard.md differs from the code; the code produces:\n" + string.Join("\n", differences));
        Assert.Contains("June 1 to June 7", doc, StringComparison.Ordinal);
    }
}
