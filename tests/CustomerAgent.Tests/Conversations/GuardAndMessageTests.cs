using System.Text;
using CustomerAgent.Classification;
using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using CustomerAgent.Events;
using NodaTime;
using static CustomerAgent.Tests.TestData;

namespace CustomerAgent.Tests.Conversations;

/// <summary>
/// Every null guard of the core answers with <see cref="ArgumentNullException"/> naming the parameter, every rule check names
/// its field, and every description says what it holds (these were the surviving mutants of the first Stryker run).
/// </summary>
public sealed class GuardAndMessageTests
{
    private static void AssertNull(string parameter, Action call) => Assert.Equal(parameter, Assert.Throws<ArgumentNullException>(call).ParamName);

    private static void AssertNull(string parameter, Func<object?> call) => AssertNull(parameter, () => { _ = call(); });

    [Fact]
    public void Null_arguments_are_argument_misuse_named_by_parameter()
    {
        var c = Started();
        var timeline = AgentSwitchTimeline.Empty(c.Header.AccountId);

        AssertNull("header", () => Conversation.Start(null!, T0, "hi"));
        AssertNull("header", () => Conversation.Replay(null!, []));
        AssertNull("history", () => Conversation.Replay(Header(), null!));
        AssertNull("activity", () => c.Apply(null!));
        AssertNull("email", () => ContactDetails.RedactEmail(null!));
        AssertNull("phoneNumber", () => ContactDetails.RedactPhoneNumber(null!));
        AssertNull("policy", () => new ConversationClassifier(null!));
        AssertNull("conversation", () => ConversationClassifier.Default.Classify(null!, T0));
        AssertNull("classifier", () => new MetricEventFactory(null!));
        AssertNull("conversation", () => MetricEventFactory.Default.EventsAsOf(null!, T0));
        AssertNull("conversation", () => MetricEventFactory.Default.EventsBetween(null!, T0, T0));
        AssertNull("timeline", () => MetricEventFactory.Default.EventsAsOf(c, null!, T0));
        AssertNull("timeline", () => MetricEventFactory.Default.EventsBetween(c, null!, T0, T0));
        AssertNull("events", () => MetricEventBatch.Create(null!));
        AssertNull("events", () => MetricEventBatch.Create([null!]));
        AssertNull("events", () => MetricEventBatch.Chunk(null!));
        AssertNull("events", () => MetricEventBatch.Chunk([null!]));
        AssertNull("profile", () => MetricProfile.For(null!, AccountId.From("a"), ConversationId.From("c")));
        AssertNull("changes", () => AgentSwitchTimeline.Create(AccountId.From("a"), null!));
        AssertNull("timeline", () => DataCollectionSwitch.Instance.Check(null!, Channel.Sms, T0));
        AssertNull("timeline", () => DataCollectionSwitch.Instance.Check(null!, c.Header, T0));
        AssertNull("header", () => DataCollectionSwitch.Instance.Check(timeline, null!, T0));
    }

    [Theory]
    [InlineData("shopper-text", "text", "H4")]
    [InlineData("agent-text", "text", "H4")]
    [InlineData("agent-skill", "skill", "H4")]
    [InlineData("product", "products[1]", "H4")]
    [InlineData("click", "productId", "H4")]
    [InlineData("tag", "tag", "H4")]
    [InlineData("start-text", "text", "H4")]
    [InlineData("channel", "channel", "R1")]
    [InlineData("mode", "mode", "R20")]
    [InlineData("close-by", "by", "R2")]
    [InlineData("start-at", "at", "H6")]
    [InlineData("shopper-at", "at", "H6")]
    [InlineData("late-message", "message", "D2")]
    [InlineData("late-handoff", "handoff", "D2")]
    [InlineData("late-offer", "ticketOffer", "D2")]
    [InlineData("late-answer", "ticketAnswer", "D2")]
    [InlineData("late-close", "close", "D2")]
    [InlineData("timeline-channel", "changes[0].channel", "R12")]
    [InlineData("timeline-at", "changes[0].at", "H6")]
    public void Every_rule_check_names_its_field(string check, string field, string rule)
    {
        var c = Started();
        c.RecordAgentMessage(Min(1), "These", "product-recommendations", ["SKU-1"]);
        var closed = Started(header: Header("closed"));
        closed.Close(Min(1), ClosedBy.Visitor);
        Action call = check switch
        {
            "shopper-text" => () => c.RecordShopperMessage(Min(2), " "),
            "agent-text" => () => c.RecordAgentMessage(Min(2), "", "general-qa"),
            "agent-skill" => () => c.RecordAgentMessage(Min(2), "ok", " "),
            "product" => () => c.RecordAgentMessage(Min(2), "ok", "general-qa", ["SKU-2", " "]),
            "click" => () => c.RecordProductCardClick(Min(2), " "),
            "tag" => () => c.ApplyTag(Min(2), ""),
            "start-text" => () => Conversation.Start(Header(), T0, " "),
            "channel" => () => Header(channel: (Channel)9),
            "mode" => () => Header(mode: (ConversationMode)9),
            "close-by" => () => c.Close(Min(2), (ClosedBy)9),
            "start-at" => () => Conversation.Start(Header(), Instant.MinValue, "hi"),
            "shopper-at" => () => c.RecordShopperMessage(Instant.MaxValue, "hi"),
            "late-message" => () => closed.RecordShopperMessage(Min(2), "hi"),
            "late-handoff" => () => closed.TriggerHandoff(Min(2), HandoffKind.CustomMessage, HandoffMode.Hard, HandoffReason.ExplicitAsk),
            "late-offer" => () => closed.OfferSupportTicket(Min(2), HandoffMode.Hard, HandoffReason.ExplicitAsk),
            "late-answer" => () => closed.AnswerSupportTicketOffer(Min(2), true),
            "late-close" => () => closed.Close(Min(2), ClosedBy.Host),
            "timeline-channel" => () => AgentSwitchTimeline.Create(AccountId.From("a"), [new AgentSwitchChange(T0, (Channel)9, true)]),
            _ => () => AgentSwitchTimeline.Create(AccountId.From("a"), [new AgentSwitchChange(Instant.MaxValue, Channel.Sms, true)]),
        };

        var ex = Assert.Throws<CustomerAgentException>(call);

        Assert.Equal(field, ex.Field);
        Assert.Equal(rule, ex.Rule);
        Assert.StartsWith($"{rule}: {field} = ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_explanations_say_what_happened()
    {
        var c = Started();
        var h3 = Assert.Throws<CustomerAgentException>(() => c.AnswerSupportTicketOffer(Min(1), true));
        Assert.Contains("no pending support-ticket offer", h3.Message, StringComparison.Ordinal);
        Assert.Equal("yes", h3.Value);
        Assert.Equal("no", Assert.Throws<CustomerAgentException>(() => c.AnswerSupportTicketOffer(Min(1), false)).Value);

        c.Close(Min(1), ClosedBy.Visitor);
        var d2 = Assert.Throws<CustomerAgentException>(() => c.RecordShopperMessage(Min(2), "hi"));
        Assert.Contains("closed by the visitor", d2.Message, StringComparison.Ordinal);

        var idle = Started(header: Header("idle"));
        var inactive = Assert.Throws<CustomerAgentException>(() => idle.RecordShopperMessage(T0 + FortyEightHours, "hi"));
        Assert.Contains("closed by inactivity", inactive.Message, StringComparison.Ordinal);
        Assert.Contains("2:00:00:00", inactive.Message, StringComparison.Ordinal);

        var h1 = Assert.Throws<CustomerAgentException>(() => idle.RecordShopperMessage(T0 - Duration.Epsilon, "hi"));
        Assert.Contains("earlier than the previous activity", h1.Message, StringComparison.Ordinal);
        var policy = Assert.Throws<CustomerAgentException>(() => ConversationPolicy.Create(Duration.Zero));
        Assert.Contains("must be from 0:00:01:00 to 30:00:00:00", policy.Message, StringComparison.Ordinal);
        var governs = Assert.Throws<CustomerAgentException>(() => new ConversationClassifier(ConversationPolicy.Create(Duration.FromHours(1))).Classify(idle, T0));
        Assert.Contains("ConversationClassifier", governs.Message, StringComparison.Ordinal);
        Assert.Equal("ConversationPolicy(autoCloseAfter: 2:00:00:00)", governs.Value);
    }

    [Fact]
    public void Descriptions_say_what_they_hold_without_personal_data()
    {
        var profile = Profile.Create(name: "Ann", email: "ann@example.com", phoneNumber: "+33612345678", externalId: "crm-1", anonymousId: "kx");
        var header = Header("conv-9", Channel.Sms, ConversationMode.Preview, profile);
        var c = Conversation.Start(header, T0, "hi");
        c.RecordAgentMessage(Min(1), "These", "product-recommendations", ["SKU-1", "SKU-2"]);

        Assert.Equal("Profile(name: set, email: a***@***.com, phone: +*********78, externalId: crm-1, anonymousId: kx)", profile.ToString());
        Assert.Equal("Profile(name: -, email: -, phone: -, externalId: -, anonymousId: kx)", Profile.Create(anonymousId: "kx").ToString());
        Assert.Equal("Conversation conv-9 (account acct-1, Sms, Preview)", header.ToString());
        Assert.Equal("Conversation conv-9 (account acct-1, Sms, Preview) with 2 activities", c.ToString());
        Assert.Equal("AgentMessageSent { At = 2026-06-07T10:01:00Z, Text = These, Skill = product-recommendations, Products = [SKU-1, SKU-2] }", c.History[1].ToString());
        Assert.Equal("ConversationPolicy(autoCloseAfter: 2:00:00:00)", ConversationPolicy.Default.ToString());

        var live = Conversation.Start(Header("conv-8", profile: Profile.Create(email: "bo@example.com")), T0, "hi");
        live.RecordAgentMessage(Min(1), "These", "product-recommendations", ["SKU-1"]);
        var e = MetricEventFactory.Default.EventsAsOf(live, Min(1))[1];
        Assert.Equal("Received Product Recommendation from Customer Agent [acct-1:conv-8:recommendation:1] at 2026-06-07T10:01:00Z on web-chat for MetricProfile(email: b***@***.com, phone: -, externalId: -, anonymousId: -)", e.ToString());
        Assert.Equal("MetricEventBatch(account acct-1, 2 events)", MetricEventBatch.Create(MetricEventFactory.Default.EventsAsOf(live, Min(1))).ToString());
        var timeline = AgentSwitchTimeline.Empty(AccountId.From("acct-1")).Enable(Channel.WebChat, Min(1)).Disable(Channel.WebChat, Min(2));
        var result = MetricEventFactory.Default.EventsAsOf(live, timeline, Min(5));
        Assert.Equal("EventCollectionResult(1 collected, 1 not collected)", result.ToString());
        Assert.Equal("AgentSwitchTimeline(account acct-1, 2 changes)", timeline.ToString());
        Assert.Equal("R12: not collected: the agent had never been enabled on web-chat by 2026-06-07T10:00:00Z", timeline.Check(Channel.WebChat, T0).Explanation);
        Assert.Equal("R12: not collected: the agent is disabled on web-chat since 2026-06-07T10:02:00Z (checked at 2026-06-07T10:03:00Z); data collected before stays", timeline.Check(Channel.WebChat, Min(3)).ToString());
        Assert.Contains("R20", DataCollectionSwitch.Instance.Check(AgentSwitchTimeline.Empty(AccountId.From("acct-1")), header, T0).Explanation, StringComparison.Ordinal);
        Assert.Equal("R20", DataCollectionSwitch.Instance.Check(AgentSwitchTimeline.Empty(AccountId.From("acct-1")), header, T0).Rule);
    }

    [Fact]
    public void Ids_hash_by_value_and_default_ids_hash_to_zero()
    {
        Assert.Equal(0, default(AccountId).GetHashCode());
        Assert.Equal(0, default(ConversationId).GetHashCode());
        Assert.Equal(AccountId.From("abc").GetHashCode(), AccountId.From(new StringBuilder("ab").Append('c').ToString()).GetHashCode());
        Assert.NotEqual(0, AccountId.From("abc").GetHashCode());
        Assert.NotEqual(0, ConversationId.From("abc").GetHashCode());
        Assert.Equal(string.Empty, default(ConversationId).Value);
        Assert.Equal(string.Empty, default(AccountId).ToString());
        Assert.Equal("ID", Assert.Throws<CustomerAgentException>(() => AccountId.From(" ")).Rule);
        Assert.Equal("accountId", Assert.Throws<CustomerAgentException>(() => AccountId.From(" ")).Field);
        Assert.Equal("conversationId", Assert.Throws<CustomerAgentException>(() => ConversationId.From("")).Field);
    }

    [Fact]
    public void Agent_messages_compare_by_every_member_and_products_by_value()
    {
        var a = new AgentMessageSent(T0, "t", "s", ["SKU-1"]);
        Assert.Equal(a, new AgentMessageSent(T0, "t", "s", ["SKU-1"]));
        Assert.Equal(a.GetHashCode(), new AgentMessageSent(T0, "t", "s", ["SKU-1"]).GetHashCode());
        Assert.NotEqual(a, new AgentMessageSent(T0 + Duration.Epsilon, "t", "s", ["SKU-1"]));
        Assert.NotEqual(a, new AgentMessageSent(T0, "u", "s", ["SKU-1"]));
        Assert.NotEqual(a, new AgentMessageSent(T0, "t", "x", ["SKU-1"]));
        Assert.NotEqual(a, new AgentMessageSent(T0, "t", "s", ["SKU-2"]));
        Assert.NotEqual(a, new AgentMessageSent(T0, "t", "s", null!));
        Assert.NotEqual(new AgentMessageSent(T0, "t", "s", null!), a);
        Assert.Equal(new AgentMessageSent(T0, "t", "s", null!), new AgentMessageSent(T0, "t", "s", null!));
        Assert.False(a.Equals(null));
        Assert.Equal(new AgentMessageSent(T0, "t", "s", null!).GetHashCode(), new AgentMessageSent(T0, "t", "s", []).GetHashCode());
        Assert.Equal("AgentMessageSent { At = 2026-06-07T10:00:00Z, Text = t, Skill = s, Products = [] }", new AgentMessageSent(T0, "t", "s", null!).ToString());

        var p = Profile.Create(name: "A", email: "a@example.com", phoneNumber: "+33612345678", externalId: "x", anonymousId: "y");
        Assert.Equal(p, Profile.Create(name: "A", email: "a@example.com", phoneNumber: "+33612345678", externalId: "x", anonymousId: "y"));
        Assert.Equal(p.GetHashCode(), Profile.Create(name: "A", email: "a@example.com", phoneNumber: "+33612345678", externalId: "x", anonymousId: "y").GetHashCode());
        Assert.NotEqual(p, Profile.Create(name: "B", email: "a@example.com", phoneNumber: "+33612345678", externalId: "x", anonymousId: "y"));
        Assert.NotEqual(p, Profile.Create(name: "A", email: "b@example.com", phoneNumber: "+33612345678", externalId: "x", anonymousId: "y"));
        Assert.NotEqual(p, Profile.Create(name: "A", email: "a@example.com", phoneNumber: "+33612345679", externalId: "x", anonymousId: "y"));
        Assert.NotEqual(p, Profile.Create(name: "A", email: "a@example.com", phoneNumber: "+33612345678", externalId: "z", anonymousId: "y"));
        Assert.NotEqual(p, Profile.Create(name: "A", email: "a@example.com", phoneNumber: "+33612345678", externalId: "x", anonymousId: "z"));
        Assert.False(p.Equals(null));
        Assert.False(p.Equals((object)"A"));
        Assert.Same(Profile.Anonymous, Profile.Create(name: " ", email: "", phoneNumber: null, externalId: " ", anonymousId: ""));
        Assert.NotSame(Profile.Anonymous, Profile.Create(anonymousId: "kx"));
    }

    /// <summary>
    /// The activity-log reader's values are UTF-8 bytes: the core's blank check on bytes (H4, ID) says what
    /// <see cref="string.IsNullOrWhiteSpace"/> says of their text, for every character and for invalid bytes, allocates
    /// nothing, and words its rejection as the check on strings does.
    /// </summary>
    [Fact]
    public void H4_ID_a_utf8_value_is_blank_exactly_when_its_text_is_and_is_rejected_in_the_same_words()
    {
        var samples = new List<byte[]>();
        for (var c = 0; c <= 0xFFFF; c++)
        {
            if (!char.IsSurrogate((char)c))
            {
                samples.Add(Encoding.UTF8.GetBytes(((char)c).ToString()));
            }
        }

        string[] texts = ["", " ", "\t\n\r\v\f", " \u3000\u00A0\u0085\u2028\u2029\u1680 ", "\u200B", "\uFEFF", " x ", "\U0001F600", " \U0001F600", "\u001F", "\u3000x"];
        samples.AddRange(texts.Select(Encoding.UTF8.GetBytes));
        samples.AddRange([[0x20, 0xFF], [0xC3], [0x20, 0xE3, 0x80], [0xED, 0xA0, 0x80], [0xE3, 0x80, 0x80, 0x80]]);
        Assert.All(samples, s => Assert.Equal(string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(s)), Preconditions.IsBlank(s)));

        var blank = Encoding.UTF8.GetBytes(" \u3000\u2028 ");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var blanks = 0;
        for (var i = 0; i < 100; i++)
        {
            blanks += Preconditions.IsBlank(blank) ? 1 : 0;
            Preconditions.CheckText("h\u00e9llo"u8, "text", "H4");
        }

        Assert.Equal((100, 0L), (blanks, GC.GetAllocatedBytesForCurrentThread() - before));
        Assert.Equal(
            Assert.Throws<CustomerAgentException>(() => Preconditions.CheckText(" \u3000", "text", "H4")).Message,
            Assert.Throws<CustomerAgentException>(() => Preconditions.CheckText(Encoding.UTF8.GetBytes(" \u3000"), "text", "H4")).Message);
        var element = Assert.Throws<CustomerAgentException>(() => Preconditions.CheckText(" "u8, "products", 2, "H4"));
        Assert.Equal(("H4", "products[2]", "H4: products[2] = ' ' must be a non-empty, non-blank string."), (element.Rule, element.Field, element.Message));
        Assert.Equal("ID: account = '' must be a non-empty, non-blank string.", Assert.Throws<CustomerAgentException>(() => Preconditions.CheckText(""u8, "account", "ID")).Message);
    }
}
