namespace CustomerAgent.Attribution;

/// <summary>
/// The touchpoints an account's attribution settings name (R17), each with its own switch and window. A touch whose
/// channel and kind form no touchpoint (a push click, an email delivery) never wins the last touch.
/// </summary>
public enum Touchpoint
{
    /// <summary>SMS click (<c>sms-click</c>), default window 5 days.</summary>
    SmsClick = 0,

    /// <summary>SMS open (<c>sms-open</c>), default window 1 day.</summary>
    SmsOpen = 1,

    /// <summary>SMS delivery (<c>sms-delivery</c>), default window 12 hours.</summary>
    SmsDelivery = 2,

    /// <summary>Email click (<c>email-click</c>), default window 5 days.</summary>
    EmailClick = 3,

    /// <summary>Email open (<c>email-open</c>), default window 5 days.</summary>
    EmailOpen = 4,

    /// <summary>Push open (<c>push-open</c>), default window 24 hours.</summary>
    PushOpen = 5,

    /// <summary>WhatsApp click (<c>whatsapp-click</c>), default window 5 days.</summary>
    WhatsAppClick = 6,

    /// <summary>WhatsApp open (<c>whatsapp-open</c>), default window 12 hours.</summary>
    WhatsAppOpen = 7,
}
