using CustomerAgent.Classification;
using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using CustomerAgent.Events;
using NodaTime;
using static CustomerAgent.Tests.TestData;

namespace CustomerAgent.Tests.Conversations;

/// <summary>Issue #7 reproductions: instants at the ends of the range (H6), huge values in messages, values that cannot lie.</summary>
public sealed class RangeAndEdgeTests
{
    private static readonly Instant LastSupported = SupportedInstants.End - Duration.Epsilon;

    private static void AssertH6(Action call, string field)
    {
        var ex = Assert.Throws<CustomerAgentException>(call);
        Assert.Equal("H6", ex.Rule);
        Assert.Equal(field, ex.Field);
    }

    private static void AssertH6(Func<object> call, string field) => AssertH6(() => { _ = call(); }, field);

    [Fact]
    public void H6_an_instant_near_the_end_of_nodatimes_range_is_rejected_at_every_entry_point_instead_of_overflowing()
    {
        var farFuture = Instant.FromUtc(9999, 12, 31, 23, 0);
        AssertH6(() => Conversation.Start(Header(), farFuture, "hi"), "at");
        var c = Started();
        AssertH6(() => c.RecordShopperMessage(farFuture, "hi"), "at");
        AssertH6(() => c.Close(farFuture, ClosedBy.Visitor), "at");
        AssertH6(() => c.ApplyTag(farFuture, "t"), "at");
        AssertH6(() => ConversationClassifier.Default.Classify(c, farFuture), "asOf");
        AssertH6(() => MetricEventFactory.Default.EventsAsOf(c, farFuture), "asOf");
        AssertH6(() => MetricEventFactory.Default.EventsBetween(c, T0, farFuture), "endExclusive");
        AssertH6(() => AgentSwitchTimeline.Empty(c.Header.AccountId).Enable(Channel.WebChat, farFuture), "changes[0].at");
        Assert.Single(c.History);
    }

    [Fact]
    public void H6_the_timeline_entry_points_check_their_own_instants()
    {
        var c = Started();
        var timeline = AgentSwitchTimeline.Empty(c.Header.AccountId).Enable(Channel.WebChat, T0);
        var farFuture = Instant.FromUtc(9999, 1, 1, 0, 0);

        AssertH6(() => MetricEventFactory.Default.EventsAsOf(c, timeline, farFuture), "asOf");
        AssertH6(() => MetricEventFactory.Default.EventsBetween(c, timeline, farFuture, farFuture), "startInclusive");
        AssertH6(() => MetricEventFactory.Default.EventsBetween(c, timeline, T0, farFuture), "endExclusive");
        AssertH6(() => timeline.Check(Channel.WebChat, farFuture), "at");
        AssertH6(() => DataCollectionSwitch.Instance.Check(timeline, c.Header, farFuture), "at");
        AssertH6(() => DataCollectionSwitch.Instance.Check(timeline, Channel.WebChat, farFuture), "at");
    }

    [Fact]
    public void H6_both_ends_of_the_supported_range_work_and_one_tick_outside_is_rejected()
    {
        var first = Conversation.Start(Header(), SupportedInstants.Start, "hi");
        Assert.Equal(ConversationStatus.Open, ConversationClassifier.Default.Classify(first, SupportedInstants.Start).Status);
        AssertH6(() => Conversation.Start(Header(), SupportedInstants.Start - Duration.Epsilon, "hi"), "at");

        var last = Conversation.Start(Header(), LastSupported, "hi");
        Assert.Equal(LastSupported + ConversationPolicy.DefaultAutoCloseAfter, last.AutoCloseAt);
        Assert.Equal(ConversationStatus.Open, ConversationClassifier.Default.Classify(last, LastSupported).Status);
        Assert.Single(MetricEventFactory.Default.EventsAsOf(last, LastSupported).Where(e => e.Kind == MetricKind.StartedConversation).DefaultIfEmpty());
        AssertH6(() => ConversationClassifier.Default.Classify(last, SupportedInstants.End), "asOf");
        AssertH6(() => last.Close(SupportedInstants.End, ClosedBy.Host), "at");
        last.Close(LastSupported, ClosedBy.Host);
        Assert.Equal(ConversationStatus.Closed, ConversationClassifier.Default.Classify(last, LastSupported).Status);
        Assert.True(SupportedInstants.Contains(SupportedInstants.Start));
        Assert.False(SupportedInstants.Contains(SupportedInstants.End));
    }

    [Fact]
    public void Exception_messages_cut_a_huge_value_to_a_readable_length_and_name_the_field()
    {
        var huge = new string('x', 50_000_000);
        var c = Started();
        c.RecordAgentMessage(Min(1), "Try", "product-recommendations", ["SKU-1"]);

        var ex = Assert.Throws<CustomerAgentException>(() => c.RecordProductCardClick(Min(2), huge));

        Assert.Equal("productId", ex.Field);
        Assert.True(ex.Message.Length < 400, $"message of {ex.Message.Length} characters");
        Assert.Equal(CustomerAgentException.MaxEchoedLength + "…(+49999900 chars)".Length, ex.Value!.Length);
        Assert.EndsWith("…(+49999900 chars)", ex.Value, StringComparison.Ordinal);
        Assert.Equal("short", CustomerAgentException.Cut("short"));
        Assert.Null(CustomerAgentException.Cut(null));
        Assert.Equal(new string('y', 100), CustomerAgentException.Cut(new string('y', 100)));
    }

    [Fact]
    public void Exception_messages_never_split_a_surrogate_pair_when_cutting()
    {
        var value = new string('a', 99) + "😀" + "tail";
        var cut = CustomerAgentException.Cut(value)!;
        Assert.StartsWith(new string('a', 99) + "…", cut, StringComparison.Ordinal);
    }

    [Fact]
    public void Explanations_cut_a_huge_conversation_id_too()
    {
        var id = new string('c', 1_000_000);
        var c = Conversation.Start(Header(id), T0, "hi");
        var ex = Assert.Throws<CustomerAgentException>(() => c.AnswerSupportTicketOffer(Min(1), true));
        Assert.True(ex.Message.Length < 500, $"message of {ex.Message.Length} characters");
    }

    [Fact]
    public void R4_a_pending_offer_lapses_once_the_conversation_closed_by_inactivity_as_after_an_explicit_close()
    {
        var c = Started();
        var offer = c.OfferSupportTicket(Min(1), HandoffMode.Soft, HandoffReason.KnowledgeGap);

        Assert.Null(c.PendingTicketOfferAsOf(T0));
        Assert.Equal(offer, c.PendingTicketOfferAsOf(Min(1)));
        Assert.Equal(offer, c.PendingTicketOfferAsOf(c.AutoCloseAt - Duration.Epsilon));
        Assert.Null(c.PendingTicketOfferAsOf(c.AutoCloseAt));
        c.AnswerSupportTicketOffer(Min(2), false);
        Assert.Null(c.PendingTicketOfferAsOf(Min(2)));
        Assert.Equal(offer, c.PendingTicketOfferAsOf(Min(1)));
    }

    [Fact]
    public void R18_a_profile_with_only_an_external_id_displays_as_anonymous_consistently_with_is_anonymous()
    {
        var profile = Profile.Create(externalId: "crm-42");

        Assert.True(profile.IsAnonymous);
        Assert.Equal(Profile.AnonymousDisplayName, profile.DisplayName);
        Assert.Contains("crm-42", profile.ToString(), StringComparison.Ordinal);
        Assert.False(Profile.Create(name: "Ann").IsAnonymous);
        Assert.False(Profile.Create(email: "a@example.com").IsAnonymous);
        Assert.False(Profile.Create(phoneNumber: "+33612345678").IsAnonymous);
        Assert.True(Profile.Create(anonymousId: "kx").IsAnonymous);
        Assert.Equal("Profile(Anonymous)", Profile.Anonymous.ToString());
    }

    [Fact]
    public void Values_that_cannot_lie_have_no_public_constructor_or_setter()
    {
        foreach (var type in new[] { typeof(StatusClassification), typeof(CustomerAgent.Bulk.StatusCounts), typeof(CustomerAgent.Bulk.ChannelStatusCounts), typeof(MetricEvent) })
        {
            Assert.DoesNotContain(type.GetConstructors(), ctor => ctor.GetParameters().Length > 0);
            Assert.All(type.GetProperties(), p => Assert.True(p.SetMethod is null || !p.SetMethod.IsPublic, $"{type.Name}.{p.Name} has a public setter or init"));
        }
    }

    /// <summary>
    /// H6 on Unix time, for readers that compute an instant's seconds first (the activity log's instants may lie far outside
    /// what Unix nanoseconds hold): the same range, rejected in the same words as every other entry point.
    /// </summary>
    [Fact]
    public void H6_the_range_in_unix_seconds_is_the_supported_range_and_rejected_in_the_same_words()
    {
        Assert.Equal(SupportedInstants.StartUnixSeconds, SupportedInstants.Start.ToUnixTimeSeconds());
        Assert.Equal(SupportedInstants.EndUnixSeconds, SupportedInstants.End.ToUnixTimeSeconds());
        Assert.Equal(
            [false, true, true, false],
            new[] { SupportedInstants.StartUnixSeconds - 1, SupportedInstants.StartUnixSeconds, SupportedInstants.EndUnixSeconds - 1, SupportedInstants.EndUnixSeconds }
                .Select(SupportedInstants.ContainsUnixSeconds));

        Assert.Equal(
            "H6: at = '9999-12-31T23:59:59Z' is outside the supported range [1900-01-01T00:00:00Z, 2200-01-01T00:00:00Z).",
            SupportedInstants.OutOfRange("at", "9999-12-31T23:59:59Z").Message);
        var c = Started();
        Assert.Equal(
            SupportedInstants.OutOfRange("at", "2200-01-01T00:00:00Z").Message,
            Assert.Throws<CustomerAgentException>(() => c.ApplyTag(SupportedInstants.End, "t")).Message);
    }
}
