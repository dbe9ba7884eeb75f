using CustomerAgent.Conversations;
using CustomerAgent.Serialization;
using NodaTime;
using static CustomerAgent.Tests.TestData;

namespace CustomerAgent.Tests.Conversations;

public sealed class ConversationTests
{
    /// <summary>Asserts that <paramref name="act"/> throws the domain exception for <paramref name="rule"/> and leaves the history unchanged.</summary>
    private static CustomerAgentException AssertRejected(Conversation c, string rule, Action act)
    {
        var before = Snapshot(c);
        var ex = Assert.Throws<CustomerAgentException>(act);
        Assert.Equal(rule, ex.Rule);
        Assert.StartsWith(rule + ": " + ex.Field + " = ", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(c));
        return ex;
    }

    private static string Snapshot(Conversation c) =>
        string.Join('|', c.History.Select(a => a.ToString()))
        + $"#{c.LastMessageAt}#{c.LastMessageAuthor}#{c.LastActivityAt}#{c.MessageCount}#{c.Handoff}#{c.PendingTicketOfferAsOf(c.LastActivityAt)}#{c.ExplicitClose}"
        + $"#{string.Join(',', c.Tags)}#{string.Join(',', c.SkillsUsed)}#{c.InitialSkill}#{c.FinalSkill}";

    [Fact]
    public void R6_a_conversation_starts_with_the_shoppers_message()
    {
        var c = Started("Where is my order?");

        var first = Assert.IsType<ShopperMessageSent>(Assert.Single(c.History));
        Assert.Equal(T0, first.At);
        Assert.Equal(T0, c.StartedAt);
        Assert.Equal(MessageAuthor.Shopper, c.LastMessageAuthor);
    }

    [Fact]
    public void R10_initial_and_final_skill_and_skills_used()
    {
        var c = Started();
        Assert.Null(c.InitialSkill);
        Assert.Null(c.FinalSkill);

        c.RecordAgentMessage(Min(1), "Which order?", "order-tracking");
        c.RecordShopperMessage(Min(2), "Also, any red shoes?");
        c.RecordAgentMessage(Min(3), "These:", "product-recommendations", ["SKU-1", "SKU-2"]);
        c.RecordAgentMessage(Min(4), "And your order ships today.", "order-tracking");

        Assert.Equal("order-tracking", c.InitialSkill);
        Assert.Equal("order-tracking", c.FinalSkill);
        Assert.Equal(["order-tracking", "product-recommendations"], c.SkillsUsed);
    }

    [Fact]
    public void R18_table_facts_first_question_message_count_last_updated_tags()
    {
        var c = Started("Do you ship to Canada?", header: Header(profile: Profile.Create(email: "ann@example.com")));
        c.ApplyTag(Min(1), "shipping");
        c.RecordAgentMessage(Min(1), "Yes.", "general-qa");
        c.ApplyTag(Min(1), "international");
        c.ApplyTag(Min(2), "shipping");
        c.RecordShopperMessage(Min(3), "Great");
        c.RecordAgentMessage(Min(4), "Anything else?", "general-qa", ["SKU-9"]);
        c.RecordProductCardClick(Min(9), "SKU-9");

        Assert.Equal("Do you ship to Canada?", c.FirstQuestion);
        Assert.Equal(4, c.MessageCount);
        Assert.Equal(Min(4), c.LastMessageAt);
        Assert.Equal(Min(9), c.LastActivityAt);
        Assert.Equal(["shipping", "international"], c.Tags);
        Assert.Equal("ann@example.com", c.Header.Profile.DisplayName);
    }

    [Theory]
    [InlineData("Ann", "ann@example.com", "+15551234567", "Ann")]
    [InlineData(null, "ann@example.com", "+15551234567", "ann@example.com")]
    [InlineData(null, null, "+15551234567", "+15551234567")]
    [InlineData(null, null, null, "Anonymous")]
    [InlineData("  ", "", null, "Anonymous")]
    public void R18_display_profile_is_name_else_email_else_phone_else_anonymous(string? name, string? email, string? phone, string expected)
    {
        Assert.Equal(expected, Profile.Create(name, email, phone).DisplayName);
    }

    [Fact]
    public void R18_profile_to_string_never_shows_email_or_phone()
    {
        var text = Profile.Create("Ann", "ann@example.com", "+15551234567").ToString();

        Assert.DoesNotContain("ann@example.com", text, StringComparison.Ordinal);
        Assert.DoesNotContain("5551234567", text, StringComparison.Ordinal);
    }

    [Fact]
    public void H1_time_going_backwards_is_rejected_and_state_unchanged()
    {
        var c = Started();
        c.RecordAgentMessage(Min(5), "Hi", "general-qa");

        var ex = AssertRejected(c, "H1", () => c.RecordShopperMessage(Min(4), "earlier"));
        Assert.Equal("at", ex.Field);
        Assert.Contains("2026-06-07T10:04:00Z", ex.Message, StringComparison.Ordinal);
        AssertRejected(c, "H1", () => c.ApplyTag(Min(4), "late"));
        AssertRejected(c, "H1", () => c.RecordProductCardClick(Min(4), "x"));
        AssertRejected(c, "H1", () => c.Close(Min(4), ClosedBy.Visitor));
    }

    [Fact]
    public void H1_equal_instants_are_allowed_and_keep_their_order()
    {
        var c = Started();
        c.RecordAgentMessage(T0, "Hi", "general-qa");
        c.RecordShopperMessage(T0, "Hello");

        Assert.Equal(MessageAuthor.Shopper, c.LastMessageAuthor);
        Assert.Equal(3, c.History.Count);
    }

    [Fact]
    public void D2_a_message_after_an_explicit_close_is_rejected()
    {
        var c = Started();
        c.RecordAgentMessage(Min(1), "Hi", "general-qa");
        c.Close(Min(2), ClosedBy.Visitor);

        var ex = AssertRejected(c, "D2", () => c.RecordShopperMessage(Min(3), "one more thing"));
        Assert.Contains("new conversation", ex.Message, StringComparison.Ordinal);
        AssertRejected(c, "D2", () => c.RecordAgentMessage(Min(3), "bye", "general-qa"));
        AssertRejected(c, "D2", () => c.TriggerHandoff(Min(3), HandoffKind.TransferToHuman, HandoffMode.Hard, HandoffReason.ExplicitAsk));
        AssertRejected(c, "D2", () => c.OfferSupportTicket(Min(3), HandoffMode.Soft, HandoffReason.KnowledgeGap));
        AssertRejected(c, "D2", () => c.Close(Min(3), ClosedBy.Host));
    }

    [Fact]
    public void D2_a_message_at_or_after_the_auto_close_is_rejected_but_one_tick_before_is_not()
    {
        var c = Started();
        var autoClose = T0 + FortyEightHours;

        var ex = AssertRejected(c, "D2", () => c.RecordShopperMessage(autoClose, "still there?"));
        Assert.Contains("inactivity", ex.Message, StringComparison.Ordinal);
        AssertRejected(c, "D2", () => c.Close(autoClose, ClosedBy.Visitor));
        AssertRejected(c, "D2", () => c.AnswerSupportTicketOffer(autoClose, true));

        c.RecordAgentMessage(autoClose - Duration.Epsilon, "Still here", "general-qa");
        Assert.Equal(autoClose - Duration.Epsilon + FortyEightHours, c.AutoCloseAt);
    }

    [Fact]
    public void D2_tags_and_clicks_are_still_recorded_after_the_close()
    {
        var c = Started();
        c.RecordAgentMessage(Min(1), "Try these", "product-recommendations", ["SKU-1"]);
        c.Close(Min(2), ClosedBy.Visitor);

        c.ApplyTag(Min(3), "shoes");
        c.RecordProductCardClick(Min(3) + FortyEightHours, "SKU-1");

        Assert.Equal(5, c.History.Count);
        Assert.True(c.IsClosedAsOf(Min(2)));
        Assert.False(c.IsClosedAsOf(Min(1)));
    }

    [Fact]
    public void H2_a_click_on_a_product_never_recommended_is_rejected()
    {
        var c = Started();
        c.RecordAgentMessage(Min(1), "Try these", "product-recommendations", ["SKU-1"]);

        var ex = AssertRejected(c, "H2", () => c.RecordProductCardClick(Min(2), "SKU-2"));
        Assert.Equal("productId", ex.Field);
        Assert.Contains("'SKU-2'", ex.Message, StringComparison.Ordinal);

        c.RecordProductCardClick(Min(2), "SKU-1");
        c.RecordProductCardClick(Min(3), "SKU-1");
        Assert.Equal(4, c.History.Count);
    }

    [Fact]
    public void H2_a_click_before_the_recommendation_is_rejected()
    {
        var c = Started();

        AssertRejected(c, "H2", () => c.RecordProductCardClick(Min(1), "SKU-1"));
    }

    [Fact]
    public void H3_a_ticket_answer_with_no_offer_is_rejected()
    {
        var c = Started();

        var ex = AssertRejected(c, "H3", () => c.AnswerSupportTicketOffer(Min(1), accepted: true));
        Assert.Equal("ticketAnswer", ex.Field);
        Assert.Contains("'yes'", ex.Message, StringComparison.Ordinal);

        c.OfferSupportTicket(Min(1), HandoffMode.Soft, HandoffReason.KnowledgeGap);
        c.AnswerSupportTicketOffer(Min(2), accepted: false);
        AssertRejected(c, "H3", () => c.AnswerSupportTicketOffer(Min(3), accepted: true));
    }

    [Fact]
    public void H3_a_second_offer_while_one_is_pending_is_rejected()
    {
        var c = Started();
        c.OfferSupportTicket(Min(1), HandoffMode.Soft, HandoffReason.KnowledgeGap);

        AssertRejected(c, "H3", () => c.OfferSupportTicket(Min(2), HandoffMode.Soft, HandoffReason.KnowledgeGap));
    }

    [Fact]
    public void H3_a_support_ticket_cannot_be_an_immediate_handoff()
    {
        var c = Started();

        AssertRejected(c, "H3", () => c.TriggerHandoff(Min(1), HandoffKind.SupportTicket, HandoffMode.Hard, HandoffReason.ExplicitAsk));
    }

    [Fact]
    public void R4_closing_with_a_pending_offer_lapses_it()
    {
        var c = Started();
        c.OfferSupportTicket(Min(1), HandoffMode.Soft, HandoffReason.KnowledgeGap);
        c.Close(Min(2), ClosedBy.Visitor);

        Assert.Null(c.PendingTicketOfferAsOf(Min(2)));
        Assert.NotNull(c.PendingTicketOfferAsOf(Min(1)));
        Assert.Null(c.Handoff);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void H4_blank_texts_skills_tags_and_products_are_rejected(string? blank)
    {
        var c = Started();
        c.RecordAgentMessage(Min(1), "ok", "general-qa", ["SKU-1"]);

        AssertRejected(c, "H4", () => c.RecordShopperMessage(Min(2), blank!));
        AssertRejected(c, "H4", () => c.RecordAgentMessage(Min(2), blank!, "general-qa"));
        AssertRejected(c, "H4", () => c.RecordAgentMessage(Min(2), "text", blank!));
        AssertRejected(c, "H4", () => c.RecordAgentMessage(Min(2), "text", "general-qa", ["SKU-2", blank!]));
        AssertRejected(c, "H4", () => c.ApplyTag(Min(2), blank!));
        AssertRejected(c, "H4", () => c.RecordProductCardClick(Min(2), blank!));
        Assert.Throws<CustomerAgentException>(() => Conversation.Start(Header(), T0, blank!));
    }

    [Fact]
    public void H4_a_product_repeated_in_one_recommendation_is_rejected()
    {
        var c = Started();

        var ex = AssertRejected(c, "H4", () => c.RecordAgentMessage(Min(1), "these", "product-recommendations", ["SKU-1", "SKU-1"]));
        Assert.Equal("products[1]", ex.Field);
    }

    [Fact]
    public void H4_undefined_enum_values_are_rejected()
    {
        var c = Started();

        AssertRejected(c, "R3", () => c.TriggerHandoff(Min(1), (HandoffKind)42, HandoffMode.Hard, HandoffReason.ExplicitAsk));
        AssertRejected(c, "R8", () => c.TriggerHandoff(Min(1), HandoffKind.CustomMessage, HandoffMode.Hard, (HandoffReason)42));
        AssertRejected(c, "R2", () => c.Close(Min(1), (ClosedBy)7));
        Assert.Throws<CustomerAgentException>(() => Header(channel: (Channel)9));
    }

    [Fact]
    public void Recorded_products_are_a_defensive_copy()
    {
        var c = Started();
        var products = new List<string> { "SKU-1" };
        var message = c.RecordAgentMessage(Min(1), "these", "product-recommendations", products);
        products[0] = "SKU-X";

        Assert.Equal(["SKU-1"], message.Products);
        c.RecordProductCardClick(Min(2), "SKU-1");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void ID_empty_ids_are_rejected(string? id)
    {
        var ex = Assert.Throws<CustomerAgentException>(() => ConversationId.From(id!));
        Assert.Equal("ID", ex.Rule);
        Assert.Equal("conversationId", ex.Field);
        Assert.Throws<CustomerAgentException>(() => AccountId.From(id!));
        Assert.Throws<CustomerAgentException>(() => ConversationHeader.Create(default, AccountId.From("a"), Channel.Sms));
        Assert.Throws<CustomerAgentException>(() => ConversationHeader.Create(ConversationId.From("c"), default, Channel.Sms));
    }

    [Fact]
    public void Ids_have_ordinal_value_equality()
    {
        Assert.Equal(ConversationId.From("a"), ConversationId.From("a"));
        Assert.NotEqual(ConversationId.From("a"), ConversationId.From("A"));
        Assert.True(AccountId.From("x") == AccountId.From("x"));
        Assert.Equal("a", ConversationId.From("a").ToString());
    }

    [Fact]
    public void Replay_rebuilds_the_same_conversation_from_its_history()
    {
        var c = Started();
        c.RecordAgentMessage(Min(1), "these", "product-recommendations", ["SKU-1"]);
        c.RecordProductCardClick(Min(2), "SKU-1");
        c.ApplyTag(Min(2), "shoes");
        c.OfferSupportTicket(Min(3), HandoffMode.Soft, HandoffReason.KnowledgeGap);
        c.AnswerSupportTicketOffer(Min(4), true);
        c.Close(Min(5), ClosedBy.Visitor);

        var replayed = Conversation.Replay(c.Header, c.History);

        Assert.Equal(Snapshot(c), Snapshot(replayed));
    }

    [Fact]
    public void H5_replay_must_start_with_a_shopper_message()
    {
        var ex = Assert.Throws<CustomerAgentException>(() => Conversation.Replay(Header(), [new TagApplied(T0, "x")]));
        Assert.Equal("H5", ex.Rule);
        Assert.Equal("H5", Assert.Throws<CustomerAgentException>(() => Conversation.Replay(Header(), [])).Rule);
    }

    [Fact]
    public void D1_policy_rejects_a_timeout_shorter_than_a_minute_or_longer_than_30_days()
    {
        Assert.Equal("D1", Assert.Throws<CustomerAgentException>(() => ConversationPolicy.Create(Duration.Zero)).Rule);
        Assert.Equal("D1", Assert.Throws<CustomerAgentException>(() => ConversationPolicy.Create(Duration.FromMinutes(1) - Duration.Epsilon)).Rule);
        Assert.Equal("D1", Assert.Throws<CustomerAgentException>(() => ConversationPolicy.Create(Duration.FromDays(30) + Duration.Epsilon)).Rule);
        Assert.Equal(Duration.FromMinutes(1), ConversationPolicy.Create(Duration.FromMinutes(1)).AutoCloseAfter);
        Assert.Equal(Duration.FromDays(30), ConversationPolicy.Create(Duration.FromDays(30)).AutoCloseAfter);
        Assert.Same(ConversationPolicy.Default, ConversationPolicy.Create(Duration.FromHours(48)));
        Assert.Equal(ConversationPolicy.Create(Duration.FromHours(2)), ConversationPolicy.Create(Duration.FromHours(2)));
        Assert.NotEqual(ConversationPolicy.Create(Duration.FromHours(2)), ConversationPolicy.Create(Duration.FromHours(3)));
        Assert.Equal(ConversationPolicy.Create(Duration.FromHours(2)).GetHashCode(), ConversationPolicy.Create(Duration.FromHours(2)).GetHashCode());
        Assert.False(ConversationPolicy.Default.Equals(null));
        Assert.False(ConversationPolicy.Default.Equals((object)"48h"));
    }

    [Fact]
    public void R1_channel_api_names_round_trip()
    {
        foreach (var channel in Enum.GetValues<Channel>())
        {
            Assert.Equal(channel, ApiNames.ParseChannel(channel.ToApiName()));
        }

        Assert.Equal("web-chat", Channel.WebChat.ToApiName());
        Assert.Equal("R1", Assert.Throws<CustomerAgentException>(() => ApiNames.ParseChannel("webchat")).Rule);
    }

    [Fact]
    public void R3_R8_handoff_mode_and_reason_api_names_round_trip()
    {
        foreach (var mode in Enum.GetValues<HandoffMode>())
        {
            Assert.Equal(mode, ApiNames.ParseHandoffMode(mode.ToApiName()));
        }

        foreach (var reason in Enum.GetValues<HandoffReason>())
        {
            Assert.Equal(reason, ApiNames.ParseHandoffReason(reason.ToApiName()));
        }

        Assert.Equal("knowledge-gap", HandoffReason.KnowledgeGap.ToApiName());
        Assert.Equal("R3", Assert.Throws<CustomerAgentException>(() => ApiNames.ParseHandoffMode("gentle")).Rule);
        Assert.Equal("R8", Assert.Throws<CustomerAgentException>(() => ApiNames.ParseHandoffReason("bored")).Rule);
    }
}
