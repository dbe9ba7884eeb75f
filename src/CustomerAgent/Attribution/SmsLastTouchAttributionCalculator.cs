namespace CustomerAgent.Attribution;

/// <summary>
/// R17, SMS attribution by the account's settings: for each order, the last touch before it (same shopper, same account)
/// that lies inside its own enabled touchpoint's window wins, across channels; the order is credited to the Customer
/// Agent when that touch is a Customer Agent SMS.
/// </summary>
/// <remarks>
/// <para>Boundaries: the window starts at the touch (for a delivery, when the shopper received the message) and is
/// inclusive: an order exactly one window after the touch is attributed, one nanosecond (the resolution of an instant) later it is not; a touch at the order's
/// own instant counts; a touch after the order never does. A later touch whose window has closed does not hide an earlier
/// one still open (each touch is judged by its own window). Touchpoints switched off, and channel/kind pairs with no
/// touchpoint, never win.</para>
/// <para>Touches at the same instant: a click beats an open, an open beats a delivery; then a campaign beats the Customer
/// Agent (when the evidence cannot tell, the agent does not claim the sale); then the lower <see cref="TouchChannel"/>;
/// then the conversation whose ID sorts first.</para>
/// <para>A Customer Agent touch on email, push or WhatsApp competes for the last touch like any touch but earns nothing
/// here: R17 credits the agent's SMS only.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class SmsLastTouchAttributionCalculator : IAttributionCalculator
{
    /// <summary>A calculator with the vendor's default settings for all time.</summary>
    public SmsLastTouchAttributionCalculator()
        : this(AttributionSettingsHistory.Default)
    {
    }

    /// <summary>A calculator with one setting for all time.</summary>
    /// <param name="settings">The account's validated settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is null.</exception>
    public SmsLastTouchAttributionCalculator(AttributionSettings settings)
        : this(AttributionSettingsHistory.Of(settings))
    {
    }

    /// <summary>A calculator that judges each order by the account's settings in force when it was placed.</summary>
    /// <param name="history">The account's settings over time.</param>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is null.</exception>
    public SmsLastTouchAttributionCalculator(AttributionSettingsHistory history)
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
        return AttributionEngine.Attribute(orders, evidence, History, R17Credits);
    }

    /// <summary>R17 for every order: the last touch inside its own window, when it is a Customer Agent SMS; else null.</summary>
    internal static List<AttributionEngine.Credited> R17Credits(AttributionEngine.OrderIndex index, AttributionEvidence evidence, AttributionSettings settings)
    {
        var touches = evidence.TouchArray;
        var windows = new long[8];
        var enabled = new bool[8];
        for (var s = 0; s < 8; s++)
        {
            var setting = settings.Setting(s);
            enabled[s] = setting.Enabled;
            windows[s] = setting.Window.ToInt64Nanoseconds();
        }

        var best = AttributionEngine.Sweep(index, evidence.Shoppers, evidence.TouchShopper, evidence.TouchNanos, new TouchRule(touches, evidence.TouchSlot, windows, enabled));
        var credits = new List<AttributionEngine.Credited>();
        for (var i = 0; i < index.Orders.Length; i++)
        {
            if (best[i] >= 0 && touches[best[i]] is { IsFromCustomerAgent: true, Channel: TouchChannel.Sms } touch)
            {
                credits.Add(new(i, new AttributionEngine.Credit(AttributionRule.SmsLastTouch, touch.AgentConversation, touch.At, touch.Touchpoint)));
            }
        }

        AttributionEngine.ReturnBest(best);

        return credits;
    }

    private readonly struct TouchRule(Touch[] touches, byte[] slots, long[] windows, bool[] enabled) : AttributionEngine.ISweepRule
    {
        public int SlotCount => 8;

        /// <summary>Touches under a touchpoint that is switched on; the others never win.</summary>
        public bool Includes(int record) => slots[record] != AttributionEvidence.NoTouchpoint && enabled[slots[record]];

        public int Slot(int evidence) => slots[evidence];

        public long WindowNanos(int slot) => windows[slot];

        public bool Beats(int a, int b)
        {
            var (x, y) = (touches[a], touches[b]);
            if (x.Kind != y.Kind)
            {
                return x.Kind > y.Kind;
            }

            if (x.IsFromCustomerAgent != y.IsFromCustomerAgent)
            {
                return !x.IsFromCustomerAgent;
            }

            if (x.Channel != y.Channel)
            {
                return x.Channel < y.Channel;
            }

            return string.CompareOrdinal(x.AgentConversation.Value, y.AgentConversation.Value) < 0;
        }
    }
}
