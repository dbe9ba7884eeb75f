namespace CustomerAgent.Attribution;

/// <summary>
/// R16, web chat attribution: an order is credited to the Customer Agent when the same shopper, in the same account,
/// clicked a product card in a live web chat conversation at most <see cref="AttributionSettings.WebChatWindow"/> (24 hours)
/// before it; the most recent such click's conversation is credited, once per order.
/// </summary>
/// <remarks>
/// <para>Boundaries: a click at the order's own instant qualifies; an order exactly 24 hours after the click qualifies (the
/// window is inclusive, like the 48-hour close of D1); one nanosecond later it does not. A click after the order never earns it.
/// Clicks at the same instant in two conversations: the conversation whose ID sorts first (ordinal) is credited.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class WebChatAttributionCalculator : IAttributionCalculator
{
    /// <summary>A calculator with the default 24-hour window.</summary>
    /// <param name="settings">The account's settings (only <see cref="AttributionSettings.WebChatWindow"/> is used); null for the defaults.</param>
    public WebChatAttributionCalculator(AttributionSettings? settings = null) => Settings = settings ?? AttributionSettings.Default;

    /// <summary>The settings in use.</summary>
    public AttributionSettings Settings { get; }

    /// <inheritdoc/>
    public AttributionResult Attribute(IEnumerable<Order> orders, AttributionEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var index = new AttributionEngine.OrderIndex(AttributionEngine.ToArray(orders));
        return AttributionEngine.Finish(index.Orders, evidence, R16Credits(index, evidence, Settings));
    }

    /// <summary>R16 for every order: the most recent click within the window before it, or null.</summary>
    internal static AttributionEngine.Credit?[] R16Credits(AttributionEngine.OrderIndex index, AttributionEvidence evidence, AttributionSettings settings)
    {
        var clicks = evidence.ClickArray;
        var rule = new ClickRule(clicks, settings.WebChatWindow.ToInt64Nanoseconds());
        var best = AttributionEngine.Sweep(index, clicks.Length, e => clicks[e].Shopper, evidence.ClickNanos, static _ => true, rule);
        var credits = new AttributionEngine.Credit?[best.Length];
        for (var i = 0; i < best.Length; i++)
        {
            if (best[i] >= 0)
            {
                var click = clicks[best[i]];
                credits[i] = new AttributionEngine.Credit(AttributionRule.WebChatClick, click.Conversation, click.At, null);
            }
        }

        return credits;
    }

    private readonly struct ClickRule(ProductCardClick[] clicks, long windowNanos) : AttributionEngine.ISweepRule
    {
        public int SlotCount => 1;

        public int Slot(int evidence) => 0;

        public long WindowNanos(int slot) => windowNanos;

        public bool Beats(int a, int b) => string.CompareOrdinal(clicks[a].Conversation.Value, clicks[b].Conversation.Value) < 0;
    }
}
