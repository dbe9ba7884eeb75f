namespace CustomerAgent.Attribution;

/// <summary>
/// AI-generated sales (R15.4): the orders credited to the Customer Agent by web chat attribution (R16) or by SMS
/// last-touch attribution (R17), each order at most once, with their revenue per currency (D5).
/// </summary>
/// <remarks>
/// <para>When both rules credit an order, the more recent interaction wins (the click for R16, the touch for R17), in the
/// spirit of the last-touch model the account already uses; at the same instant the web chat click wins, because it
/// names the products the shopper looked at and so carries the sharper direct/assisted breakdown. Either way the order
/// counts once, for its whole total.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class AiGeneratedSalesCalculator : IAttributionCalculator
{
    /// <summary>A calculator with the account's settings.</summary>
    /// <param name="settings">The validated settings; null for the vendor's defaults.</param>
    public AiGeneratedSalesCalculator(AttributionSettings? settings = null) => Settings = settings ?? AttributionSettings.Default;

    /// <summary>The settings in use.</summary>
    public AttributionSettings Settings { get; }

    /// <inheritdoc/>
    public AttributionResult Attribute(IEnumerable<Order> orders, AttributionEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var index = new AttributionEngine.OrderIndex(AttributionEngine.ToArray(orders));
        var webChat = WebChatAttributionCalculator.R16Credits(index, evidence, Settings);
        var sms = SmsLastTouchAttributionCalculator.R17Credits(index, evidence, Settings);
        for (var i = 0; i < webChat.Length; i++)
        {
            webChat[i] = Winner(webChat[i], sms[i]);
        }

        return AttributionEngine.Finish(index.Orders, evidence, webChat);
    }

    /// <summary>R15.4: when both rules credit an order, the later interaction wins; at the same instant, web chat (R16).</summary>
    internal static AttributionEngine.Credit? Winner(AttributionEngine.Credit? webChat, AttributionEngine.Credit? sms) =>
        (webChat, sms) switch
        {
            ({ } w, { } s) => s.At > w.At ? s : w,
            _ => webChat ?? sms,
        };
}
