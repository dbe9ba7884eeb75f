namespace CustomerAgent.Attribution;

/// <summary>The rule that credited an order to the Customer Agent.</summary>
public enum AttributionRule
{
    /// <summary>R16: placed within the web chat window (24 hours) after the shopper clicked a product card in a live web chat conversation.</summary>
    WebChatClick = 0,

    /// <summary>R17: the order's last touch, across channels and inside its own window, is a Customer Agent SMS.</summary>
    SmsLastTouch = 1,
}
