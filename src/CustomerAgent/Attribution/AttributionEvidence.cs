using CustomerAgent.Conversations;

namespace CustomerAgent.Attribution;

/// <summary>
/// What the calculators attribute orders to: product-card clicks in live web chat conversations (R16), touches on every
/// channel (R17), and the products recommended in conversations (for the direct/assisted breakdown).
/// </summary>
/// <remarks>
/// Immutable and thread-safe. Holds its records in arrays with their instants precomputed, so one evidence set serves
/// many calculations (several periods, both rules). Build it from flat records (<see cref="Create"/>) or from
/// conversation aggregates (<see cref="FromConversations"/>).
/// </remarks>
public sealed class AttributionEvidence
{
    private AttributionEvidence(ProductCardClick[] clicks, Touch[] touches, RecommendedProduct[] recommendations)
    {
        ClickArray = clicks;
        TouchArray = touches;
        RecommendationArray = recommendations;
        ClickNanos = new long[clicks.Length];
        for (var i = 0; i < clicks.Length; i++)
        {
            ClickNanos[i] = clicks[i].At.UnixNanoseconds();
        }

        TouchNanos = new long[touches.Length];
        for (var i = 0; i < touches.Length; i++)
        {
            TouchNanos[i] = touches[i].At.UnixNanoseconds();
        }
    }

    /// <summary>No evidence at all: nothing is attributed.</summary>
    public static AttributionEvidence Empty { get; } = new([], [], []);

    /// <summary>The product-card clicks (R16).</summary>
    public IReadOnlyList<ProductCardClick> Clicks => ClickArray;

    /// <summary>The touches (R17).</summary>
    public IReadOnlyList<Touch> Touches => TouchArray;

    /// <summary>The recommended products (direct/assisted breakdown).</summary>
    public IReadOnlyList<RecommendedProduct> Recommendations => RecommendationArray;

    internal ProductCardClick[] ClickArray { get; }

    internal Touch[] TouchArray { get; }

    internal RecommendedProduct[] RecommendationArray { get; }

    internal long[] ClickNanos { get; }

    internal long[] TouchNanos { get; }

    /// <summary>Evidence from flat records. The host passes only clicks of live conversations (R20).</summary>
    /// <param name="clicks">Product-card clicks in live web chat conversations; null for none.</param>
    /// <param name="touches">Touches on every channel, from the agent and from campaigns; null for none.</param>
    /// <param name="recommendations">Products recommended in conversations; null for none.</param>
    /// <exception cref="ArgumentException">A sequence holds a null record.</exception>
    public static AttributionEvidence Create(IEnumerable<ProductCardClick>? clicks = null, IEnumerable<Touch>? touches = null, IEnumerable<RecommendedProduct>? recommendations = null) =>
        new(NoNulls(clicks, nameof(clicks)), NoNulls(touches, nameof(touches)), NoNulls(recommendations, nameof(recommendations)));

    /// <summary>
    /// Evidence from conversation aggregates: the product-card clicks of live web chat conversations whose shopper has an
    /// email, phone number or external ID, and the products the agent recommended in every live conversation; plus
    /// <paramref name="touches"/> as given. Preview conversations contribute nothing: they never earn revenue (R20).
    /// </summary>
    /// <param name="conversations">The conversations.</param>
    /// <param name="touches">Touches on every channel; null for none.</param>
    /// <exception cref="ArgumentException">A sequence holds a null record.</exception>
    public static AttributionEvidence FromConversations(IEnumerable<Conversation> conversations, IEnumerable<Touch>? touches = null)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        var clicks = new List<ProductCardClick>();
        var recommendations = new List<RecommendedProduct>();
        foreach (var conversation in NoNulls(conversations, nameof(conversations)))
        {
            if (!conversation.IsCountedInMetrics)
            {
                continue; // R20: preview conversations never earn revenue.
            }

            var header = conversation.Header;
            var shopper = conversation.Channel == Channel.WebChat ? ShopperIdentity.FromConversation(header) : null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var activity in conversation.History)
            {
                switch (activity)
                {
                    case AgentMessageSent message:
                        foreach (var product in message.Products)
                        {
                            if (seen.Add(product))
                            {
                                recommendations.Add(RecommendedProduct.Create(header.AccountId, header.Id, product));
                            }
                        }

                        break;
                    case ProductCardClicked click when shopper is not null:
                        clicks.Add(ProductCardClick.Create(shopper, header.Id, click.At, click.ProductId));
                        break;
                }
            }
        }

        return new AttributionEvidence([.. clicks], NoNulls(touches, nameof(touches)), [.. recommendations]);
    }

    /// <inheritdoc/>
    public override string ToString() => $"AttributionEvidence({ClickArray.Length} clicks, {TouchArray.Length} touches, {RecommendationArray.Length} recommendations)";

    private static T[] NoNulls<T>(IEnumerable<T>? items, string name)
        where T : class
    {
        var array = items?.ToArray() ?? [];
        for (var i = 0; i < array.Length; i++)
        {
            if (array[i] is null)
            {
                throw new ArgumentException($"{name}[{i}] is null", name);
            }
        }

        return array;
    }
}
