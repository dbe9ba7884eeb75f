using System.Text;
using System.Text.RegularExpressions;
using CustomerAgent.Attribution;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Segments;
using CustomerAgent.Serialization;
using NodaTime;

namespace CustomerAgent.Tests.Serialization;

/// <summary>
/// The wire names live in <see cref="ApiNames"/>, which no domain folder uses; the domain's own messages name channels,
/// statuses and touchpoints with words kept in the domain. They are the same words.
/// </summary>
public sealed partial class ApiNamesTests
{
    [Fact]
    public void R1_R17_the_domains_messages_name_channels_statuses_and_touchpoints_by_their_api_names()
    {
        Assert.All(Enum.GetValues<Channel>(), c => Assert.Equal(c.ToApiName(), ChannelWords.Of(c)));
        Assert.All(Enum.GetValues<ConversationStatus>(), s => Assert.Equal(s.ToApiName(), StatusWords.Of(s)));
        Assert.All(Enum.GetValues<Touchpoint>(), t => Assert.Equal(t.ToApiName(), TouchpointWords.Of(t)));
        Assert.Equal(
            Assert.Throws<CustomerAgentException>(() => ((Channel)9).ToApiName()).Message,
            Assert.Throws<CustomerAgentException>(() => ChannelWords.Of((Channel)9)).Message);
        Assert.Equal(
            Assert.Throws<CustomerAgentException>(() => ((ConversationStatus)9).ToApiName()).Message,
            Assert.Throws<CustomerAgentException>(() => StatusWords.Of((ConversationStatus)9)).Message);
        Assert.Equal(
            Assert.Throws<CustomerAgentException>(() => ((Touchpoint)9).ToApiName()).Message,
            Assert.Throws<CustomerAgentException>(() => TouchpointWords.Of((Touchpoint)9)).Message);
    }

    [GeneratedRegex("(?<=[a-z])(?=[A-Z])")]
    private static partial Regex WordStart();

    /// <summary>An enumeration value's wire name: its name in lower case (<c>WhatsApp</c> → <c>whatsapp</c>).</summary>
    private static byte[] Wire<T>(T value)
        where T : struct, Enum => Encoding.UTF8.GetBytes(value.ToString().ToLowerInvariant());

    /// <summary>A handoff kind's wire name: its words in lower case joined by '-' (<c>CustomClosingMessage</c> → <c>custom-closing-message</c>).</summary>
    private static byte[] Wire(HandoffKind kind) => Encoding.UTF8.GetBytes(WordStart().Replace(kind.ToString(), "-").ToLowerInvariant());

    private static string Rejection(Action parse) => Assert.Throws<CustomerAgentException>(parse).Message;

    /// <summary>The reader parses on UTF-8 bytes: every API name parses to its value, and any other name is rejected in the string parser's words.</summary>
    [Fact]
    public void R22_the_follow_up_flows_names_are_one_per_value_parse_back_and_other_names_or_values_are_rejected_by_R22()
    {
        Assert.Equal(["every-trigger", "when-not-in-flow", "once"], Enum.GetValues<FollowUpReEntry>().Select(r => r.ToApiName()));
        Assert.All(Enum.GetValues<FollowUpReEntry>(), r => Assert.Equal(r, ApiNames.ParseFollowUpReEntry(r.ToApiName())));
        Assert.Equal(["email", "sms"], Enum.GetValues<FollowUpChannel>().Select(c => c.ToApiName()));
        Assert.All(Enum.GetValues<FollowUpChannel>(), c => Assert.Equal(c, ApiNames.ParseFollowUpChannel(c.ToApiName())));
        Assert.Equal(["sent", "scheduled"], Enum.GetValues<FollowUpSendStatus>().Select(s => s.ToApiName()));
        Assert.Equal(
            ["placed-order", "already-in-flow", "already-entered", "sent-recently", "no-email-address", "no-phone-number"],
            Enum.GetValues<FollowUpSkipReason>().Select(r => r.ToApiName()));

        var every = Assert.Throws<CustomerAgentException>(() => ApiNames.ParseFollowUpReEntry("every"));
        Assert.Equal(("R22", "reEntry", "every"), (every.Rule, every.Field, every.Value));
        var email = Assert.Throws<CustomerAgentException>(() => ApiNames.ParseFollowUpChannel("Email"));
        Assert.Equal(("R22", "channel", "Email"), (email.Rule, email.Field, email.Value));
        Assert.Equal("R22", Assert.Throws<CustomerAgentException>(() => ((FollowUpReEntry)9).ToApiName()).Rule);
        Assert.Equal("R22", Assert.Throws<CustomerAgentException>(() => ((FollowUpChannel)9).ToApiName()).Rule);
        Assert.Equal("R22", Assert.Throws<CustomerAgentException>(() => ((FollowUpSendStatus)9).ToApiName()).Rule);
        Assert.Equal("R22", Assert.Throws<CustomerAgentException>(() => ((FollowUpSkipReason)99).ToApiName()).Rule);
    }

    [Fact]
    public void R1_R3_R8_the_utf8_parsers_read_every_api_name_and_reject_others_as_the_string_parsers_do()
    {
        Assert.All(Enum.GetValues<Channel>(), c => Assert.Equal(c, ApiNames.ParseChannel(Encoding.UTF8.GetBytes(c.ToApiName()))));
        Assert.All(Enum.GetValues<HandoffMode>(), m => Assert.Equal(m, ApiNames.ParseHandoffMode(Encoding.UTF8.GetBytes(m.ToApiName()))));
        Assert.All(Enum.GetValues<HandoffReason>(), r => Assert.Equal(r, ApiNames.ParseHandoffReason(Encoding.UTF8.GetBytes(r.ToApiName()))));
        foreach (var name in new[] { string.Empty, " ", "Web-Chat", "sms ", "hard\u0000", "\u00e9", new string('x', 300) })
        {
            var bytes = Encoding.UTF8.GetBytes(name);
            Assert.Equal(Rejection(() => ApiNames.ParseChannel(name)), Rejection(() => ApiNames.ParseChannel(bytes)));
            Assert.Equal(Rejection(() => ApiNames.ParseHandoffMode(name)), Rejection(() => ApiNames.ParseHandoffMode(bytes)));
            Assert.Equal(Rejection(() => ApiNames.ParseHandoffReason(name)), Rejection(() => ApiNames.ParseHandoffReason(bytes)));
        }
    }

    /// <summary>
    /// The names only the activity log writes (a conversation's mode, a handoff's kind, who closed, a touch's channel and
    /// kind, the first day of the week): each value's name parses to it, anything else is rejected by its rule. A support
    /// ticket is never an immediate handoff (H3), so it has no handoff kind name.
    /// </summary>
    [Fact]
    public void R2_R3_R13_R17_R20_the_activity_logs_names_parse_to_their_values_and_other_names_are_rejected_by_their_rule()
    {
        Assert.All(Enum.GetValues<ConversationMode>(), m => Assert.Equal(m, ApiNames.ParseConversationMode(Wire(m))));
        Assert.All(Enum.GetValues<HandoffKind>().Where(k => k != HandoffKind.SupportTicket), k => Assert.Equal(k, ApiNames.ParseHandoffKind(Wire(k))));
        Assert.All(Enum.GetValues<ClosedBy>(), b => Assert.Equal(b, ApiNames.ParseClosedBy(Wire(b))));
        Assert.All(Enum.GetValues<TouchChannel>(), c => Assert.Equal(c, ApiNames.ParseTouchChannel(Wire(c))));
        Assert.All(Enum.GetValues<TouchKind>(), k => Assert.Equal(k, ApiNames.ParseTouchKind(Wire(k))));
        Assert.All(Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None), d => Assert.Equal(d, ApiNames.ParseDayOfWeek(Wire(d))));

        Assert.Equal("R20: mode = 'Live' is not one of live, preview.", Rejection(() => ApiNames.ParseConversationMode("Live"u8)));
        Assert.Equal(
            "R3: kind = 'support-ticket' is not one of custom-message, transfer-to-human, custom-closing-message (tickets use ticket-offer and ticket-answer).",
            Rejection(() => ApiNames.ParseHandoffKind(Wire(HandoffKind.SupportTicket))));
        Assert.Equal("R2: by = 'inactivity' is not one of visitor, host.", Rejection(() => ApiNames.ParseClosedBy("inactivity"u8)));
        Assert.Equal("R17: channel = 'web-chat' is not one of sms, email, push, whatsapp (a touch's channel).", Rejection(() => ApiNames.ParseTouchChannel("web-chat"u8)));
        Assert.Equal("R17: kind = 'bounce' is not one of delivery, open, click (a touch's kind).", Rejection(() => ApiNames.ParseTouchKind("bounce"u8)));
        Assert.Equal(
            "R13: firstDayOfWeek = 'none' is not one of monday, tuesday, wednesday, thursday, friday, saturday, sunday.",
            Rejection(() => ApiNames.ParseDayOfWeek(Wire(IsoDayOfWeek.None))));
        Assert.Contains("…(+200 chars)' is not one of delivery", Rejection(() => ApiNames.ParseTouchKind(Encoding.UTF8.GetBytes(new string('x', 300)))), StringComparison.Ordinal);
    }

    /// <summary>H4: an undefined value gets the rule's exception naming the field and the value, on every entry point.</summary>
    [Fact]
    public void H4_R1_R22_an_undefined_value_is_rejected_naming_its_field_and_value()
    {
        static (string Rule, string Field, string? Value) Rejected(Action name, string? message = null)
        {
            var ex = Assert.Throws<CustomerAgentException>(name);
            if (message is not null)
            {
                Assert.Equal(message, ex.Message);
            }

            return (ex.Rule, ex.Field, ex.Value);
        }

        Assert.Equal(("R1", "mode", "9"), Rejected(() => ((HandoffMode)9).ToApiName(), "R1: mode = '9' is not a defined HandoffMode value."));
        Assert.Equal(("R1", "reason", "9"), Rejected(() => ((HandoffReason)9).ToApiName(), "R1: reason = '9' is not a defined HandoffReason value."));
        Assert.Equal(("R22", "reEntry", "9"), Rejected(() => ((FollowUpReEntry)9).ToApiName()));
        Assert.Equal(("R22", "channel", "9"), Rejected(() => ((FollowUpChannel)9).ToApiName()));
        Assert.Equal(("R22", "status", "9"), Rejected(() => ((FollowUpSendStatus)9).ToApiName()));
        Assert.Equal(("R22", "reason", "99"), Rejected(() => ((FollowUpSkipReason)99).ToApiName()));
    }

    /// <summary>
    /// R1, R3, R8: the activity log reader parses a known channel, mode or reason on its UTF-8 bytes without allocating (the
    /// class's remarks: the overloads allocate nothing unless they reject); only a rejection builds a string.
    /// </summary>
    [Fact]
    public void R1_R3_R8_the_utf8_parsers_allocate_nothing_for_a_known_name()
    {
        byte[][] channels = [.. new[] { "web-chat", "sms", "email", "whatsapp" }.Select(Encoding.UTF8.GetBytes)];
        byte[][] modes = [.. new[] { "hard", "soft", "silent" }.Select(Encoding.UTF8.GetBytes)];
        byte[][] reasons = [.. new[] { "knowledge-gap", "explicit-ask", "escalation-rule", "unintelligible-input", "bad-billing-state" }.Select(Encoding.UTF8.GetBytes)];
        var parsed = 0;
        void ParseAll()
        {
            foreach (var c in channels)
            {
                parsed += (int)ApiNames.ParseChannel(c.AsSpan());
            }

            foreach (var m in modes)
            {
                parsed += (int)ApiNames.ParseHandoffMode(m.AsSpan());
            }

            foreach (var r in reasons)
            {
                parsed += (int)ApiNames.ParseHandoffReason(r.AsSpan());
            }
        }

        ParseAll();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            ParseAll();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(101 * ((0 + 1 + 2 + 3) + (0 + 1 + 2) + (0 + 1 + 2 + 3 + 4)), parsed);
        Assert.Equal(0L, allocated);
    }

    [Fact]
    public void R17_attribution_settings_by_api_name_need_the_touchpoints()
    {
        Assert.Equal("touchpoints", Assert.Throws<ArgumentNullException>(() => ApiNames.ToAttributionSettings(null!)).ParamName);
    }
}
