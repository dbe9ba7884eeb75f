using CustomerAgent.Attribution;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using NodaTime;

namespace CustomerAgent.Tests.Dashboard;

/// <summary>
/// The dashboard's entry points check their arguments before anything else (H6, D1, R13), each naming the argument or field:
/// what mutation testing found unchecked (a guard removed still failed later, with another exception or none).
/// </summary>
public sealed class DashboardGuardTests
{
    private static readonly AccountId Acct = AccountId.From("acct-1");
    private static readonly AccountReportingSettings Paris = AccountReportingSettings.Create(Acct, "Europe/Paris");
    private static readonly Instant Now = Instant.FromUtc(2026, 6, 12, 0, 0);
    private static readonly Instant Later = Instant.FromUtc(2200, 1, 1, 0, 0);
    private static readonly ReportingPeriod Week = ReportingPeriod.ForPreset(Paris, ReportingPreset.Last7Days, Now);

    private static void Null(string param, Action action) => Assert.Equal(param, Assert.Throws<ArgumentNullException>(action).ParamName);

    private static void H6(string field, Action action)
    {
        var e = Assert.Throws<CustomerAgentException>(action);
        Assert.Equal(("H6", field), (e.Rule, e.Field));
    }

    [Fact]
    public void H6_the_periods_factories_check_the_settings_and_every_instant()
    {
        Null("settings", () => ReportingPeriod.ForPreset(null!, ReportingPreset.Today, Now));
        H6("now", () => ReportingPeriod.ForPreset(Paris, ReportingPreset.Today, Later));
        Null("settings", () => ReportingPeriod.ForInstants(null!, Now - Duration.FromDays(1), Now));
        H6("start", () => ReportingPeriod.ForInstants(Paris, Instant.FromUtc(1899, 12, 31, 0, 0), Now));
        H6("end", () => ReportingPeriod.ForInstants(Paris, Now, Later + Duration.FromDays(1)));
        Null("settings", () => ReportingPeriod.ForDates(null!, new LocalDate(2026, 6, 1), new LocalDate(2026, 6, 2)));

        // the first and last supported years are accepted in a zone that keeps their days inside the range; the years beyond never
        Assert.Equal(new LocalDate(1900, 1, 1), ReportingPeriod.ForDates(AccountReportingSettings.Create(Acct, "UTC"), new LocalDate(1900, 1, 1), new LocalDate(1900, 1, 2)).FirstDate);
        Assert.Equal(new LocalDate(2199, 12, 31), ReportingPeriod.ForDates(AccountReportingSettings.Create(Acct, "UTC"), new LocalDate(2199, 12, 1), new LocalDate(2199, 12, 31)).LastDate);
        H6("firstDate", () => ReportingPeriod.ForDates(Paris, new LocalDate(1898, 12, 31), new LocalDate(1899, 1, 1)));
        H6("lastDate", () => ReportingPeriod.ForDates(Paris, new LocalDate(2199, 12, 31), new LocalDate(2201, 1, 1)));
    }

    [Fact]
    public void H6_D1_the_accumulator_and_the_scope_check_their_arguments_and_the_conversations_policy()
    {
        var classifier = ConversationClassifier.Default;
        Null("period", () => _ = new DashboardAccumulator(null!, Now, classifier));
        Null("classifier", () => _ = new DashboardAccumulator(Week, Now, null!));
        H6("asOf", () => _ = new DashboardAccumulator(Week, Later, classifier));
        var accumulator = new DashboardAccumulator(Week, Now, classifier);
        Null("conversation", () => accumulator.Add((Conversation)null!));
        Null("conversations", () => accumulator.AddRange(null!));

        // D1: one timeout for every service; a conversation started under another policy is rejected, not counted
        var other = Conversation.Start(ConversationHeader.Create(ConversationId.From("c1"), Acct, Channel.WebChat, ConversationMode.Live, null), Now - Duration.FromHours(1), "Hi", ConversationPolicy.Create(Duration.FromHours(2)));
        var e = Assert.Throws<CustomerAgentException>(() => accumulator.Add(other));
        Assert.Equal(("D1", "conversation.policy"), (e.Rule, e.Field));
        Assert.Equal(0, accumulator.ToReport().Kpis.Volume);

        Null("period", () => DashboardScope.Create(null!, Now));
        H6("asOf", () => DashboardScope.Create(Week, Later));
    }

    [Fact]
    public void H6_period_sales_and_attribution_between_check_their_arguments()
    {
        var calculator = new AiGeneratedSalesCalculator();
        Null("calculator", () => PeriodSales.Create(Acct, null!, [], AttributionEvidence.Empty));
        Null("orders", () => PeriodSales.Create(Acct, calculator, null!, AttributionEvidence.Empty));
        Null("evidence", () => PeriodSales.Create(Acct, calculator, [], null!));
        var sales = PeriodSales.Create(Acct, calculator, [], AttributionEvidence.Empty);
        Null("period", () => sales.Between(null!, Now));
        H6("asOf", () => sales.Between(Week, Later));

        Null("calculator", () => ((IAttributionCalculator)null!).AttributeBetween([], AttributionEvidence.Empty, Week, Now));
        Null("orders", () => calculator.AttributeBetween(null!, AttributionEvidence.Empty, Week, Now));
        Null("period", () => calculator.AttributeBetween([], AttributionEvidence.Empty, null!, Now));
        H6("asOf", () => calculator.AttributeBetween([], AttributionEvidence.Empty, Week, Later));
    }

    [Fact]
    public void H6_every_entry_point_of_the_table_names_a_missing_argument_and_checks_the_instant()
    {
        var table = new ConversationQuery(ConversationClassifier.Default);
        var query = ConversationTableQuery.Create(Acct);
        Func<ConversationId, ConversationOpening> openings = _ => new ConversationOpening("Hi", Profile.Anonymous);

        Null("conversations", () => table.Query(null!, query, Now));
        Null("conversations", () => table.Query([null!], query, Now));
        Null("query", () => table.Query([], null!, Now));
        Null("conversations", () => table.AllRowsOfFacts(null!, query, Now, openings));
        Null("openingOf", () => table.AllRowsOfFacts([], query, Now, null!));
        Null("conversation", () => table.Thread(null!, Now));
        var c = Conversation.Start(ConversationHeader.Create(ConversationId.From("c1"), Acct, Channel.WebChat, ConversationMode.Live, null), Now - Duration.FromHours(1), "Hi");
        H6("asOf", () => table.Thread(c, Later));
        H6("asOf", () => table.Query([c], query, Later));
    }

    [Fact]
    public void R14_R1_a_dashboard_cell_is_read_only_for_a_day_of_the_period_a_defined_channel_and_a_defined_status()
    {
        IDashboardCounts report = new DashboardAccumulator(Week, Now, ConversationClassifier.Default).ToReport();
        IDashboardCounts bulk = CustomerAgent.Bulk.BulkDashboard.Default.Count(CustomerAgent.Bulk.ConversationBatch.FromConversations(Acct, ConversationPolicy.Default, []), DashboardScope.Create(Week, Now));
        foreach (var counts in new[] { report, bulk })
        {
            Assert.Equal(0, counts[0, Channel.Sms, ConversationStatus.Open]);
            Assert.Equal(0, counts[Week.DayCount - 1, Channel.WebChat, ConversationStatus.Closed]);
            Assert.Throws<ArgumentOutOfRangeException>(() => counts[-1, Channel.Sms, ConversationStatus.Open]);
            Assert.Throws<ArgumentOutOfRangeException>(() => counts[Week.DayCount, Channel.Sms, ConversationStatus.Open]);
            Assert.Equal(("R14", "channel"), Field(() => counts[0, (Channel)99, ConversationStatus.Open]));
            Assert.Equal(("R1", "status"), Field(() => counts[0, Channel.Sms, (ConversationStatus)99]));
            Assert.Equal((Week, Now, 0L), (counts.Period, counts.AsOf, counts.Kpis.Volume));
        }

        static (string, string) Field(Func<long> read)
        {
            var error = Assert.Throws<CustomerAgentException>(() => read());
            return (error.Rule, error.Field);
        }
    }
}
