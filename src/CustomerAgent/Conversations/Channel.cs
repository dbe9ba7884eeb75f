namespace CustomerAgent.Conversations;

/// <summary>The channel a conversation runs on. API names: <c>web-chat</c>, <c>sms</c>, <c>email</c>, <c>whatsapp</c>.</summary>
public enum Channel
{
    /// <summary>The web chat widget (<c>web-chat</c>).</summary>
    WebChat = 0,

    /// <summary>SMS (<c>sms</c>).</summary>
    Sms = 1,

    /// <summary>Email (<c>email</c>).</summary>
    Email = 2,

    /// <summary>WhatsApp (<c>whatsapp</c>).</summary>
    WhatsApp = 3,
}
