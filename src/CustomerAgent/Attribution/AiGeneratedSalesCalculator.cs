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
    /// <summary>A calculator with the vendor's default settings for all time.</summary>
    public AiGeneratedSalesCalculator()
        : this(AttributionSettingsHistory.Default)
    {
    }

    /// <summary>A calculator with one setting for all time.</summary>
    /// <param name="settings">The account's validated settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is null.</exception>
    public AiGeneratedSalesCalculator(AttributionSettings settings)
        : this(AttributionSettingsHistory.Of(settings))
    {
    }

    /// <summary>A calculator that judges each order by the account's settings in force when it was placed.</summary>
    /// <param name="history">The account's settings over time.</param>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is null.</exception>
    public AiGeneratedSalesCalculator(AttributionSettingsHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        History = history;
    }

    /// <summary>The settings before any change (all of them when <see cref="History"/> has no change).</summary>
    public AttributionSettings Settings => History.Initial;

    /// <summary>The settings over time; each order is judged by those in force when it was placed.</summary>
    public AttributionSettingsHistory History { get; }

    /// <inheritdoc/>
    public AttributionResult Attribute(IEnumerable<Order> orders, AttributionEvidence evidence) =>
        AttributionEngine.Attribute(orders, evidence, History, static (index, evidence, settings) =>
        {
            // Both runs list their orders by index: merged in one pass, the winner taken where both credit an order.
            var (webChat, sms) = (WebChatAttributionCalculator.R16Credits(index, evidence, settings), SmsLastTouchAttributionCalculator.R17Credits(index, evidence, settings));
            var merged = new List<AttributionEngine.Credited>(webChat.Count + sms.Count);
            var (w, s) = (0, 0);
            while (w < webChat.Count || s < sms.Count)
            {
                var order = Math.Min(w < webChat.Count ? webChat[w].Order : int.MaxValue, s < sms.Count ? sms[s].Order : int.MaxValue);
                AttributionEngine.Credit? fromWebChat = w < webChat.Count && webChat[w].Order == order ? webChat[w++].Credit : null;
                AttributionEngine.Credit? fromSms = s < sms.Count && sms[s].Order == order ? sms[s++].Credit : null;
                merged.Add(new(order, Winner(fromWebChat, fromSms)!.Value));
            }

            return merged;
        });

    /// <summary>R15.4: when both rules credit an order, the later interaction wins; at the same instant, web chat (R16).</summary>
    internal static AttributionEngine.Credit? Winner(AttributionEngine.Credit? webChat, AttributionEngine.Credit? sms) =>
        (webChat, sms) switch
        {
            ({ } w, { } s) => s.At > w.At ? s : w,
            _ => webChat ?? sms,
        };
}
