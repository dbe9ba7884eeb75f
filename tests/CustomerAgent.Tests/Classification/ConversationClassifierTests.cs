using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Serialization;
using NodaTime;
using static CustomerAgent.Tests.TestData;

namespace CustomerAgent.Tests.Classification;

public sealed class ConversationClassifierTests
{
    private readonly IConversationClassifier _classifier = ConversationClassifier.Default;

    [Fact]
    public void R2_agent_last_no_handoff_and_visitor_close_is_resolved_by_ai()
    {
        var c = Started();
        c.RecordAgentMessage(Min(1), "It ships tomorrow.", "order-tracking");
        c.Close(Min(5), ClosedBy.Visitor);

        var result = _classifier.Classify(c, Min(5));

        Assert.Equal(ConversationStatus.ResolvedByAi, result.Status);
        Assert.Equal(new ResolutionCriteria(true, true, true), result.Criteria);
        Assert.True(result.Criteria.AllHold);
        Assert.Equal(Min(5), result.ResolvedAt);
        Assert.Equal(Min(5), result.ClosedAt);
        Assert.Equal(CloseReason.Visitor, result.CloseReason);
        Assert.Null(result.EscalatedAt);
        Assert.True(result.IsFinal);
    }

    [Fact]
    public void R2a_shopper_message_last_at_close_is_not_resolved()
    {
        var c = Started();
        c.RecordAgentMessage(Min(1), "It ships tomorrow.", "order-tracking");
        c.RecordShopperMessage(Min(2), "ok thanks");
        c.Close(Min(3), ClosedBy.Visitor);

        var result = _classifier.Classify(c, Min(3));

        Assert.NotEqual(ConversationStatus.ResolvedByAi, result.Status);
        Assert.False(result.Criteria.AgentMessageIsLast);
    }

    [Theory]
    [InlineData(HandoffKind.CustomMessage)]
    [InlineData(HandoffKind.TransferToHuman)]
    [InlineData(HandoffKind.CustomClosingMessage)]
    public void R2b_R3_any_immediate_handoff_makes_it_not_resolved_by_ai(HandoffKind kind)
    {
        var c = Started();
        c.RecordAgentMessage(Min(1), "Let me get someone.", "general-qa");
        c.TriggerHandoff(Min(2), kind, HandoffMode.Hard, HandoffReason.KnowledgeGap);
        c.RecordAgentMessage(Min(3), "Anything else?", "general-qa");
        c.Close(Min(4), ClosedBy.Visitor);

        var result = _classifier.Classify(c, Min(4));

        Assert.Equal(ConversationStatus.NotResolvedByAi, result.Status);
        Assert.False(result.Criteria.NoHandoff);
        Assert.Equal(Min(2), result.EscalatedAt);
        Assert.Equal(kind, result.Handoff!.Kind);
        Assert.Equal(HandoffReason.KnowledgeGap, result.Handoff.Reason);
    }

    [Fact]
    public void R2b_custom_closing_message_counts_as_a_handoff_even_when_the_agent_speaks_last()
    {
        var c = Started();
        c.RecordAgentMessage(Min(1), "Here you go.", "general-qa");
        c.TriggerHandoff(Min(1), HandoffKind.CustomClosingMessage, HandoffMode.Silent, HandoffReason.EscalationRule);

        var result = _classifier.Classify(c, Min(1) + FortyEightHours);

        Assert.Equal(ConversationStatus.NotResolvedByAi, result.Status);
        Assert.True(result.Criteria.AgentMessageIsLast);
        Assert.True(result.Criteria.IsClosed);
    }

    [Fact]
    public void R2c_agent_last_but_not_closed_is_open()
    {
        var c = Started();
        c.RecordAgentMessage(Min(1), "It ships tomorrow.", "order-tracking");

        var result = _classifier.Classify(c, Min(60));

        Assert.Equal(ConversationStatus.Open, result.Status);
        Assert.Equal(new ResolutionCriteria(true, true, false), result.Criteria);
        Assert.Null(result.ClosedAt);
        Assert.Null(result.CloseReason);
        Assert.Equal(T0, result.StatusSince);
        Assert.False(result.IsFinal);
    }

    [Fact]
    public void R4_ticket_offer_accepted_is_a_handoff_at_the_yes_click()
    {
        var c = Started();
        c.OfferSupportTicket(Min(1), HandoffMode.Soft, HandoffReason.KnowledgeGap);
        c.AnswerSupportTicketOffer(Min(3), accepted: true);

        Assert.Equal(ConversationStatus.Open, _classifier.Classify(c, Min(2)).Status);
        var result = _classifier.Classify(c, Min(3));
        Assert.Equal(ConversationStatus.NotResolvedByAi, result.Status);
        Assert.Equal(Min(3), result.EscalatedAt);
        Assert.Equal(HandoffKind.SupportTicket, result.Handoff!.Kind);
        Assert.Equal(HandoffMode.Soft, result.Handoff.Mode);
    }

    [Fact]
    public void R4_ticket_offer_declined_is_not_a_handoff()
    {
        var c = Started();
        c.RecordAgentMessage(Min(1), "Want a ticket?", "returns");
        c.OfferSupportTicket(Min(1), HandoffMode.Soft, HandoffReason.KnowledgeGap);
        c.AnswerSupportTicketOffer(Min(2), accepted: false);
        c.RecordAgentMessage(Min(3), "Here is the return policy.", "returns");
        c.Close(Min(4), ClosedBy.Visitor);

        var result = _classifier.Classify(c, Min(4));

        Assert.Equal(ConversationStatus.ResolvedByAi, result.Status);
        Assert.Null(c.Handoff);
    }

    [Fact]
    public void R4_ticket_offer_left_unanswered_lapses_at_the_close()
    {
        var c = Started();
        c.RecordAgentMessage(Min(1), "Want a ticket?", "returns");
        c.OfferSupportTicket(Min(1), HandoffMode.Soft, HandoffReason.KnowledgeGap);

        var result = _classifier.Classify(c, Min(1) + FortyEightHours);

        Assert.Equal(ConversationStatus.ResolvedByAi, result.Status);
        Assert.Equal(CloseReason.Inactivity, result.CloseReason);
    }

    [Fact]
    public void R5_awaiting_the_shopper_is_open()
    {
        var c = Started();
        c.RecordAgentMessage(Min(1), "Which order?", "order-tracking");

        Assert.Equal(ConversationStatus.Open, _classifier.Classify(c, Min(2)).Status);
    }

    [Fact]
    public void R5_in_progress_with_the_agent_is_open()
    {
        var c = Started();

        Assert.Equal(ConversationStatus.Open, _classifier.Classify(c, T0).Status);
        Assert.Equal(ConversationStatus.Open, _classifier.Classify(c, Min(30)).Status);
    }

    [Fact]
    public void R5_D1_unanswered_agent_message_is_resolved_exactly_48_hours_later()
    {
        var c = Started();
        c.RecordAgentMessage(Min(1), "It ships tomorrow.", "order-tracking");
        var autoClose = Min(1) + FortyEightHours;

        var before = _classifier.Classify(c, autoClose - Duration.Epsilon);
        var at = _classifier.Classify(c, autoClose);

        Assert.Equal(ConversationStatus.Open, before.Status);
        Assert.Equal(autoClose, before.AutoCloseAt);
        Assert.Equal(ConversationStatus.ResolvedByAi, at.Status);
        Assert.Equal(autoClose, at.ResolvedAt);
        Assert.Equal(autoClose, at.ClosedAt);
        Assert.Equal(CloseReason.Inactivity, at.CloseReason);
    }

    [Fact]
    public void D1_classification_only_sees_what_happened_by_the_instant()
    {
        var c = Started();
        c.RecordAgentMessage(Min(1), "Hi", "general-qa");
        c.RecordShopperMessage(Min(2), "Track my order");
        c.RecordAgentMessage(Min(3), "Done", "order-tracking");
        c.TriggerHandoff(Min(4), HandoffKind.TransferToHuman, HandoffMode.Hard, HandoffReason.ExplicitAsk);

        var asOfTwo = _classifier.Classify(c, Min(2));

        Assert.Equal(ConversationStatus.Open, asOfTwo.Status);
        Assert.False(asOfTwo.Criteria.AgentMessageIsLast);
        Assert.True(asOfTwo.Criteria.NoHandoff);
        Assert.Equal(Min(2) + FortyEightHours, asOfTwo.AutoCloseAt);
        Assert.Equal(ConversationStatus.NotResolvedByAi, _classifier.Classify(c, Min(4)).Status);
    }

    [Fact]
    public void D1_classifying_before_the_start_is_rejected()
    {
        var c = Started();

        var ex = Assert.Throws<CustomerAgentException>(() => _classifier.Classify(c, T0 - Duration.Epsilon));

        Assert.Equal("D1", ex.Rule);
        Assert.Equal("asOf", ex.Field);
        Assert.Contains("conv-1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void D1_a_custom_auto_close_policy_moves_the_boundary()
    {
        var policy = ConversationPolicy.Create(Duration.FromHours(1));
        var c = Conversation.Start(Header(), T0, "hi", policy);
        c.RecordAgentMessage(Min(1), "hello", "general-qa");
        var classifier = new ConversationClassifier(policy);

        Assert.Equal(ConversationStatus.Open, classifier.Classify(c, Min(60)).Status);
        Assert.Equal(ConversationStatus.ResolvedByAi, classifier.Classify(c, Min(61)).Status);
    }

    [Fact]
    public void D2_handoff_is_final_through_later_messages_and_the_close()
    {
        var c = Started();
        c.TriggerHandoff(Min(1), HandoffKind.CustomMessage, HandoffMode.Hard, HandoffReason.KnowledgeGap);
        c.RecordAgentMessage(Min(2), "A colleague will reply.", "general-qa");
        c.TriggerHandoff(Min(3), HandoffKind.TransferToHuman, HandoffMode.Hard, HandoffReason.ExplicitAsk);
        c.Close(Min(4), ClosedBy.Visitor);

        var result = _classifier.Classify(c, Min(4) + Duration.FromDays(30));

        Assert.Equal(ConversationStatus.NotResolvedByAi, result.Status);
        Assert.Equal(Min(1), result.StatusSince);
        Assert.Equal(HandoffKind.CustomMessage, result.Handoff!.Kind);
        Assert.Equal(Min(4), result.ClosedAt);
    }

    [Fact]
    public void D2_resolved_is_final_long_after_the_close()
    {
        var c = Started();
        c.RecordAgentMessage(Min(1), "It ships tomorrow.", "order-tracking");
        c.Close(Min(2), ClosedBy.Host);

        var result = _classifier.Classify(c, Min(2) + Duration.FromDays(400));

        Assert.Equal(ConversationStatus.ResolvedByAi, result.Status);
        Assert.Equal(Min(2), result.ResolvedAt);
        Assert.Equal(CloseReason.Host, result.CloseReason);
    }

    [Fact]
    public void D3_closed_with_the_shopper_last_and_no_handoff_is_closed()
    {
        var c = Started();
        c.Close(Min(1), ClosedBy.Visitor);

        var result = _classifier.Classify(c, Min(1));

        Assert.Equal(ConversationStatus.Closed, result.Status);
        Assert.Equal(Min(1), result.ClosedUnresolvedAt);
        Assert.Null(result.ResolvedAt);
        Assert.Null(result.EscalatedAt);
    }

    [Fact]
    public void D3_shopper_last_auto_close_is_closed_at_the_boundary()
    {
        var c = Started();
        c.RecordAgentMessage(Min(1), "Which order?", "order-tracking");
        c.RecordShopperMessage(Min(2), "the blue one");

        Assert.Equal(ConversationStatus.Open, _classifier.Classify(c, Min(2) + FortyEightHours - Duration.Epsilon).Status);
        var at = _classifier.Classify(c, Min(2) + FortyEightHours);
        Assert.Equal(ConversationStatus.Closed, at.Status);
        Assert.Equal(CloseReason.Inactivity, at.CloseReason);
    }

    [Fact]
    public void R1_every_status_maps_to_the_vendor_api_name()
    {
        Assert.Equal("open", ConversationStatus.Open.ToApiName());
        Assert.Equal("resolved-by-ai", ConversationStatus.ResolvedByAi.ToApiName());
        Assert.Equal("routed-to-team", ConversationStatus.NotResolvedByAi.ToApiName());
        Assert.Equal("closed", ConversationStatus.Closed.ToApiName());
        foreach (var status in Enum.GetValues<ConversationStatus>())
        {
            Assert.Equal(status, ApiNames.ParseStatus(status.ToApiName()));
        }

        var ex = Assert.Throws<CustomerAgentException>(() => ApiNames.ParseStatus("resolved"));
        Assert.Equal("D3", ex.Rule);
    }

    [Fact]
    public void R20_preview_conversations_classify_but_do_not_count_in_metrics()
    {
        var c = Started(header: Header(mode: ConversationMode.Preview));
        c.RecordAgentMessage(Min(1), "hello", "general-qa");
        c.Close(Min(2), ClosedBy.Visitor);

        Assert.Equal(ConversationStatus.ResolvedByAi, _classifier.Classify(c, Min(2)).Status);
        Assert.False(c.IsCountedInMetrics);
        Assert.True(Started().IsCountedInMetrics);
    }
}
