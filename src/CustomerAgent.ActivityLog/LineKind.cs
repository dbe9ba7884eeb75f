namespace CustomerAgent.ActivityLog;

/// <summary>The <c>type</c> of an activity-log line (docs/activity-log.md).</summary>
public enum LineKind
{
    /// <summary><c>shopper-message</c>: the shopper wrote; the first line of a conversation opens it (R6).</summary>
    ShopperMessage = 0,

    /// <summary><c>agent-message</c>: the agent answered with a skill, maybe recommending products (R9, R10).</summary>
    AgentMessage = 1,

    /// <summary><c>product-click</c>: the shopper clicked a recommended product card (R16, H2).</summary>
    ProductClick = 2,

    /// <summary><c>tag</c>: a topic tag was applied (R10).</summary>
    Tag = 3,

    /// <summary><c>handoff</c>: an immediate handoff (R2 b, R3).</summary>
    Handoff = 4,

    /// <summary><c>ticket-offer</c>: the agent offered a support ticket (R4).</summary>
    TicketOffer = 5,

    /// <summary><c>ticket-answer</c>: the shopper answered the ticket offer (R4).</summary>
    TicketAnswer = 6,

    /// <summary><c>close</c>: the visitor or the host closed the conversation (R2 c).</summary>
    Close = 7,

    /// <summary><c>account-settings</c>: an account's time zone, first day of the week and attribution settings (R13, R17).</summary>
    AccountSettings = 8,

    /// <summary><c>agent-switch</c>: the agent was enabled or disabled on a channel (R12).</summary>
    AgentSwitch = 9,

    /// <summary><c>order</c>: a shopper placed an order (R15 4, D5).</summary>
    Order = 10,

    /// <summary><c>touch</c>: an SMS, email, push or WhatsApp message reached a shopper (R17).</summary>
    Touch = 11,
}
