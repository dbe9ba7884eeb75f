namespace CustomerAgent.Attribution;

/// <summary>
/// Credits orders to the Customer Agent from the evidence of its interactions. Implementations: <see cref="WebChatAttributionCalculator"/>
/// (R16), <see cref="SmsLastTouchAttributionCalculator"/> (R17) and <see cref="AiGeneratedSalesCalculator"/> (both, each order once: R15.4).
/// </summary>
/// <remarks>
/// Implementations are pure, immutable and thread-safe. The result does not depend on the order of the inputs. Attributing N orders against
/// M clicks or touches takes O((N + M) log(N + M)) time and memory linear in the input.
/// </remarks>
public interface IAttributionCalculator
{
    /// <summary>Attributes every order in <paramref name="orders"/>.</summary>
    /// <param name="orders">The orders; an order ID appears at most once per account.</param>
    /// <param name="evidence">The clicks, touches and recommendations.</param>
    /// <returns>The attributed orders and the revenue per currency.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="orders"/> holds a null order.</exception>
    /// <exception cref="CustomerAgentException">Two orders of one account share an ID (D5: an order counts at most once).</exception>
    AttributionResult Attribute(IEnumerable<Order> orders, AttributionEvidence evidence);
}
