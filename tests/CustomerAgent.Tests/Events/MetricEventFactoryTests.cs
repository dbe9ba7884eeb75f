using CustomerAgent.Conversations;
using CustomerAgent.Events;
using NodaTime;
using static CustomerAgent.Tests.TestData;

namespace CustomerAgent.Tests.Events;

public sealed class MetricEventFactoryTests
{
    private readonly MetricEventFactory _factory = MetricEventFactory.Default;

    private static Conversation WebChat(string id = "conv-1", Profile? profile = null) =>
        Conversation.Start(Header(id, profile: profile ?? Profile.Create(email: "ann@example.com")), T0, "Where is my order?");

    [Fact]
    public void R6_started_happens_at_the_first_shopper_message_with_initial_skill_channel_and_conversation_id()
    {
        var c = WebChat();
        c.RecordAgentMessage(Min(1) + Duration.FromMilliseconds(700), "It ships tomorrow.", "order-tracking");
        c.RecordAgentMessage(Min(2), "Anything else?", "general-qa");

        var started = Assert.Single(_factory.EventsAsOf(c, Min(3)));

        Assert.Equal(MetricKind.StartedConversation, started.Kind);
        Assert.Equal("Started Conversation with Customer Agent", started.MetricName);
        Assert.Equal(T0, started.Time);
        Assert.Equal("order-tracking", started.InitialSkill);
        Assert.Equal(Channel.WebChat, started.Channel);
        Assert.Equal(ConversationId.From("conv-1"), started.ConversationId);
        Assert.Equal("acct-1:conv-1:started", started.UniqueId);
        Assert.Equal("ann@example.com", started.Profile.Email);
    }

    [Fact]
    public void R6_started_is_emitted_once_the_initial_skill_is_known_at_the_agents_first_message()
    {
        var c = WebChat();
        c.RecordAgentMessage(Min(1), "Hi", "general-qa");

        Assert.Empty(_factory.EventsAsOf(c, Min(1) - Duration.Epsilon));
        Assert.Single(_factory.EventsAsOf(c, Min(1)));
        Assert.Empty(_factory.EventsBetween(c, T0, Min(1)));
        Assert.Single(_factory.EventsBetween(c, Min(1), Min(2)));
    }

    [Fact]
    public void R6_started_without_an_agent_answer_is_emitted_at_the_close_with_no_initial_skill()
    {
        var c = WebChat();
        c.Close(Min(5), ClosedBy.Visitor);

        Assert.Empty(_factory.EventsAsOf(c, Min(4)));
        var started = Assert.Single(_factory.EventsAsOf(c, Min(5)));
        Assert.Equal(MetricKind.StartedConversation, started.Kind);
        Assert.Equal(T0, started.Time);
        Assert.Null(started.InitialSkill);
    }

    [Fact]
    public void R7_resolved_fires_at_the_visitor_close_with_final_skill_and_tags_applied_by_then()
    {
        var c = EventScenarios.ResolvedWebChat();

        var resolved = Assert.Single(_factory.EventsAsOf(c, Min(60)), e => e.Kind == MetricKind.ConversationResolved);

        Assert.Equal("Conversation with Customer Agent Resolved", resolved.MetricName);
        Assert.Equal(Min(10), resolved.Time);
        Assert.Equal("general-qa", resolved.FinalSkill);
        Assert.Equal(["product-question", "shipping"], resolved.Tags);
        Assert.Equal("acct-1:conv-1001:resolved", resolved.UniqueId);
        Assert.DoesNotContain(_factory.EventsAsOf(c, Min(60)), e => e.Kind == MetricKind.ConversationEscalated);
    }

    [Fact]
    public void R7_resolved_fires_at_the_auto_close_instant()
    {
        var c = WebChat();
        c.RecordAgentMessage(Min(1), "It ships tomorrow.", "order-tracking");
        var autoClose = Min(1) + FortyEightHours;

        Assert.DoesNotContain(_factory.EventsAsOf(c, autoClose - Duration.Epsilon), e => e.Kind == MetricKind.ConversationResolved);
        var resolved = Assert.Single(_factory.EventsAsOf(c, autoClose), e => e.Kind == MetricKind.ConversationResolved);
        Assert.Equal(autoClose, resolved.Time);
        Assert.Single(_factory.EventsBetween(c, autoClose, EventScenarios.Tick(autoClose)));
        Assert.Empty(_factory.EventsBetween(c, Min(2), autoClose));
    }

    [Fact]
    public void R7_D3_no_resolved_event_when_the_shoppers_message_is_last_at_the_close()
    {
        var c = WebChat();
        c.RecordAgentMessage(Min(1), "Which order?", "order-tracking");
        c.RecordShopperMessage(Min(2), "The blue one");

        var events = _factory.EventsAsOf(c, Min(2) + FortyEightHours + Duration.FromDays(1));

        Assert.Equal([MetricKind.StartedConversation], events.Select(e => e.Kind));
    }

    [Fact]
    public void R8_escalated_fires_at_the_handoff_with_reason_and_tags()
    {
        var c = WebChat();
        c.ApplyTag(Min(0), "billing");
        c.RecordAgentMessage(Min(1), "Let me get someone.", "general-qa");
        c.TriggerHandoff(Min(2), HandoffKind.TransferToHuman, HandoffMode.Hard, HandoffReason.ExplicitAsk);
        c.ApplyTag(Min(3), "after-handoff");
        c.Close(Min(9), ClosedBy.Host);

        var events = _factory.EventsAsOf(c, Min(60));

        var escalated = Assert.Single(events, e => e.Kind == MetricKind.ConversationEscalated);
        Assert.Equal("Conversation with Customer Agent Escalated", escalated.MetricName);
        Assert.Equal(Min(2), escalated.Time);
        Assert.Equal(HandoffReason.ExplicitAsk, escalated.EscalationReason);
        Assert.Equal(["billing"], escalated.Tags);
        Assert.DoesNotContain(events, e => e.Kind == MetricKind.ConversationResolved);
    }

    [Fact]
    public void R4_R8_ticket_yes_escalates_at_the_yes_click()
    {
        var c = EventScenarios.EscalatedSms();

        Assert.DoesNotContain(_factory.EventsAsOf(c, Min(2) - Duration.Epsilon), e => e.Kind == MetricKind.ConversationEscalated);
        var escalated = Assert.Single(_factory.EventsAsOf(c, Min(2)), e => e.Kind == MetricKind.ConversationEscalated);
        Assert.Equal(Min(2), escalated.Time);
        Assert.Equal(HandoffReason.KnowledgeGap, escalated.EscalationReason);
        Assert.Equal("+15551234567", escalated.Profile.PhoneNumber);
    }

    [Fact]
    public void R4_R7_ticket_no_is_not_an_escalation_and_the_conversation_can_still_resolve()
    {
        var c = WebChat();
        c.RecordAgentMessage(Min(1), "Shall I open a ticket?", "general-qa");
        c.OfferSupportTicket(Min(1), HandoffMode.Soft, HandoffReason.KnowledgeGap);
        c.AnswerSupportTicketOffer(Min(2), accepted: false);
        c.RecordAgentMessage(Min(3), "Here is our help page.", "general-qa");
        c.Close(Min(4), ClosedBy.Visitor);

        var kinds = _factory.EventsAsOf(c, Min(60)).Select(e => e.Kind).ToArray();

        Assert.Equal([MetricKind.StartedConversation, MetricKind.ConversationResolved], kinds);
    }

    [Fact]
    public void R9_one_recommendation_per_agent_message_with_products_each_with_its_own_unique_id()
    {
        var c = WebChat();
        c.RecordAgentMessage(Min(1), "Try these", "product-recommendations", ["SKU-1", "SKU-2"]);
        c.RecordAgentMessage(Min(2), "No products here", "general-qa");
        c.RecordAgentMessage(Min(3), "Or this", "product-recommendations", ["SKU-3"]);

        var recommendations = _factory.EventsAsOf(c, Min(5)).Where(e => e.Kind == MetricKind.ReceivedProductRecommendation).ToArray();

        Assert.Equal(2, recommendations.Length);
        Assert.Equal("Received Product Recommendation from Customer Agent", recommendations[0].MetricName);
        Assert.Equal(["SKU-1", "SKU-2"], recommendations[0].Products);
        Assert.Equal(["SKU-3"], recommendations[1].Products);
        Assert.Equal([Min(1), Min(3)], recommendations.Select(e => e.Time));
        Assert.Equal(["acct-1:conv-1:recommendation:1", "acct-1:conv-1:recommendation:3"], recommendations.Select(e => e.UniqueId));
    }

    [Fact]
    public void R20_a_preview_conversation_yields_no_event()
    {
        var c = Conversation.Start(Header(mode: ConversationMode.Preview), T0, "test");
        c.RecordAgentMessage(Min(1), "Try these", "product-recommendations", ["SKU-1"]);
        c.Close(Min(2), ClosedBy.Visitor);

        Assert.Empty(_factory.EventsAsOf(c, Min(60)));
        Assert.Empty(_factory.EventsBetween(c, T0, Min(60)));
    }

    [Fact]
    public void D4_events_between_is_half_open_and_a_reversed_interval_is_rejected()
    {
        var c = WebChat();
        c.RecordAgentMessage(Min(1), "Try these", "product-recommendations", ["SKU-1"]);

        Assert.Empty(_factory.EventsBetween(c, T0, Min(1)));
        Assert.Equal(2, _factory.EventsBetween(c, Min(1), EventScenarios.Tick(Min(1))).Count);
        Assert.Empty(_factory.EventsBetween(c, Min(1), Min(1)));
        var ex = Assert.Throws<CustomerAgentException>(() => _factory.EventsBetween(c, Min(2), Min(1)));
        Assert.Equal("D4", ex.Rule);
        Assert.Contains("endExclusive", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void D4_time_is_truncated_to_the_second_and_nothing_precedes_the_start()
    {
        var start = T0 + Duration.FromMilliseconds(999);
        var c = Conversation.Start(Header(), start, "Hi");
        c.RecordAgentMessage(start, "Hello", "general-qa");

        Assert.Empty(_factory.EventsAsOf(c, start - Duration.Epsilon));
        Assert.Equal(T0, Assert.Single(_factory.EventsAsOf(c, start)).Time);
    }

    [Fact]
    public void R11_an_anonymous_shopper_is_named_by_a_conversation_anonymous_id()
    {
        var c = Conversation.Start(Header("conv-anon"), T0, "Hi");
        c.RecordAgentMessage(Min(1), "Hello", "general-qa");

        var profile = Assert.Single(_factory.EventsAsOf(c, Min(1))).Profile;

        Assert.Equal("customer-agent-conversation:acct-1:conv-anon", profile.AnonymousId);
        Assert.Null(profile.Email);
    }

    [Fact]
    public void R11_a_shopper_anonymous_id_is_used_as_given()
    {
        var c = Conversation.Start(Header(profile: Profile.Create(anonymousId: "kx-123")), T0, "Hi");
        c.RecordAgentMessage(Min(1), "Hello", "general-qa");

        Assert.Equal("kx-123", Assert.Single(_factory.EventsAsOf(c, Min(1))).Profile.AnonymousId);
    }

    [Fact]
    public void R11_event_to_string_never_shows_email_or_phone()
    {
        var e = _factory.EventsAsOf(EventScenarios.ResolvedWebChat(), Min(60))[0];

        Assert.DoesNotContain("Ann.Lee@example.com", e.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("612345678", e.ToString(), StringComparison.Ordinal);
    }
}
