using System.Text;
using CustomerAgent.Attribution;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Segments;
using NodaTime;

namespace CustomerAgent.Serialization;

/// <summary>The vendor API's wire names for the SDK's enumerations, and their parsing.</summary>
/// <remarks>
/// The one home of the wire names: the domain folders never use it (docs/architecture.md). Where a domain message names a
/// channel, a status or a touchpoint it uses the same words, kept with the domain (<c>ChannelWords</c>, <c>StatusWords</c>,
/// <c>TouchpointWords</c>), which a test pins to these names. The activity-log reader parses its lines' names here too, on
/// their UTF-8 bytes (internal overloads that allocate nothing unless they reject), so an unknown name gets the rule's
/// exception from this one home (R1, R2, R3, R8, R13, R17, R20).
/// </remarks>
public static class ApiNames
{
    /// <summary>The API name of a channel: <c>web-chat</c>, <c>sms</c>, <c>email</c> or <c>whatsapp</c>.</summary>
    /// <exception cref="CustomerAgentException">The value is not a defined channel.</exception>
    public static string ToApiName(this Channel channel) => ChannelWords.Of(channel);

    /// <summary>The API name of a status: <c>open</c>, <c>resolved-by-ai</c>, <c>routed-to-team</c> or <c>closed</c> (D3).</summary>
    /// <exception cref="CustomerAgentException">The value is not a defined status.</exception>
    public static string ToApiName(this ConversationStatus status) => StatusWords.Of(status);

    /// <summary>The API name of a handoff mode: <c>hard</c>, <c>soft</c> or <c>silent</c>.</summary>
    /// <exception cref="CustomerAgentException">The value is not a defined mode.</exception>
    public static string ToApiName(this HandoffMode mode) => mode switch
    {
        HandoffMode.Hard => "hard",
        HandoffMode.Soft => "soft",
        HandoffMode.Silent => "silent",
        _ => throw Undefined(mode, "mode"),
    };

    /// <summary>The API name of a handoff reason: the vendor's categories plus <c>knowledge-gap</c> (seed 001).</summary>
    /// <exception cref="CustomerAgentException">The value is not a defined reason.</exception>
    public static string ToApiName(this HandoffReason reason) => reason switch
    {
        HandoffReason.KnowledgeGap => "knowledge-gap",
        HandoffReason.ExplicitAsk => "explicit-ask",
        HandoffReason.EscalationRule => "escalation-rule",
        HandoffReason.UnintelligibleInput => "unintelligible-input",
        HandoffReason.BadBillingState => "bad-billing-state",
        _ => throw Undefined(reason, "reason"),
    };

    /// <summary>The API name of a touchpoint: <c>sms-click</c>, <c>sms-open</c>, <c>sms-delivery</c>, <c>email-click</c>, <c>email-open</c>, <c>push-open</c>, <c>whatsapp-click</c>, <c>whatsapp-open</c>.</summary>
    /// <exception cref="CustomerAgentException">The touchpoint is undefined (R17).</exception>
    public static string ToApiName(this Touchpoint touchpoint) => TouchpointWords.Of(touchpoint);

    /// <summary>Parses a channel's API name (exact, lower case).</summary>
    /// <exception cref="CustomerAgentException">The name is not one of the four channel names.</exception>
    public static Channel ParseChannel(string name) => name switch
    {
        "web-chat" => Channel.WebChat,
        "sms" => Channel.Sms,
        "email" => Channel.Email,
        "whatsapp" => Channel.WhatsApp,
        _ => throw new CustomerAgentException("R1", "channel", name, "is not one of web-chat, sms, email, whatsapp"),
    };

    /// <summary>Parses a status's API name (exact, lower case).</summary>
    /// <exception cref="CustomerAgentException">The name is not one of the four status names.</exception>
    public static ConversationStatus ParseStatus(string name) => name switch
    {
        "open" => ConversationStatus.Open,
        "resolved-by-ai" => ConversationStatus.ResolvedByAi,
        "routed-to-team" => ConversationStatus.NotResolvedByAi,
        "closed" => ConversationStatus.Closed,
        _ => throw new CustomerAgentException("D3", "status", name, "is not one of open, resolved-by-ai, routed-to-team, closed"),
    };

    /// <summary>Parses a handoff mode's API name (exact, lower case).</summary>
    /// <exception cref="CustomerAgentException">The name is not one of hard, soft, silent.</exception>
    public static HandoffMode ParseHandoffMode(string name) => name switch
    {
        "hard" => HandoffMode.Hard,
        "soft" => HandoffMode.Soft,
        "silent" => HandoffMode.Silent,
        _ => throw new CustomerAgentException("R3", "mode", name, "is not one of hard, soft, silent"),
    };

    /// <summary>Parses a handoff reason's API name (exact, lower case).</summary>
    /// <exception cref="CustomerAgentException">The name is not one of the five reasons.</exception>
    public static HandoffReason ParseHandoffReason(string name) => name switch
    {
        "knowledge-gap" => HandoffReason.KnowledgeGap,
        "explicit-ask" => HandoffReason.ExplicitAsk,
        "escalation-rule" => HandoffReason.EscalationRule,
        "unintelligible-input" => HandoffReason.UnintelligibleInput,
        "bad-billing-state" => HandoffReason.BadBillingState,
        _ => throw new CustomerAgentException("R8", "reason", name, "is not one of knowledge-gap, explicit-ask, escalation-rule, unintelligible-input, bad-billing-state"),
    };

    /// <summary>The name of a follow-up flow's re-entry setting (R22): <c>every-trigger</c>, <c>when-not-in-flow</c> or <c>once</c>.</summary>
    /// <exception cref="CustomerAgentException">The value is undefined.</exception>
    public static string ToApiName(this FollowUpReEntry reEntry) => Preconditions.CheckDefined(reEntry, "reEntry", "R22") switch
    {
        FollowUpReEntry.EveryTrigger => "every-trigger",
        FollowUpReEntry.WhenNotInFlow => "when-not-in-flow",
        _ => "once",
    };

    /// <summary>Parses a re-entry setting's name (exact, lower case), the inverse of <see cref="ToApiName(FollowUpReEntry)"/>.</summary>
    /// <exception cref="CustomerAgentException">The name is not one of every-trigger, when-not-in-flow, once (R22).</exception>
    public static FollowUpReEntry ParseFollowUpReEntry(string name) => name switch
    {
        "every-trigger" => FollowUpReEntry.EveryTrigger,
        "when-not-in-flow" => FollowUpReEntry.WhenNotInFlow,
        "once" => FollowUpReEntry.Once,
        _ => throw new CustomerAgentException("R22", "reEntry", name, "is not one of every-trigger, when-not-in-flow, once"),
    };

    /// <summary>The name of the channel a follow-up is sent by (R22): <c>email</c> or <c>sms</c>.</summary>
    /// <exception cref="CustomerAgentException">The value is undefined.</exception>
    public static string ToApiName(this FollowUpChannel channel) => Preconditions.CheckDefined(channel, "channel", "R22") switch
    {
        FollowUpChannel.Email => "email",
        _ => "sms",
    };

    /// <summary>Parses a follow-up channel's name (exact, lower case), the inverse of <see cref="ToApiName(FollowUpChannel)"/>.</summary>
    /// <exception cref="CustomerAgentException">The name is not email or sms (R22).</exception>
    public static FollowUpChannel ParseFollowUpChannel(string name) => name switch
    {
        "email" => FollowUpChannel.Email,
        "sms" => FollowUpChannel.Sms,
        _ => throw new CustomerAgentException("R22", "channel", name, "is not one of email, sms"),
    };

    /// <summary>The name of a follow-up's status: <c>sent</c> or <c>scheduled</c>.</summary>
    /// <exception cref="CustomerAgentException">The value is undefined.</exception>
    public static string ToApiName(this FollowUpSendStatus status) => Preconditions.CheckDefined(status, "status", "R22") switch
    {
        FollowUpSendStatus.Sent => "sent",
        _ => "scheduled",
    };

    /// <summary>The name of the reason a recommendation gets no follow-up: <c>placed-order</c>, <c>already-in-flow</c>, <c>already-entered</c>, <c>sent-recently</c>, <c>no-email-address</c> or <c>no-phone-number</c>.</summary>
    /// <exception cref="CustomerAgentException">The value is undefined.</exception>
    public static string ToApiName(this FollowUpSkipReason reason) => Preconditions.CheckDefined(reason, "reason", "R22") switch
    {
        FollowUpSkipReason.PlacedOrder => "placed-order",
        FollowUpSkipReason.AlreadyInFlow => "already-in-flow",
        FollowUpSkipReason.AlreadyEntered => "already-entered",
        FollowUpSkipReason.SentRecently => "sent-recently",
        FollowUpSkipReason.NoEmailAddress => "no-email-address",
        _ => "no-phone-number",
    };

    /// <summary>As <see cref="ParseChannel(string)"/> on UTF-8 bytes.</summary>
    internal static Channel ParseChannel(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("web-chat"u8) ? Channel.WebChat
        : name.SequenceEqual("sms"u8) ? Channel.Sms
        : name.SequenceEqual("email"u8) ? Channel.Email
        : name.SequenceEqual("whatsapp"u8) ? Channel.WhatsApp
        : ParseChannel(Encoding.UTF8.GetString(name));

    /// <summary>As <see cref="ParseHandoffMode(string)"/> on UTF-8 bytes.</summary>
    internal static HandoffMode ParseHandoffMode(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("hard"u8) ? HandoffMode.Hard
        : name.SequenceEqual("soft"u8) ? HandoffMode.Soft
        : name.SequenceEqual("silent"u8) ? HandoffMode.Silent
        : ParseHandoffMode(Encoding.UTF8.GetString(name));

    /// <summary>As <see cref="ParseHandoffReason(string)"/> on UTF-8 bytes.</summary>
    internal static HandoffReason ParseHandoffReason(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("knowledge-gap"u8) ? HandoffReason.KnowledgeGap
        : name.SequenceEqual("explicit-ask"u8) ? HandoffReason.ExplicitAsk
        : name.SequenceEqual("escalation-rule"u8) ? HandoffReason.EscalationRule
        : name.SequenceEqual("unintelligible-input"u8) ? HandoffReason.UnintelligibleInput
        : name.SequenceEqual("bad-billing-state"u8) ? HandoffReason.BadBillingState
        : ParseHandoffReason(Encoding.UTF8.GetString(name));

    /// <summary>A conversation's mode by its wire name, <c>live</c> or <c>preview</c> (R20: preview conversations never count).</summary>
    /// <exception cref="CustomerAgentException">Any other name (R20).</exception>
    internal static ConversationMode ParseConversationMode(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("live"u8) ? ConversationMode.Live
        : name.SequenceEqual("preview"u8) ? ConversationMode.Preview
        : throw new CustomerAgentException("R20", "mode", Encoding.UTF8.GetString(name), "is not one of live, preview");

    /// <summary>
    /// The kind of an immediate handoff by its wire name: <c>custom-message</c>, <c>transfer-to-human</c> or
    /// <c>custom-closing-message</c> (R3). A support ticket is never an immediate handoff (H3): it is offered and answered (R4).
    /// </summary>
    /// <exception cref="CustomerAgentException">Any other name (R3).</exception>
    internal static HandoffKind ParseHandoffKind(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("custom-message"u8) ? HandoffKind.CustomMessage
        : name.SequenceEqual("transfer-to-human"u8) ? HandoffKind.TransferToHuman
        : name.SequenceEqual("custom-closing-message"u8) ? HandoffKind.CustomClosingMessage
        : throw new CustomerAgentException("R3", "kind", Encoding.UTF8.GetString(name), "is not one of custom-message, transfer-to-human, custom-closing-message (tickets use ticket-offer and ticket-answer)");

    /// <summary>Who closed a conversation explicitly, by wire name: <c>visitor</c> or <c>host</c> (R2 c; inactivity is no explicit close).</summary>
    /// <exception cref="CustomerAgentException">Any other name (R2).</exception>
    internal static ClosedBy ParseClosedBy(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("visitor"u8) ? ClosedBy.Visitor
        : name.SequenceEqual("host"u8) ? ClosedBy.Host
        : throw new CustomerAgentException("R2", "by", Encoding.UTF8.GetString(name), "is not one of visitor, host");

    /// <summary>A touch's channel by wire name: <c>sms</c>, <c>email</c>, <c>push</c> or <c>whatsapp</c> (R17).</summary>
    /// <exception cref="CustomerAgentException">Any other name (R17).</exception>
    internal static TouchChannel ParseTouchChannel(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("sms"u8) ? TouchChannel.Sms
        : name.SequenceEqual("email"u8) ? TouchChannel.Email
        : name.SequenceEqual("push"u8) ? TouchChannel.Push
        : name.SequenceEqual("whatsapp"u8) ? TouchChannel.WhatsApp
        : throw new CustomerAgentException("R17", "channel", Encoding.UTF8.GetString(name), "is not one of sms, email, push, whatsapp (a touch's channel)");

    /// <summary>A touch's kind by wire name: <c>delivery</c>, <c>open</c> or <c>click</c> (R17).</summary>
    /// <exception cref="CustomerAgentException">Any other name (R17).</exception>
    internal static TouchKind ParseTouchKind(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("delivery"u8) ? TouchKind.Delivery
        : name.SequenceEqual("open"u8) ? TouchKind.Open
        : name.SequenceEqual("click"u8) ? TouchKind.Click
        : throw new CustomerAgentException("R17", "kind", Encoding.UTF8.GetString(name), "is not one of delivery, open, click (a touch's kind)");

    /// <summary>The first day of an account's week by wire name, <c>monday</c> … <c>sunday</c> (R13: <c>this_week</c>, <c>last_week</c>).</summary>
    /// <exception cref="CustomerAgentException">Any other name (R13).</exception>
    internal static IsoDayOfWeek ParseDayOfWeek(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("monday"u8) ? IsoDayOfWeek.Monday
        : name.SequenceEqual("tuesday"u8) ? IsoDayOfWeek.Tuesday
        : name.SequenceEqual("wednesday"u8) ? IsoDayOfWeek.Wednesday
        : name.SequenceEqual("thursday"u8) ? IsoDayOfWeek.Thursday
        : name.SequenceEqual("friday"u8) ? IsoDayOfWeek.Friday
        : name.SequenceEqual("saturday"u8) ? IsoDayOfWeek.Saturday
        : name.SequenceEqual("sunday"u8) ? IsoDayOfWeek.Sunday
        : throw new CustomerAgentException("R13", "firstDayOfWeek", Encoding.UTF8.GetString(name), "is not one of monday, tuesday, wednesday, thursday, friday, saturday, sunday");

    /// <summary>
    /// As <see cref="AttributionSettings.Create"/>, with
    /// touchpoints named by their API names (<c>sms-click</c>, …; case-sensitive), as a configuration file holds them.
    /// </summary>
    /// <param name="touchpoints">The touchpoints to change, by API name.</param>
    /// <param name="webChatWindow">The web chat click window; null for 24 hours.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="touchpoints"/> is null.</exception>
    /// <exception cref="CustomerAgentException">One or more settings are invalid, including unknown names (R17); the one message lists every problem.</exception>
    public static AttributionSettings ToAttributionSettings(IEnumerable<KeyValuePair<string, TouchpointSetting>> touchpoints, Duration? webChatWindow = null)
    {
        ArgumentNullException.ThrowIfNull(touchpoints);
        return AttributionSettings.CreateNamed(
            touchpoints.Select((string? Name, Touchpoint? Touchpoint, TouchpointSetting Setting) (t) =>
                TouchpointNamed(t.Key) is { } known ? (t.Key, known, t.Value) : (CustomerAgentException.Cut(t.Key), null, t.Value)),
            webChatWindow);
    }

    private static Touchpoint? TouchpointNamed(string name)
    {
        foreach (var touchpoint in Enum.GetValues<Touchpoint>())
        {
            if (string.Equals(touchpoint.ToApiName(), name, StringComparison.Ordinal))
            {
                return touchpoint;
            }
        }

        return null;
    }

    private static CustomerAgentException Undefined<T>(T value, string field)
        where T : struct, Enum =>
        new("R1", field, value.ToString(), $"is not a defined {typeof(T).Name} value");
}
