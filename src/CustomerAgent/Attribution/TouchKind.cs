namespace CustomerAgent.Attribution;

/// <summary>What the shopper did with a message (R17). At equal instants a stronger kind wins the last touch: click, then open, then delivery.</summary>
public enum TouchKind
{
    /// <summary>The message was delivered (received).</summary>
    Delivery = 0,

    /// <summary>The shopper opened it.</summary>
    Open = 1,

    /// <summary>The shopper clicked a link in it.</summary>
    Click = 2,
}
