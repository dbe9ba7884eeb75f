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
    /// <summary>A calculator with the vendor's default settings for all time.</summary>
    public WebChatAttributionCalculator()
        : this(AttributionSettingsHistory.Default)
    {
    }

    /// <summary>A calculator with one setting for all time (only <see cref="AttributionSettings.WebChatWindow"/> is used).</summary>
    /// <param name="settings">The account's validated settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is null.</exception>
    public WebChatAttributionCalculator(AttributionSettings settings)
        : this(AttributionSettingsHistory.Of(settings))
    {
    }

    /// <summary>A calculator that judges each order by the account's settings in force when it was placed.</summary>
    /// <param name="history">The account's settings over time.</param>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is null.</exception>
    public WebChatAttributionCalculator(AttributionSettingsHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        History = history;
    }

    /// <summary>The settings before any change (all of them when <see cref="History"/> has no change).</summary>
    public AttributionSettings Settings => History.Initial;

    /// <summary>The settings over time; each order is judged by those in force when it was placed.</summary>
    public AttributionSettingsHistory History { get; }

    /// <inheritdoc/>
    public AttributionResult Attribute(IEnumerable<Order> orders, AttributionEvidence evidence)
    {
        return AttributionEngine.Attribute(orders, evidence, History, R16Credits);
    }

    /// <summary>R16 for every order: the most recent click within the window before it, or null.</summary>
    internal static List<AttributionEngine.Credited> R16Credits(AttributionEngine.OrderIndex index, AttributionEvidence evidence, AttributionSettings settings)
    {
        var clicks = evidence.ClickArray;
        var rule = new ClickRule(clicks, settings.WebChatWindow.ToInt64Nanoseconds());
        var best = AttributionEngine.Sweep(index, evidence.Shoppers, evidence.ClickShopper, evidence.ClickNanos, rule);
        var credits = new List<AttributionEngine.Credited>();
        for (var i = 0; i < index.Orders.Length; i++)
        {
            if (best[i] >= 0)
            {
                var click = clicks[best[i]];
                credits.Add(new(i, new AttributionEngine.Credit(AttributionRule.WebChatClick, click.Conversation, click.At, null)));
            }
        }

        AttributionEngine.ReturnBest(best);

        return credits;
    }

    private readonly struct ClickRule(ProductCardClick[] clicks, long windowNanos) : AttributionEngine.ISweepRule
    {
        public int SlotCount => 1;

        public bool Includes(int record) => true;

        public int Slot(int evidence) => 0;

        public long WindowNanos(int slot) => windowNanos;

        public bool Beats(int a, int b) => string.CompareOrdinal(clicks[a].Conversation.Value, clicks[b].Conversation.Value) < 0;
    }
}
