using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using CustomerAgent.Events;
using NodaTime;
using static CustomerAgent.Tests.TestData;

namespace CustomerAgent.Tests.Events;

/// <summary>Edges the mutation run showed untested: instants exactly at R7/R8, equality returning false, both cross-account entry points.</summary>
public sealed class EventEdgeTests
{
    private static readonly MetricEventFactory Factory = MetricEventFactory.Default;

    private static Conversation Known(string id = "conv-1") =>
        Conversation.Start(Header(id, profile: Profile.Create(email: "ann@example.com")), T0, "Hi");

    [Fact]
    public void R7_R10_tags_and_final_skill_at_exactly_the_resolution_instant_count_and_one_tick_later_do_not()
    {
        var c = Known();
        c.RecordAgentMessage(Min(1), "first", "order-tracking");
        c.ApplyTag(Min(2), "early");
        c.RecordAgentMessage(Min(2), "last", "general-qa");
        c.ApplyTag(Min(2), "at-close");
        c.Close(Min(2), ClosedBy.Visitor);
        c.ApplyTag(Min(2) + Duration.Epsilon, "after");

        var resolved = Assert.Single(Factory.EventsAsOf(c, Min(10)), e => e.Kind == MetricKind.ConversationResolved);

        Assert.Equal(Min(2), resolved.Time);
        Assert.Equal("general-qa", resolved.FinalSkill);
        Assert.Equal(["early", "at-close"], resolved.Tags);
    }

    [Fact]
    public void R8_tags_at_exactly_the_handoff_instant_count_and_one_tick_later_do_not()
    {
        var c = Known();
        c.ApplyTag(Min(1), "returns");
        c.TriggerHandoff(Min(1), HandoffKind.TransferToHuman, HandoffMode.Hard, HandoffReason.ExplicitAsk);
        c.ApplyTag(Min(1), "same-instant");
        c.ApplyTag(Min(1) + Duration.Epsilon, "later");
        c.ApplyTag(Min(5), "returns");

        var escalated = Assert.Single(Factory.EventsAsOf(c, Min(10)), e => e.Kind == MetricKind.ConversationEscalated);

        Assert.Equal(["returns", "same-instant"], escalated.Tags);
        Assert.Equal(HandoffReason.ExplicitAsk, escalated.EscalationReason);
        Assert.Null(escalated.FinalSkill);
        Assert.Empty(escalated.Products);
    }

    [Fact]
    public void R6_started_at_the_exact_instant_of_the_first_agent_message_and_the_final_status()
    {
        var c = Known();
        c.RecordAgentMessage(Min(1), "hello", "general-qa");
        c.Close(Min(1), ClosedBy.Host);

        var events = Factory.EventsAsOf(c, Min(1));

        Assert.Equal([MetricKind.StartedConversation, MetricKind.ConversationResolved], events.Select(e => e.Kind));
        Assert.Equal("general-qa", events[0].InitialSkill);
        Assert.Empty(Factory.EventsAsOf(c, Min(1) - Duration.Epsilon));
        Assert.Empty(Factory.EventsBetween(c, Min(1) + Duration.Epsilon, Min(9)));
        Assert.Equal(2, Factory.EventsBetween(c, Min(1), Min(1) + Duration.Epsilon).Count);
    }

    [Fact]
    public void R6_R8_escalation_before_any_agent_answer_emits_started_with_no_initial_skill_at_the_handoff()
    {
        var c = Known();
        c.TriggerHandoff(Min(3), HandoffKind.CustomMessage, HandoffMode.Soft, HandoffReason.KnowledgeGap);
        c.RecordAgentMessage(Min(4), "late", "general-qa");

        var events = Factory.EventsAsOf(c, Min(10));

        Assert.Equal([MetricKind.StartedConversation, MetricKind.ConversationEscalated], events.Select(e => e.Kind));
        Assert.Null(events[0].InitialSkill);
        Assert.Equal(T0, events[0].Time);
    }

    [Fact]
    public void Events_with_one_differing_field_are_not_equal()
    {
        var a = Known("conv-a");
        a.RecordAgentMessage(Min(1), "x", "product-recommendations", ["SKU-1"]);
        a.Close(Min(2), ClosedBy.Visitor);
        var b = Known("conv-b");
        b.RecordAgentMessage(Min(1), "x", "product-recommendations", ["SKU-1"]);
        b.Close(Min(2), ClosedBy.Visitor);
        var left = Factory.EventsAsOf(a, Min(5));
        var right = Factory.EventsAsOf(b, Min(5));
        var again = Factory.EventsAsOf(a, Min(5));

        for (var i = 0; i < left.Count; i++)
        {
            Assert.Equal(left[i], again[i]);
            Assert.Equal(left[i].GetHashCode(), again[i].GetHashCode());
            Assert.NotEqual(left[i], right[i]);
            Assert.False(left[i].Equals(null));
            Assert.False(left[i].Equals((object)"event"));
            Assert.True(left[i].Equals((object)again[i]));
        }

        Assert.NotEqual(left[0], left[1]);
        var otherAccount = Conversation.Start(Header("conv-a", profile: Profile.Create(email: "ann@example.com"), account: "acct-2"), T0, "Hi");
        otherAccount.RecordAgentMessage(Min(1), "x", "product-recommendations", ["SKU-1"]);
        Assert.NotEqual(left[0], Factory.EventsAsOf(otherAccount, Min(5))[0]);
    }

    [Fact]
    public void R11_event_profiles_with_one_differing_identifier_are_not_equal()
    {
        var p = MetricProfile.Create("a@example.com", "+33612345678", "x1", "an1");
        Assert.Equal(p, MetricProfile.Create("a@example.com", "+33612345678", "x1", "an1"));
        Assert.Equal(p.GetHashCode(), MetricProfile.Create("a@example.com", "+33612345678", "x1", "an1").GetHashCode());
        Assert.NotEqual(p, MetricProfile.Create("b@example.com", "+33612345678", "x1", "an1"));
        Assert.NotEqual(p, MetricProfile.Create("a@example.com", "+33612345679", "x1", "an1"));
        Assert.NotEqual(p, MetricProfile.Create("a@example.com", "+33612345678", "x2", "an1"));
        Assert.NotEqual(p, MetricProfile.Create("a@example.com", "+33612345678", "x1", "an2"));
        Assert.False(p.Equals(null));
        Assert.False(p.Equals((object)"profile"));
        Assert.Equal("R11", Assert.Throws<CustomerAgentException>(() => MetricProfile.Create(" ", null, "", null)).Rule);
        Assert.Equal("ID", Assert.Throws<CustomerAgentException>(() => MetricProfile.For(Profile.Anonymous, default, ConversationId.From("c"))).Rule);
        Assert.Equal("ID", Assert.Throws<CustomerAgentException>(() => MetricProfile.For(Profile.Anonymous, AccountId.From("a"), default)).Rule);
        Assert.Equal("kx", MetricProfile.For(Profile.Create(anonymousId: "kx"), AccountId.From("a"), ConversationId.From("c")).AnonymousId);
        Assert.Null(MetricProfile.For(Profile.Create(externalId: "crm", anonymousId: null), AccountId.From("a"), ConversationId.From("c")).AnonymousId);
    }

    [Fact]
    public void R12_both_timeline_entry_points_reject_a_timeline_of_another_account()
    {
        var c = Known();
        var timeline = AgentSwitchTimeline.Empty(AccountId.From("other")).Enable(Channel.WebChat, T0);

        Assert.Equal("R12", Assert.Throws<CustomerAgentException>(() => Factory.EventsAsOf(c, timeline, Min(1))).Rule);
        Assert.Equal("R12", Assert.Throws<CustomerAgentException>(() => Factory.EventsBetween(c, timeline, T0, Min(1))).Rule);
        Assert.Equal("R12", Assert.Throws<CustomerAgentException>(() => DataCollectionSwitch.Instance.Check(timeline, c.Header, Min(1))).Rule);
    }

    [Fact]
    public void D4_batches_reject_no_events_too_many_and_repeats_and_compare_by_value()
    {
        var c = Known();
        c.RecordAgentMessage(Min(1), "x", "general-qa");
        var events = Factory.EventsAsOf(c, Min(1));

        Assert.Equal("D4", Assert.Throws<CustomerAgentException>(() => MetricEventBatch.Create([])).Rule);
        Assert.Equal("D4", Assert.Throws<CustomerAgentException>(() => MetricEventBatch.Create(Enumerable.Repeat(events[0], MetricEventBatch.MaxEvents + 1))).Rule);
        Assert.Equal("events[1].uniqueId", Assert.Throws<CustomerAgentException>(() => MetricEventBatch.Create([events[0], events[0]])).Field);
        var batch = MetricEventBatch.Create(events);
        Assert.Equal(batch, MetricEventBatch.Create(events));
        Assert.Equal(batch.GetHashCode(), MetricEventBatch.Create(events).GetHashCode());
        Assert.False(batch.Equals(null));
        Assert.Empty(MetricEventBatch.Chunk([]));
        Assert.Equal(3, MetricEventBatch.Chunk(Enumerable.Range(0, 2001).Select(i => Factory.EventsAsOf(Known($"c{i}"), T0 + Duration.FromHours(49)).Single())).Count);
    }
}
