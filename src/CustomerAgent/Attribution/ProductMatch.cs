namespace CustomerAgent.Attribution;

/// <summary>Whether an attributed order contains a product of the credited conversation: the direct/assisted breakdown.</summary>
public enum ProductMatch
{
    /// <summary>The order contains a product that was clicked or recommended in the credited conversation.</summary>
    Direct = 0,

    /// <summary>The order has line items and none was clicked or recommended in the credited conversation: the agent assisted the sale.</summary>
    Assisted = 1,

    /// <summary>The order has no line items, so the breakdown cannot tell (it still counts in AI-generated sales).</summary>
    Unknown = 2,
}
