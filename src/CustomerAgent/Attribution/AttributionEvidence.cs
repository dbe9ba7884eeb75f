using CustomerAgent.Collection;
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
    /// <summary>Recommendations kept as the facts hold them (a builder's): materialized only for the conversations an order credits, or on <see cref="Recommendations"/>.</summary>
    private readonly Dictionary<(AccountId, ConversationId), (FactsTable Table, int Head)>? _recommendedIn;
    private RecommendedProduct[]? _recommendations;
    private ILookup<(AccountId, ConversationId), string>? _byConversation;

    private AttributionEvidence(ProductCardClick[] clicks, Touch[] touches, RecommendedProduct[]? recommendations, Dictionary<(AccountId, ConversationId), (FactsTable Table, int Head)>? recommendedIn = null)
    {
        ClickArray = clicks;
        TouchArray = touches;
        _recommendations = recommendations;
        _recommendedIn = recommendedIn;
        // Columns for the sweep, computed once: instants, each record's shopper as an index into the distinct identities (by
        // reference: records usually share them, numbered as the engine numbers the orders' shoppers), and each touch's touchpoint
        // (255 = none). One evidence set serves many sweeps.
        using var shoppers = new Numbering<ShopperIdentity, ByReference>(Math.Max(clicks.Length, touches.Length) / 4);
        ClickNanos = new long[clicks.Length];
        ClickShopper = new int[clicks.Length];
        for (var i = 0; i < clicks.Length; i++)
        {
            ClickNanos[i] = UnixNanoseconds.From(clicks[i].At);
            ClickShopper[i] = shoppers.GetOrAdd(clicks[i].Shopper);
        }

        TouchNanos = new long[touches.Length];
        TouchShopper = new int[touches.Length];
        TouchSlot = new byte[touches.Length];
        for (var i = 0; i < touches.Length; i++)
        {
            TouchNanos[i] = UnixNanoseconds.From(touches[i].At);
            TouchShopper[i] = shoppers.GetOrAdd(touches[i].Shopper);
            TouchSlot[i] = touches[i].Touchpoint is { } tp ? (byte)tp : NoTouchpoint;
        }

        Shoppers = shoppers.Keys.ToArray();
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

    internal RecommendedProduct[] RecommendationArray => _recommendations ??= [.. _recommendedIn!.SelectMany(kv => ProductsOf(kv.Value.Table, kv.Value.Head).Select(p => RecommendedProduct.Create(kv.Key.Item1, kv.Key.Item2, p)))];

    internal long[] ClickNanos { get; }

    internal long[] TouchNanos { get; }

    /// <summary>The value of <see cref="TouchSlot"/> for a touch that falls under no touchpoint (it never wins).</summary>
    internal const byte NoTouchpoint = 255;

    /// <summary>The distinct shopper identities of the records (by reference).</summary>
    internal ShopperIdentity[] Shoppers { get; }

    /// <summary>Per click, its shopper's index in <see cref="Shoppers"/>.</summary>
    internal int[] ClickShopper { get; }

    /// <summary>Per touch, its shopper's index in <see cref="Shoppers"/>.</summary>
    internal int[] TouchShopper { get; }

    /// <summary>Per touch, its <see cref="Touchpoint"/> as a byte, or <see cref="NoTouchpoint"/>.</summary>
    internal byte[] TouchSlot { get; }

    /// <summary>Evidence from flat records. The host passes only clicks of live conversations (R20).</summary>
    /// <param name="clicks">Product-card clicks in live web chat conversations; null for none.</param>
    /// <param name="touches">Touches on every channel, from the agent and from campaigns; null for none.</param>
    /// <param name="recommendations">Products recommended in conversations; null for none.</param>
    /// <exception cref="ArgumentException">A sequence holds a null record.</exception>
    public static AttributionEvidence Create(IEnumerable<ProductCardClick>? clicks = null, IEnumerable<Touch>? touches = null, IEnumerable<RecommendedProduct>? recommendations = null) =>
        new(NoNulls(clicks, nameof(clicks)), NoNulls(touches, nameof(touches)), NoNulls(recommendations, nameof(recommendations)));

    /// <summary>
    /// Evidence from conversation aggregates, inside the cohort: only conversations that count (<see cref="ConversationCohort"/>:
    /// live, R20, and begun while the agent was on for their channel, R12) earn revenue. They give the product-card clicks of the
    /// web chat ones whose shopper has an email, phone number or external ID, and the products the agent recommended; of
    /// <paramref name="touches"/>, every campaign touch is kept and a Customer Agent touch only when it names one of those
    /// conversations (a touch of a preview, uncollected or unknown conversation is no evidence).
    /// </summary>
    /// <param name="conversations">The conversations.</param>
    /// <param name="touches">Touches on every channel; null for none.</param>
    /// <param name="timeline">The account's agent switch timeline (R12), or <see langword="null"/> when everything was collected.</param>
    /// <returns>The evidence.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="conversations"/> is null.</exception>
    /// <exception cref="ArgumentException">A sequence holds a null record.</exception>
    /// <exception cref="CustomerAgentException">The timeline belongs to another account than a conversation (R12).</exception>
    public static AttributionEvidence FromConversations(IEnumerable<Conversation> conversations, IEnumerable<Touch>? touches = null, AgentSwitchTimeline? timeline = null)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        var builder = new Builder(timeline);
        foreach (var conversation in NoNulls(conversations, nameof(conversations)))
        {
            var header = conversation.Header;
            builder.Add(header.AccountId, header.Id, conversation.Facts, ShopperIdentity.FromConversation(header));
        }

        return builder.Build(touches);
    }

    /// <summary>
    /// Builds evidence from conversations' facts, inside the cohort (see <see cref="FromConversations"/>): what every path that
    /// holds facts (the aggregates, the activity-log reader) uses. Not thread-safe.
    /// </summary>
    public sealed class Builder
    {
        private readonly AgentSwitchTimeline? _timeline;
        private readonly List<ProductCardClick> _clicks = [];
        private readonly Dictionary<(AccountId, ConversationId), (FactsTable Table, int Head)> _recommendedIn = [];
        private readonly HashSet<(AccountId, ConversationId)> _counted = [];

        /// <summary>A builder for conversations screened by <paramref name="timeline"/>.</summary>
        /// <param name="timeline">The account's agent switch timeline (R12), or <see langword="null"/> when everything was collected.</param>
        public Builder(AgentSwitchTimeline? timeline = null) => _timeline = timeline;

        /// <summary>Adds one conversation's evidence when it counts (R20, R12).</summary>
        /// <param name="accountId">The conversation's account.</param>
        /// <param name="conversation">The conversation's ID.</param>
        /// <param name="facts">Its facts.</param>
        /// <param name="shopper">Its shopper (<see cref="ShopperIdentity.FromProfile"/>), or <see langword="null"/> when anonymous (its clicks then match no order).</param>
        /// <returns><see langword="true"/> when the conversation counts and its evidence was added.</returns>
        /// <exception cref="CustomerAgentException">The account or ID is <c>default</c> (ID), or the timeline belongs to another account (R12).</exception>
        /// <exception cref="InvalidOperationException"><paramref name="facts"/> is <c>default</c>.</exception>
        public bool Add(AccountId accountId, ConversationId conversation, in ConversationFacts facts, ShopperIdentity? shopper)
        {
            AccountId.CheckSet(accountId);
            if (conversation.IsDefault)
            {
                throw new CustomerAgentException("ID", "conversation", null, "must be set (default(ConversationId) names no conversation)");
            }

            if (_timeline is not null && _timeline.AccountId != accountId)
            {
                throw new CustomerAgentException("R12", "timeline.accountId", _timeline.AccountId.Value, $"is not the account {Preconditions.Echo(accountId.Value)} of conversation {Preconditions.Echo(conversation.Value)}; one account's switch never decides for another's data");
            }

            if (!ConversationCohort.Counts(facts, _timeline) || !_counted.Add((accountId, conversation)))
            {
                return false; // R20, R12: no revenue; a conversation given twice counts once.
            }

            var table = facts.Table;
            var lists = table.Lists;
            ref readonly var row = ref facts.Row;
            if (row.Recommendations >= 0)
            {
                _recommendedIn[(accountId, conversation)] = (table, row.Recommendations);
            }

            if (shopper is not null && facts.Channel == Channel.WebChat)
            {
                if (shopper.AccountId != accountId)
                {
                    throw new CustomerAgentException("R11", "shopper.accountId", shopper.AccountId.Value, $"is not the account {Preconditions.Echo(accountId.Value)} of conversation {Preconditions.Echo(conversation.Value)}");
                }

                foreach (var click in lists.Entries(row.Clicks))
                {
                    _clicks.Add(ProductCardClick.Create(shopper, conversation, UnixNanoseconds.ToInstant(lists.B(click)), table.Products.GetString((int)lists.A(click))));
                }
            }

            return true;
        }

        /// <summary>The evidence: the conversations' clicks and recommendations, every campaign touch of <paramref name="touches"/>, and its Customer Agent touches that name a conversation added (and counted) here.</summary>
        /// <param name="touches">Touches on every channel; null for none.</param>
        /// <returns>The evidence.</returns>
        /// <exception cref="ArgumentException"><paramref name="touches"/> holds a null touch.</exception>
        public AttributionEvidence Build(IEnumerable<Touch>? touches = null)
        {
            var kept = NoNulls(touches, nameof(touches)).Where(t => !t.IsFromCustomerAgent || _counted.Contains((t.AccountId, t.AgentConversation))).ToArray();
            return new AttributionEvidence([.. _clicks], kept, null, new(_recommendedIn));
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"AttributionEvidence({ClickArray.Length} clicks, {TouchArray.Length} touches, {RecommendationArray.Length} recommendations)";

    /// <summary>Adds the products recommended in a conversation, with when (<see cref="long.MinValue"/> when unknown), to <paramref name="into"/> (the direct/assisted breakdown of a credited order).</summary>
    internal void AddRecommendedProducts(AccountId account, ConversationId conversation, List<(long At, string Product)> into)
    {
        if (_recommendations is null && _recommendedIn is not null)
        {
            if (_recommendedIn.TryGetValue((account, conversation), out var recommended))
            {
                var lists = recommended.Table.Lists;
                foreach (var rec in lists.Entries(recommended.Head))
                {
                    foreach (var p in lists.Entries(recommended.Table.ProductsOf(rec)))
                    {
                        into.Add((lists.A(rec), recommended.Table.Products.GetString((int)lists.A(p))));
                    }
                }
            }

            return;
        }

        _byConversation ??= RecommendationArray.ToLookup(r => (r.AccountId, r.Conversation), r => r.ProductId);
        into.AddRange(_byConversation[(account, conversation)].Select(p => (long.MinValue, p)));
    }

    /// <summary>The distinct products of the recommendations list <paramref name="head"/>, in order of first recommendation.</summary>
    private static IEnumerable<string> ProductsOf(FactsTable table, int head)
    {
        var seen = new HashSet<int>();
        foreach (var rec in table.Lists.Entries(head))
        {
            foreach (var p in table.Lists.Entries(table.ProductsOf(rec)))
            {
                var product = (int)table.Lists.A(p);
                if (seen.Add(product))
                {
                    yield return table.Products.GetString(product);
                }
            }
        }
    }

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
