using CustomerAgent.Classification;
using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using CustomerAgent.Events;
using NodaTime;
using static CustomerAgent.Tests.TestData;

namespace CustomerAgent.Tests.Events;

/// <summary>
/// The entry points that take a conversation's facts or a switch timeline (R6–R9, R12, D1, H6) check what they are given as the
/// conversation entry points do: the instant's range, the policy the facts were built under, facts later than the instant, the
/// timeline's account, the header's channel; each error names its rule and field.
/// </summary>
public sealed class FactsEntryPointTests
{
    private static readonly Instant TooLate = Instant.FromUtc(2200, 1, 1, 0, 0);

    private static (CustomerAgentException Error, string Rule, string Field) Fails(Action action)
    {
        var error = Assert.Throws<CustomerAgentException>(action);
        return (error, error.Rule, error.Field);
    }

    private static (string Rule, string Field) RuleAndField(Action action)
    {
        var (_, rule, field) = Fails(action);
        return (rule, field);
    }

    [Fact]
    public void D1_H6_classifying_facts_checks_the_instant_the_policy_and_later_facts()
    {
        var conversation = EventScenarios.ResolvedWebChat();
        var facts = conversation.FactsAsOf(Min(60));
        var classifier = ConversationClassifier.Default;

        Assert.Equal(("H6", "asOf"), RuleAndField(() => classifier.Classify(facts, TooLate)));
        Assert.Equal(("H6", "asOf"), RuleAndField(() => classifier.Classify(conversation, TooLate)));
        var early = Fails(() => classifier.Classify(facts, facts.LastActivityAt - Duration.Epsilon));
        Assert.Equal(("D1", "asOf"), (early.Rule, early.Field));
        Assert.Contains("is before the facts' latest activity", early.Error.Message, StringComparison.Ordinal);
        Assert.Equal(classifier.Classify(conversation, Min(60)).Status, classifier.Classify(facts, Min(60)).Status);
        Assert.Equal(classifier.Classify(facts, facts.LastActivityAt).Status, classifier.Classify(conversation, facts.LastActivityAt).Status);

        var other = new ConversationClassifier(ConversationPolicy.Create(Duration.FromHours(1)));
        Assert.Throws<CustomerAgentException>(() => other.Classify(facts, Min(60)));
        Assert.Throws<CustomerAgentException>(() => other.Classify(conversation, Min(60)));
    }

    [Fact]
    public void D1_H6_R12_events_of_facts_check_the_interval_the_policy_later_facts_the_timeline_and_the_channel()
    {
        var conversation = EventScenarios.ResolvedWebChat();
        var header = conversation.Header;
        var end = Min(60 * 24 * 3);
        var facts = conversation.FactsAsOf(end - Duration.Epsilon);
        var factory = MetricEventFactory.Default;

        Assert.Equal("header", Assert.Throws<ArgumentNullException>(() => factory.EventsBetween(null!, facts, T0, end)).ParamName);
        Assert.Equal("H6", Fails(() => factory.EventsBetween(header, facts, T0, TooLate)).Rule);
        var later = Fails(() => factory.EventsBetween(header, conversation.FactsAsOf(end), T0, conversation.FactsAsOf(end).LastActivityAt));
        Assert.Equal(("D1", "facts"), (later.Rule, later.Field));
        var otherPolicy = new MetricEventFactory(new ConversationClassifier(ConversationPolicy.Create(Duration.FromHours(1))));
        Assert.Throws<CustomerAgentException>(() => otherPolicy.EventsBetween(header, facts, T0, end));
        var otherAccount = AgentSwitchTimeline.Empty(AccountId.From("acct-2"));
        Assert.Throws<CustomerAgentException>(() => factory.EventsBetween(header, facts, T0, end, otherAccount));
        var sms = Header(id: header.Id.Value, channel: Channel.Sms);
        Assert.Equal(("R1", "facts.channel"), RuleAndField(() => factory.EventsBetween(sms, facts, T0, end)));

        // the same events as the conversation's, and none for an empty interval, one before the start, or default facts
        var expected = factory.EventsBetween(conversation, T0, end);
        Assert.Equal(expected, factory.EventsBetween(header, facts, T0, end).Collected);
        // R12: with no switch ever made the agent never collected: every event is set aside, none dropped
        var screened = factory.EventsBetween(header, facts, T0, end, AgentSwitchTimeline.Empty(header.AccountId));
        Assert.Empty(screened.Collected);
        Assert.Equal(expected, screened.NotCollected.Select(n => n.Event));
        Assert.Empty(factory.EventsBetween(header, facts, Min(5), Min(5)).Collected);
        Assert.Empty(factory.EventsBetween(header, facts, T0 - Duration.FromHours(2), T0).Collected);
        Assert.Empty(factory.EventsBetween(header, default, T0, end).Collected);
        Assert.Empty(factory.EventsBetween(Header(id: header.Id.Value, mode: ConversationMode.Preview), facts, T0, end).Collected);
    }

    [Fact]
    public void H6_R12_events_with_a_timeline_check_the_timeline_the_instant_and_its_account()
    {
        var conversation = EventScenarios.ResolvedWebChat();
        var factory = MetricEventFactory.Default;
        var timeline = AgentSwitchTimeline.Empty(conversation.Header.AccountId);

        Assert.Equal("timeline", Assert.Throws<ArgumentNullException>(() => factory.EventsAsOf(conversation, null!, Min(60))).ParamName);
        Assert.Equal("timeline", Assert.Throws<ArgumentNullException>(() => factory.EventsBetween(conversation, null!, T0, Min(60))).ParamName);
        Assert.Equal(("H6", "asOf"), RuleAndField(() => factory.EventsAsOf(conversation, timeline, TooLate)));
        Assert.Equal("H6", Fails(() => factory.EventsBetween(conversation, timeline, T0, TooLate)).Rule);
        Assert.Throws<CustomerAgentException>(() => factory.EventsAsOf(conversation, AgentSwitchTimeline.Empty(AccountId.From("acct-2")), Min(60)));
        Assert.Throws<CustomerAgentException>(() => factory.EventsBetween(conversation, AgentSwitchTimeline.Empty(AccountId.From("acct-2")), T0, Min(60)));
        Assert.Equal(factory.EventsAsOf(conversation, Min(60)), factory.EventsAsOf(conversation, timeline, Min(60)).NotCollected.Select(n => n.Event));
        Assert.Equal(factory.EventsBetween(conversation, T0, Min(60)), factory.EventsBetween(conversation, timeline, T0, Min(60)).NotCollected.Select(n => n.Event));
        Assert.Equal(("H6", "asOf"), RuleAndField(() => factory.EventsAsOf(conversation, TooLate)));
    }
}
