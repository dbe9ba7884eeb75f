namespace CustomerAgent.Classification;

/// <summary>How a conversation came to be closed (R2 c).</summary>
public enum CloseReason
{
    /// <summary>The visitor ended it.</summary>
    Visitor = 0,

    /// <summary>The host or merchant closed it.</summary>
    Host = 1,

    /// <summary>It closed by itself after the inactivity timeout (48 hours by default) following the last message (D1).</summary>
    Inactivity = 2,
}
