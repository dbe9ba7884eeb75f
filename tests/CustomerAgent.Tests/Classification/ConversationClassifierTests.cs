using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using static CustomerAgent.Tests.TestData;

namespace CustomerAgent.Tests.Classification;

public sealed class ConversationClassifierTests
{
    private readonly ConversationClassifier _classifier = ConversationClassifier.Instance;

    [Fact]
    public void R2_agent_last_no_handoff_and_visitor_close_is_resolved_by_ai()
    {
        var c = Started();
        c.RecordAgentMessage(Min(1), "It ships tomorrow.", "order-tracking");
        c.Close(Min(5), ClosedBy.Visitor);

        var result = _classifier.Classify(c, Min(5));

        Assert.Equal(ConversationStatus.ResolvedByAi, result.Status);
        Assert.Equal(new ResolutionCriteria(true, true, true), result.Criteria);
        Assert.Equal(Min(5), result.ResolvedAt);
        Assert.Equal(CloseReason.Visitor, result.CloseReason);
    }
}
