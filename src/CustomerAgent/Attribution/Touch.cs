using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Attribution;

/// <summary>
/// A message that reached the shopper (R17): the shopper, the channel, what happened (delivery, open, click), when, and
/// whether it came from the Customer Agent (with its conversation) or from anything else (a campaign, a flow).
/// </summary>
/// <remarks>Immutable and thread-safe. Built through <see cref="FromCustomerAgent"/> or <see cref="FromCampaign"/>, which validate every field.</remarks>
public sealed class Touch
{
    private Touch(ShopperIdentity shopper, TouchChannel channel, TouchKind kind, Instant at, ConversationId conversation)
    {
        Shopper = shopper;
        Channel = channel;
        Kind = kind;
        At = at;
        AgentConversation = conversation;
        Touchpoint = TouchpointOf(channel, kind);
    }

    /// <summary>The shopper touched (and so the account).</summary>
    public ShopperIdentity Shopper { get; }

    /// <summary>The merchant account (the shopper's).</summary>
    public AccountId AccountId => Shopper.AccountId;

    /// <summary>The channel.</summary>
    public TouchChannel Channel { get; }

    /// <summary>Delivery, open or click.</summary>
    public TouchKind Kind { get; }

    /// <summary>When it happened; for a delivery, when the shopper received the message (the window starts here).</summary>
    public Instant At { get; }

    /// <summary>Whether the message came from the Customer Agent.</summary>
    public bool IsFromCustomerAgent => !AgentConversation.IsDefault;

    /// <summary>The Customer Agent conversation the message belongs to; <c>default</c> when <see cref="IsFromCustomerAgent"/> is false.</summary>
    public ConversationId AgentConversation { get; }

    /// <summary>The touchpoint of the attribution settings this touch falls under; null when its channel and kind form none (a push click, an email delivery), which never wins.</summary>
    public Touchpoint? Touchpoint { get; }

    /// <summary>A message the Customer Agent sent in <paramref name="conversation"/>.</summary>
    /// <exception cref="CustomerAgentException">The shopper is missing (R11), the channel or kind is undefined or the conversation
    /// is <c>default</c> (R17, ID), or the instant is outside the supported range (H6).</exception>
    public static Touch FromCustomerAgent(ShopperIdentity shopper, TouchChannel channel, TouchKind kind, Instant at, ConversationId conversation)
    {
        if (conversation.IsDefault)
        {
            throw new CustomerAgentException("ID", "touch.conversation", null, "must be set for a Customer Agent touch (default(ConversationId) names no conversation)");
        }

        return Validated(shopper, channel, kind, at, conversation);
    }

    /// <summary>A message from anything but the Customer Agent (a campaign, a flow).</summary>
    /// <exception cref="CustomerAgentException">The shopper is missing (R11), the channel or kind is undefined (R17), or the instant is outside the supported range (H6).</exception>
    public static Touch FromCampaign(ShopperIdentity shopper, TouchChannel channel, TouchKind kind, Instant at) =>
        Validated(shopper, channel, kind, at, default);

    /// <summary>The touchpoint a channel and kind form, or null when the settings have none for them.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="kind">The kind.</param>
    public static Touchpoint? TouchpointOf(TouchChannel channel, TouchKind kind) => (channel, kind) switch
    {
        (TouchChannel.Sms, TouchKind.Click) => Attribution.Touchpoint.SmsClick,
        (TouchChannel.Sms, TouchKind.Open) => Attribution.Touchpoint.SmsOpen,
        (TouchChannel.Sms, TouchKind.Delivery) => Attribution.Touchpoint.SmsDelivery,
        (TouchChannel.Email, TouchKind.Click) => Attribution.Touchpoint.EmailClick,
        (TouchChannel.Email, TouchKind.Open) => Attribution.Touchpoint.EmailOpen,
        (TouchChannel.Push, TouchKind.Open) => Attribution.Touchpoint.PushOpen,
        (TouchChannel.WhatsApp, TouchKind.Click) => Attribution.Touchpoint.WhatsAppClick,
        (TouchChannel.WhatsApp, TouchKind.Open) => Attribution.Touchpoint.WhatsAppOpen,
        _ => null,
    };

    /// <inheritdoc/>
    public override string ToString() =>
        $"Touch({Channel} {Kind} at {Preconditions.Format(At)}, {(IsFromCustomerAgent ? "agent conversation " + AgentConversation : "campaign")}, {AccountId})";

    private static Touch Validated(ShopperIdentity shopper, TouchChannel channel, TouchKind kind, Instant at, ConversationId conversation)
    {
        if (shopper is null)
        {
            throw new CustomerAgentException("R11", "touch.shopper", null, "must name the shopper the message reached (email, phone number or external ID)");
        }

        Preconditions.CheckDefined(channel, "touch.channel", "R17");
        Preconditions.CheckDefined(kind, "touch.kind", "R17");
        Preconditions.CheckInstant(at, "touch.at");
        return new Touch(shopper, channel, kind, at, conversation);
    }
}
