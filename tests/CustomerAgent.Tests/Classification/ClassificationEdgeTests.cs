using CustomerAgent.Bulk;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Serialization;
using NodaTime;
using static CustomerAgent.Tests.TestData;

namespace CustomerAgent.Tests.Classification;

/// <summary>Edges the mutation run showed untested: instants exactly at an agent message, every field of a classification, counts.</summary>
public sealed class ClassificationEdgeTests
{
    private static readonly ConversationClassifier Classifier = ConversationClassifier.Default;

    [Fact]
    public void R2a_the_agent_message_is_last_from_exactly_its_instant()
    {
        var c = Started();
        c.RecordAgentMessage(Min(1), "answer", "general-qa");
        c.RecordShopperMessage(Min(3), "thanks, one more");

        Assert.False(Classifier.Classify(c, Min(1) - Duration.Epsilon).Criteria.AgentMessageIsLast);
        Assert.True(Classifier.Classify(c, Min(1)).Criteria.AgentMessageIsLast);
        Assert.True(Classifier.Classify(c, Min(3) - Duration.Epsilon).Criteria.AgentMessageIsLast);
        Assert.False(Classifier.Classify(c, Min(3)).Criteria.AgentMessageIsLast);
        Assert.Equal(Min(1) + FortyEightHours, Classifier.Classify(c, Min(2)).AutoCloseAt);
        Assert.Equal(Min(3) + FortyEightHours, Classifier.Classify(c, Min(3)).AutoCloseAt);
    }

    [Fact]
    public void Every_field_of_a_classification_agrees_with_its_status()
    {
        var c = Started();
        c.RecordAgentMessage(Min(1), "answer", "general-qa");
        c.Close(Min(2), ClosedBy.Host);

        var open = Classifier.Classify(c, Min(1));
        Assert.Equal(ConversationStatus.Open, open.Status);
        Assert.Equal(Min(1), open.AsOf);
        Assert.Equal(T0, open.StatusSince);
        Assert.Null(open.ClosedAt);
        Assert.Null(open.CloseReason);
        Assert.Null(open.ResolvedAt);
        Assert.Null(open.EscalatedAt);
        Assert.Null(open.ClosedUnresolvedAt);
        Assert.Null(open.Handoff);
        Assert.False(open.IsFinal);
        Assert.Equal(new ResolutionCriteria(true, true, false), open.Criteria);
        Assert.False(open.Criteria.AllHold);

        var resolved = Classifier.Classify(c, Min(2));
        Assert.Equal(ConversationStatus.ResolvedByAi, resolved.Status);
        Assert.Equal(Min(2), resolved.ClosedAt);
        Assert.Equal(CloseReason.Host, resolved.CloseReason);
        Assert.Equal(Min(2), resolved.ResolvedAt);
        Assert.Equal(Min(2), resolved.StatusSince);
        Assert.True(resolved.IsFinal);
        Assert.True(resolved.Criteria.AllHold);
        Assert.Equal(resolved, Classifier.Classify(c, Min(2)));
        Assert.NotEqual(resolved, Classifier.Classify(c, Min(3)));
    }

    [Fact]
    public void R2c_visitor_close_and_inactivity_close_give_their_reasons()
    {
        var visitor = Started();
        visitor.Close(Min(1), ClosedBy.Visitor);
        var idle = Started(header: Header("idle"));

        Assert.Equal(CloseReason.Visitor, Classifier.Classify(visitor, Min(1)).CloseReason);
        Assert.Equal(ConversationStatus.Closed, Classifier.Classify(visitor, Min(1)).Status);
        Assert.Equal(Min(1), Classifier.Classify(visitor, Min(1)).ClosedUnresolvedAt);
        Assert.Equal(CloseReason.Inactivity, Classifier.Classify(idle, T0 + FortyEightHours).CloseReason);
        Assert.Equal(T0 + FortyEightHours, Classifier.Classify(idle, T0 + FortyEightHours).ClosedAt);
    }

    [Fact]
    public void R3_the_escalation_fields_name_the_handoff()
    {
        var c = Started();
        c.TriggerHandoff(Min(4), HandoffKind.CustomMessage, HandoffMode.Silent, HandoffReason.BadBillingState);

        var s = Classifier.Classify(c, Min(4));
        Assert.Equal(Min(4), s.EscalatedAt);
        Assert.Equal(HandoffMode.Silent, s.Handoff!.Mode);
        Assert.False(s.Criteria.NoHandoff);
        Assert.Null(Classifier.Classify(c, Min(4) - Duration.Epsilon).Handoff);
    }

    [Fact]
    public void R3_R4_undefined_mode_or_reason_is_rejected_on_every_handoff_entry_point()
    {
        var c = Started();

        Assert.Equal("mode", Assert.Throws<CustomerAgentException>(() => c.TriggerHandoff(Min(1), HandoffKind.CustomMessage, (HandoffMode)9, HandoffReason.ExplicitAsk)).Field);
        Assert.Equal("reason", Assert.Throws<CustomerAgentException>(() => c.TriggerHandoff(Min(1), HandoffKind.CustomMessage, HandoffMode.Hard, (HandoffReason)9)).Field);
        Assert.Equal("mode", Assert.Throws<CustomerAgentException>(() => c.OfferSupportTicket(Min(1), (HandoffMode)9, HandoffReason.ExplicitAsk)).Field);
        Assert.Equal("reason", Assert.Throws<CustomerAgentException>(() => c.OfferSupportTicket(Min(1), HandoffMode.Hard, (HandoffReason)9)).Field);
        Assert.Equal("kind", Assert.Throws<CustomerAgentException>(() => c.TriggerHandoff(Min(1), (HandoffKind)9, HandoffMode.Hard, HandoffReason.ExplicitAsk)).Field);
        Assert.Equal("R1", Assert.Throws<CustomerAgentException>(() => ((ConversationStatus)9).ToApiName()).Rule);
        Assert.Equal("R1", Assert.Throws<CustomerAgentException>(() => ((HandoffMode)9).ToApiName()).Rule);
        Assert.Equal("R1", Assert.Throws<CustomerAgentException>(() => ((HandoffReason)9).ToApiName()).Rule);
        Assert.Single(c.History);
    }

    [Fact]
    public void R15_status_counts_total_indexer_and_equality()
    {
        var acct = AccountId.From("acct-1");
        var counts = new StatusCounts(1, 2, 3, 4, acct);

        Assert.Equal(10, counts.Total);
        Assert.Equal([1L, 2L, 3L, 4L], Enum.GetValues<ConversationStatus>().Select(s => counts[s]));
        Assert.Equal(counts, new StatusCounts(1, 2, 3, 4, acct));
        Assert.Equal(counts.GetHashCode(), new StatusCounts(1, 2, 3, 4, acct).GetHashCode());
        Assert.True(counts == new StatusCounts(1, 2, 3, 4, acct));
        Assert.True(counts != new StatusCounts(1, 2, 3, 5, acct));
        Assert.NotEqual(counts, new StatusCounts(0, 2, 3, 4, acct));
        Assert.NotEqual(counts, new StatusCounts(1, 0, 3, 4, acct));
        Assert.NotEqual(counts, new StatusCounts(1, 2, 0, 4, acct));
        Assert.NotEqual(counts, new StatusCounts(1, 2, 3, 4, AccountId.From("acct-2")));
        Assert.False(counts.Equals((object)"counts"));
        Assert.Equal(new StatusCounts(2, 4, 6, 8, acct), StatusCounts.Add(counts, counts));
        Assert.Contains("open: 1", counts.ToString(), StringComparison.Ordinal);
    }
}
