using CustomerAgent.Attribution;
using CustomerAgent.Classification;
using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using NodaTime;

namespace CustomerAgent.Tests.Dashboard;

public sealed class OverviewDashboardTests
{
    private static readonly AccountId Acct = AccountId.From("acct-1");
    private static readonly AccountReportingSettings Paris = AccountReportingSettings.Create(Acct, "Europe/Paris");
    private static readonly OverviewDashboard Dashboard = new(ConversationClassifier.Default);

    /// <summary>June 1 to June 7 2026 in Paris: [May 31 22:00Z, June 7 22:00Z).</summary>
    private static readonly ReportingPeriod Week = ReportingPeriod.ForDates(Paris, new LocalDate(2026, 6, 1), new LocalDate(2026, 6, 7));
    private static readonly Instant Now = Instant.FromUtc(2026, 6, 12, 0, 0);

    private static Instant Utc(int d, int h, int m = 0) => Instant.FromUtc(2026, 6, d, h, m);

    private static Conversation Conv(string id, Instant start, Channel channel = Channel.WebChat, string account = "acct-1", ConversationMode mode = ConversationMode.Live) =>
        Conversation.Start(ConversationHeader.Create(ConversationId.From(id), AccountId.From(account), channel, mode), start, "Where is my order?");

    private static Conversation Resolved(string id, Instant start, Channel channel = Channel.WebChat, params string[] tags)
    {
        var c = Conv(id, start, channel);
        c.RecordAgentMessage(start + Duration.FromMinutes(1), "It ships today.", "order-tracking");
        foreach (var tag in tags)
        {
            c.ApplyTag(start + Duration.FromMinutes(2), tag);
        }

        c.Close(start + Duration.FromMinutes(3), ClosedBy.Visitor);
        return c;
    }

    private static Conversation Escalated(string id, Instant start, Channel channel = Channel.Sms)
    {
        var c = Conv(id, start, channel);
        c.TriggerHandoff(start + Duration.FromMinutes(1), HandoffKind.TransferToHuman, HandoffMode.Hard, HandoffReason.KnowledgeGap);
        return c;
    }

    [Fact]
    public void R15_four_kpis_over_the_conversations_initiated_in_the_period()
    {
        Conversation[] all =
        [
            Resolved("r1", Utc(1, 8)),
            Resolved("r2", Utc(3, 8)),
            Resolved("r3", Utc(7, 21, 59)),   // June 7 23:59 in Paris: inside
            Escalated("e1", Utc(2, 8)),
            Conv("o1", Utc(11, 23)),         // initiated after the period
            Conv("o2", Utc(4, 8)),           // shopper last, auto-closed 48 h later: Closed (D3)
            Resolved("before", Utc(1, 8) - Duration.FromHours(10) - Duration.Epsilon), // May 31 23:59:59.999999999 in Paris
            Resolved("after", Utc(7, 22)),   // June 8 00:00 in Paris: outside
        ];

        var k = Dashboard.Build(all, Week, Now).Kpis;

        Assert.Equal(5, k.Volume);
        Assert.Equal((3L, 1L, 1L, 0L), (k.ResolvedByAi, k.NotResolvedByAi, k.Closed, k.Open));
        Assert.Equal(0.6m, k.ResolvedByAiRate!.Value);
        Assert.Equal(60m, k.ResolvedByAiRate.Percent);
        Assert.Equal(0.2m, k.NotResolvedByAiRate!.Value);
        Assert.Equal("3/5", k.ResolvedByAiRate.ToString());
        Assert.Null(k.AiGeneratedSales); // no attribution result given
    }

    [Fact]
    public void R15_with_no_conversation_there_is_no_rate_not_zero_and_not_nan()
    {
        var k = Dashboard.Build([], Week, Now).Kpis;

        Assert.Equal(0, k.Volume);
        Assert.Null(k.ResolvedByAiRate);
        Assert.Null(k.NotResolvedByAiRate);
        Assert.Null(k.AiGeneratedSales);
    }

    [Fact]
    public void R15_a_rate_is_an_exact_ratio_of_counts()
    {
        var k = Dashboard.Build([Resolved("a", Utc(2, 8)), Conv("b", Utc(2, 9)), Conv("c", Utc(2, 10))], Week, Utc(2, 12)).Kpis;

        Assert.Equal((1L, 3L), (k.ResolvedByAiRate!.Count, k.ResolvedByAiRate.Volume));
        Assert.Equal(1m / 3m, k.ResolvedByAiRate.Value);
        Assert.Equal(0m, k.NotResolvedByAiRate!.Value);
        Assert.Equal(2, k.Open);
    }

    [Fact]
    public void R20_preview_conversations_are_not_counted()
    {
        var acc = Dashboard.CreateAccumulator(Week, Now);

        Assert.False(acc.Add(Conv("p", Utc(2, 8), mode: ConversationMode.Preview)));
        Assert.True(acc.Add(Conv("l", Utc(2, 8))));
        Assert.Equal(1, acc.ToReport().Kpis.Volume);
    }

    [Fact]
    public void R12_conversations_begun_while_the_agent_was_off_on_their_channel_are_not_there_at_all()
    {
        var timeline = AgentSwitchTimeline.Empty(Acct)
            .Enable(Channel.WebChat, Utc(1, 0))
            .Enable(Channel.Sms, Utc(3, 0))
            .Disable(Channel.WebChat, Utc(5, 0))
            .Enable(Channel.WebChat, Utc(6, 0));
        Conversation[] all =
        [
            Resolved("web-on", Utc(2, 8)),
            Escalated("sms-before-enable", Utc(2, 8)),
            Escalated("sms-on", Utc(3, 0)),
            Resolved("web-off", Utc(5, 8)),
            Resolved("web-on-again", Utc(6, 0)),
        ];

        var report = Dashboard.Build(all, Week, Now, timeline);

        Assert.Equal(3, report.Kpis.Volume);
        Assert.Equal(1, report.Kpis.NotResolvedByAi);
        Assert.Equal(0, report.Days[4].Total); // June 5 in Paris: web chat was off
        var other = AgentSwitchTimeline.Empty(AccountId.From("acct-2"));
        Assert.Equal("R12", Assert.Throws<CustomerAgentException>(() => Dashboard.CreateAccumulator(Week, Now, other)).Rule);
    }

    [Fact]
    public void R14_one_bar_per_local_day_including_empty_days_split_by_channel_status_and_tag()
    {
        Conversation[] all =
        [
            Resolved("a", Utc(1, 8), Channel.WebChat, "shipping", "returns"),
            Resolved("b", Utc(1, 9), Channel.Sms, "shipping"),
            Escalated("c", Utc(1, 10), Channel.Sms),
            Resolved("d", Utc(3, 21, 30), Channel.WhatsApp), // 23:30 in Paris: June 3
            Resolved("e", Utc(3, 22), Channel.Email),        // 00:00 in Paris: June 4
        ];

        var days = Dashboard.Build(all, Week, Now).Days;

        Assert.Equal(7, days.Count);
        Assert.Equal(Enumerable.Range(1, 7).Select(d => new LocalDate(2026, 6, d)), days.Select(d => d.Date));
        Assert.Equal([3L, 0, 1, 1, 0, 0, 0], days.Select(d => d.Total));
        var june1 = days[0];
        Assert.Equal((1L, 2L, 0L, 0L), (june1.ByChannel[Channel.WebChat], june1.ByChannel[Channel.Sms], june1.ByChannel[Channel.Email], june1.ByChannel[Channel.WhatsApp]));
        Assert.Equal((2L, 1L), (june1.ByStatus[ConversationStatus.ResolvedByAi], june1.ByStatus[ConversationStatus.NotResolvedByAi]));
        Assert.Equal([KeyValuePair.Create("returns", 1L), KeyValuePair.Create("shipping", 2L)], june1.ByTag);
        Assert.Equal(1, june1.Untagged);
        Assert.Equal(1, days[2].ByChannel[Channel.WhatsApp]);
        Assert.Equal(1, days[3].ByChannel[Channel.Email]);
        Assert.Empty(days[1].ByTag);
        Assert.Equal(4, days[1].ByChannel.Count);
        Assert.Equal(new Interval(Utc(1, 22) - Duration.FromDays(1), Utc(1, 22)), june1.Interval);
    }

    [Fact]
    public void R14_bars_of_a_daylight_saving_week_hold_23_and_25_hour_days()
    {
        var ny = AccountReportingSettings.Create(Acct, "America/New_York");
        var period = ReportingPeriod.ForDates(ny, new LocalDate(2026, 10, 31), new LocalDate(2026, 11, 2));
        // 23:30 local on Nov 1 (EST, UTC−5) is 04:30Z on Nov 2; 00:30 local on Nov 1 (EDT) is 04:30Z on Nov 1.
        Conversation[] all = [Conv("x", Instant.FromUtc(2026, 11, 2, 4, 30)), Conv("y", Instant.FromUtc(2026, 11, 1, 4, 30))];

        var days = new OverviewDashboard(ConversationClassifier.Default).Build(all, period, Instant.FromUtc(2026, 11, 10, 0, 0)).Days;

        Assert.Equal([0L, 2L, 0L], days.Select(d => d.Total));
        Assert.Equal(Duration.FromHours(25), days[1].Interval.Duration);
    }

    [Fact]
    public void R14_skill_volume_counts_each_invocation_a_switch_back_is_a_new_one()
    {
        var c = Conv("s", Utc(2, 8));
        c.RecordAgentMessage(Utc(2, 8, 1), "Let me check.", "order-tracking");
        c.RecordAgentMessage(Utc(2, 8, 2), "Shipped.", "order-tracking");
        c.RecordShopperMessage(Utc(2, 8, 3), "And this jacket?");
        c.RecordAgentMessage(Utc(2, 8, 4), "Try the blue one.", "product-qa");
        c.RecordAgentMessage(Utc(2, 8, 5), "Your order again: tomorrow.", "order-tracking");
        var d = Conv("t", Utc(3, 8));
        d.RecordAgentMessage(Utc(3, 8, 1), "Hello", "general-qa");

        var skills = Dashboard.Build([c, d], Week, Now).SkillVolumes;

        Assert.Equal(["general-qa=1", "order-tracking=2", "product-qa=1"], skills.Select(s => $"{s.Skill}={s.Volume}"));
    }

    [Fact]
    public void D1_the_report_only_sees_what_happened_by_its_instant()
    {
        var c = Conv("a", Utc(2, 8));
        c.RecordAgentMessage(Utc(2, 9), "Answer", "product-qa");
        c.ApplyTag(Utc(2, 10), "sizing");
        var later = Conv("b", Utc(2, 11));

        var report = Dashboard.Build([c, later], Week, Utc(2, 8, 30));

        Assert.Equal(1, report.Kpis.Volume);
        Assert.Equal(1, report.Kpis.Open);
        Assert.Empty(report.SkillVolumes);
        Assert.Equal(1, report.Days[1].Untagged);
        Assert.Equal(2, Dashboard.Build([c, later], Week, Now).Kpis.Volume);
    }

    [Fact]
    public void R15_one_accounts_conversation_never_counts_in_anothers_and_parts_must_agree()
    {
        var acc = Dashboard.CreateAccumulator(Week, Now);
        var e = Assert.Throws<CustomerAgentException>(() => acc.Add(Conv("x", Utc(2, 8), account: "acct-2")));
        Assert.Equal(("R15", "conversation.accountId", "acct-2"), (e.Rule, e.Field, e.Value));
        Assert.Equal(0, acc.Count);

        var otherAccount = ReportingPeriod.ForDates(AccountReportingSettings.Create(AccountId.From("acct-2"), "Europe/Paris"), Week.FirstDate, Week.LastDate);
        Assert.Equal("R15", Assert.Throws<CustomerAgentException>(() => acc.Merge(Dashboard.CreateAccumulator(otherAccount, Now))).Rule);
        var otherPeriod = ReportingPeriod.ForDates(Paris, Week.FirstDate, Week.LastDate.PlusDays(1));
        Assert.Equal("R13", Assert.Throws<CustomerAgentException>(() => acc.Merge(Dashboard.CreateAccumulator(otherPeriod, Now))).Rule);
        Assert.Equal("D1", Assert.Throws<CustomerAgentException>(() => acc.Merge(Dashboard.CreateAccumulator(Week, Now + Duration.Epsilon))).Rule);
        var timeline = AgentSwitchTimeline.Empty(Acct).Enable(Channel.WebChat, Utc(1, 0));
        Assert.Equal("R12", Assert.Throws<CustomerAgentException>(() => acc.Merge(Dashboard.CreateAccumulator(Week, Now, timeline))).Rule);
        var sameTimeline = AgentSwitchTimeline.Empty(Acct).Enable(Channel.WebChat, Utc(1, 0));
        Assert.Equal(0, Dashboard.CreateAccumulator(Week, Now, timeline).Merge(Dashboard.CreateAccumulator(Week, Now, sameTimeline)).Count);
        Assert.Equal("H6", Assert.Throws<CustomerAgentException>(() => Dashboard.CreateAccumulator(Week, SupportedInstants.End)).Rule);
    }

    [Fact]
    public void R15_merge_leaves_both_parts_unchanged()
    {
        var a = Dashboard.CreateAccumulator(Week, Now);
        a.Add(Resolved("a", Utc(2, 8), Channel.WebChat, "shipping"));
        var b = Dashboard.CreateAccumulator(Week, Now);
        b.Add(Escalated("b", Utc(2, 9)));

        var merged = a.Merge(b);

        Assert.Equal((1L, 1L, 2L), (a.Count, b.Count, merged.Count));
        Assert.Equal(1, a.ToReport().Kpis.Volume);
        Assert.Equal(2, merged.ToReport().Days[1].Total);
        Assert.Equal(1, merged.ToReport().Days[1].ByTag["shipping"]);
    }

    private static (Conversation Chat, ShopperIdentity Shopper) ClickedChat(Instant? at = null)
    {
        var start = at ?? Utc(2, 8);
        var chat = Conversation.Start(
            ConversationHeader.Create(ConversationId.From("chat"), Acct, Channel.WebChat, profile: Profile.Create(email: "ann@example.com")),
            start,
            "A warm jacket?");
        chat.RecordAgentMessage(start + Duration.FromMinutes(1), "This one.", "product-qa", ["sku-1"]);
        chat.RecordProductCardClick(start + Duration.FromMinutes(2), "sku-1");
        return (chat, ShopperIdentity.Create(Acct, email: "ann@example.com"));
    }

    [Fact]
    public void R15_R16_D5_ai_generated_sales_come_from_the_attribution_of_the_periods_orders_per_currency()
    {
        var (chat, shopper) = ClickedChat();
        Order[] orders =
        [
            Order.Create("o-eur-1", shopper, Utc(2, 9), Money.Of(120.50m, "EUR"), ["sku-1"]),
            Order.Create("o-eur-2", shopper, Utc(2, 10), Money.Of(9.50m, "EUR"), ["sku-1"]),
            Order.Create("o-usd", shopper, Utc(2, 11), Money.Of(10m, "USD"), ["sku-1"]),
            Order.Create("o-late", shopper, Utc(3, 9), Money.Of(99m, "EUR"), ["sku-1"]),       // more than 24 h after the click (R16)
            Order.Create("o-after", shopper, Utc(8, 1), Money.Of(1000m, "EUR"), ["sku-1"]),    // June 8 in Paris: outside the period
        ];
        var attribution = new AiGeneratedSalesCalculator().AttributeBetween(orders, AttributionEvidence.FromConversations([chat]), Week.Start, Week.End);

        var k = Dashboard.Build([chat], Week, Now, sales: attribution).Kpis;

        Assert.Equal(Money.Of(130m, "EUR"), k.AiGeneratedSales!.In("EUR"));
        Assert.Equal(Money.Of(10m, "USD"), k.AiGeneratedSales.In("USD"));
        Assert.Equal(["EUR", "USD"], k.AiGeneratedSales.Totals.Select(t => t.Currency));
        Assert.Equal(1, k.Volume);
    }

    [Fact]
    public void R15_sales_of_another_period_or_account_are_rejected()
    {
        var (chat, shopper) = ClickedChat(Utc(7, 21));
        var evidence = AttributionEvidence.FromConversations([chat]);
        var calculator = new AiGeneratedSalesCalculator();
        var wholeWeekAndMore = calculator.Attribute([Order.Create("o-after", shopper, Utc(7, 22, 30), Money.Of(1m, "EUR"), ["sku-1"])], evidence); // June 8, 00:30 in Paris
        Assert.Single(wholeWeekAndMore.Orders);

        var e = Assert.Throws<CustomerAgentException>(() => Dashboard.Build([chat], Week, Now, sales: wholeWeekAndMore));
        Assert.Equal(("R15", "sales.orders.placedAt"), (e.Rule, e.Field));

        var otherAccount = AccountId.From("acct-2");
        var other = Conversation.Start(
            ConversationHeader.Create(ConversationId.From("chat"), otherAccount, Channel.WebChat, profile: Profile.Create(email: "ann@example.com")), Utc(2, 8), "A warm jacket?");
        other.RecordAgentMessage(Utc(2, 8, 1), "This one.", "product-qa", ["sku-1"]);
        other.RecordProductCardClick(Utc(2, 8, 2), "sku-1");
        var foreign = calculator.Attribute([Order.Create("o", ShopperIdentity.Create(otherAccount, email: "ann@example.com"), Utc(2, 9), Money.Of(1m, "EUR"), ["sku-1"])], AttributionEvidence.FromConversations([other]));
        Assert.Single(foreign.Orders);
        Assert.Equal(("R15", "sales.orders.accountId"), Fields(Assert.Throws<CustomerAgentException>(() => Dashboard.Build([chat], Week, Now, sales: foreign))));

        static (string, string) Fields(CustomerAgentException x) => (x.Rule, x.Field);
    }
}
