using CustomerAgent.Conversations;
using NodaTime;
using static CustomerAgent.Tests.TestData;

namespace CustomerAgent.Tests.Conversations;

/// <summary>
/// The public facts of a conversation read back as the activities recorded them: recommendations numbered by agent message
/// (R9, D4), clicks (R16), tags (R10), the pending offer (R4), the close (D1), and the H6 checks of their instants.
/// </summary>
public sealed class ConversationFactsTests
{
    [Fact]
    public void R9_D4_R16_recommendations_and_clicks_read_back_in_order_with_the_agent_message_numbers()
    {
        var c = Started();
        c.RecordAgentMessage(Min(1), "Hello", "greeting");
        c.RecordAgentMessage(Min(2), "Try these", "shopping", ["p1", "p2"]);
        c.RecordAgentMessage(Min(3), "Or this", "shopping", ["p3"]);
        c.RecordProductCardClick(Min(4), "p2");
        c.RecordProductCardClick(Min(5), "p3");

        var facts = c.Facts;

        Assert.Equal(
            [(Min(2), 2, "p1,p2"), (Min(3), 3, "p3")],
            facts.Recommendations.Select(r => (r.At, r.AgentMessageNumber, string.Join(',', r.Products))));
        Assert.Equal([new ProductCardClicked(Min(4), "p2"), new ProductCardClicked(Min(5), "p3")], facts.Clicks);
        Assert.Equal(["p1", "p2"], facts.ProductsOfAgentMessage(2));
        Assert.Equal(["p3"], facts.ProductsOfAgentMessage(3));
        Assert.Empty(facts.ProductsOfAgentMessage(1));
        Assert.Equal(Min(1), facts.FirstAgentMessageAt);
        Assert.Equal(("greeting", "shopping"), (facts.InitialSkill, facts.FinalSkill));
    }

    [Fact]
    public void R6_before_the_agent_answers_there_is_no_first_agent_message_no_skill_and_no_pending_offer()
    {
        var facts = Started().Facts;

        Assert.Null(facts.FirstAgentMessageAt);
        Assert.Null(facts.InitialSkill);
        Assert.Null(facts.PendingTicketOffer);
        Assert.Null(facts.Handoff);
        Assert.Null(facts.ExplicitClose);
        Assert.Empty(facts.Recommendations);
        Assert.Empty(facts.Clicks);
    }

    [Fact]
    public void R10_a_tag_counts_only_in_the_conversation_it_was_applied_to()
    {
        var tagged = Started();
        tagged.ApplyTag(Min(1), "vip");

        Assert.True(tagged.Facts.HasTag("vip"));
        Assert.False(tagged.Facts.HasTag("VIP"));
        Assert.False(Started().Facts.HasTag("vip"));
        Assert.Equal("tag", Assert.Throws<ArgumentNullException>(() => tagged.Facts.HasTag(null!)).ParamName);
    }

    [Fact]
    public void H6_instants_outside_the_supported_range_are_refused_with_their_field()
    {
        var c = Started();
        var facts = c.Facts;

        Assert.Equal(("H6", "instant"), RuleAndField(() => facts.IsClosedAsOf(Instant.MinValue)));
        Assert.Equal(("H6", "instant"), RuleAndField(() => facts.TagsAsOf(Instant.MinValue)));
        Assert.Equal(("H6", "asOf"), RuleAndField(() => c.FactsAsOf(Instant.MaxValue)));
        Assert.Equal(("H6", "asOf"), RuleAndField(() => c.FactsAsOf(Instant.MinValue)));    }

    [Fact]
    public void D2_an_agent_message_after_the_close_names_the_message()
    {
        var c = Started();
        c.Close(Min(1), ClosedBy.Host);

        var error = Assert.Throws<CustomerAgentException>(() => c.RecordAgentMessage(Min(2), "late", "shopping"));

        Assert.Equal(("D2", "message"), (error.Rule, error.Field));
    }

    [Fact]
    public void Facts_describe_themselves_and_default_says_it_holds_nothing()
    {
        Assert.Equal("ConversationFacts(default)", default(ConversationFacts).ToString());
        Assert.Equal("ConversationFacts(WebChat, Live, started 2026-06-07T10:00:00Z, 1 messages)", Started().Facts.ToString());
    }

    [Fact]
    public void Agent_messages_that_differ_in_text_skill_or_products_hash_differently()
    {
        var message = new AgentMessageSent(T0, "text", "skill", ["p1"]);

        Assert.Equal(message.GetHashCode(), new AgentMessageSent(T0, "text", "skill", ["p1"]).GetHashCode());
        Assert.NotEqual(message.GetHashCode(), new AgentMessageSent(T0, "other", "skill", ["p1"]).GetHashCode());
        Assert.NotEqual(message.GetHashCode(), new AgentMessageSent(T0, "text", "other", ["p1"]).GetHashCode());
        Assert.NotEqual(message.GetHashCode(), new AgentMessageSent(T0, "text", "skill", ["p2"]).GetHashCode());
        Assert.NotEqual(message.GetHashCode(), new AgentMessageSent(Min(1), "text", "skill", ["p1"]).GetHashCode());
    }
}
