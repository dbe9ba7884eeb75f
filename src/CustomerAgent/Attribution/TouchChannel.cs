namespace CustomerAgent.Attribution;

/// <summary>The channel a marketing or agent message reached the shopper on (R17). Web chat is not a touch channel: its clicks are R16's.</summary>
public enum TouchChannel
{
    /// <summary>SMS.</summary>
    Sms = 0,

    /// <summary>Email.</summary>
    Email = 1,

    /// <summary>Mobile push notification.</summary>
    Push = 2,

    /// <summary>WhatsApp.</summary>
    WhatsApp = 3,
}
