using System.Globalization;
using CustomerAgent.Attribution;
using CustomerAgent.Conversations;
using DuckDB.NET.Data;
using NodaTime;

namespace CustomerAgent.Benchmarks;

/// <summary>
/// A synthetic attribution workload (seeded): one account, <c>shoppers</c> shoppers named by email, orders spread over
/// 30 days, touches over the 35 days before the last order on every channel and kind, 20 % of them from the Customer
/// Agent. Instants carry random nanoseconds, so two touches of one shopper and touchpoint practically never tie.
/// The same rows are kept as columns for DuckDB and the naive loop.
/// </summary>
internal sealed class AttributionWorkload
{
    internal static readonly Instant Start = Instant.FromUtc(2026, 5, 1, 0, 0);

    private AttributionWorkload(int orders, int touches, int shoppers, int seed)
    {
        var random = new Random(seed);
        var account = AccountId.From("acct-bench");
        var identities = new ShopperIdentity[shoppers];
        for (var s = 0; s < shoppers; s++)
        {
            identities[s] = ShopperIdentity.Create(account, email: string.Create(CultureInfo.InvariantCulture, $"shopper{s}@example.com"));
        }

        var conversations = Enumerable.Range(0, 1000).Select(i => ConversationId.From(string.Create(CultureInfo.InvariantCulture, $"conv-{i}"))).ToArray();
        const long Day = 86_400_000_000_000L;
        var origin = Start.UnixNanoseconds();

        OrderShopper = new int[orders];
        OrderAt = new long[orders];
        OrderCents = new long[orders];
        Orders = new Order[orders];
        for (var i = 0; i < orders; i++)
        {
            var s = random.Next(shoppers);
            var at = origin + (5 * Day) + random.NextInt64(30 * Day);
            var cents = random.NextInt64(100, 50_000);
            (OrderShopper[i], OrderAt[i], OrderCents[i]) = (s, at, cents);
            Orders[i] = Order.Create(string.Create(CultureInfo.InvariantCulture, $"o-{i}"), identities[s], FromNanos(at), Money.Of(cents / 100m, "EUR"));
        }

        TouchShopper = new int[touches];
        TouchAt = new long[touches];
        TouchChannelColumn = new byte[touches];
        TouchKindColumn = new byte[touches];
        TouchConversation = new int[touches];
        var list = new Touch[touches];
        for (var i = 0; i < touches; i++)
        {
            var s = random.Next(shoppers);
            var at = origin + random.NextInt64(35 * Day);
            var channel = (TouchChannel)random.Next(4);
            var kind = (TouchKind)random.Next(3);
            var agent = random.Next(5) == 0 ? random.Next(conversations.Length) : -1;
            (TouchShopper[i], TouchAt[i], TouchChannelColumn[i], TouchKindColumn[i], TouchConversation[i]) = (s, at, (byte)channel, (byte)kind, agent);
            list[i] = agent < 0
                ? Touch.FromCampaign(identities[s], channel, kind, FromNanos(at))
                : Touch.FromCustomerAgent(identities[s], channel, kind, FromNanos(at), conversations[agent]);
        }

        Evidence = AttributionEvidence.Create(touches: list);
    }

    internal Order[] Orders { get; }

    internal AttributionEvidence Evidence { get; }

    internal int[] OrderShopper { get; }

    internal long[] OrderAt { get; }

    internal long[] OrderCents { get; }

    internal int[] TouchShopper { get; }

    internal long[] TouchAt { get; }

    internal byte[] TouchChannelColumn { get; }

    internal byte[] TouchKindColumn { get; }

    /// <summary>The agent conversation's number, or −1 for a campaign touch.</summary>
    internal int[] TouchConversation { get; }

    internal static AttributionWorkload Generate(int orders, int touches, int seed = 42) =>
        new(orders, touches, Math.Max(1, orders / 5), seed);

    internal static Instant FromNanos(long nanos) => NodaConstants.UnixEpoch + Duration.FromNanoseconds(nanos);

    /// <summary>The touchpoint number of a channel and kind (as <see cref="Touchpoint"/>), or −1.</summary>
    internal static int TouchpointOf(byte channel, byte kind) => Touch.TouchpointOf((TouchChannel)channel, (TouchKind)kind) is { } tp ? (int)tp : -1;

    /// <summary>Loads orders and touches (touches with a touchpoint only) into in-memory DuckDB tables, plus the settings' windows.</summary>
    internal DuckDBConnection LoadDuckDb(AttributionSettings settings)
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                CREATE TABLE orders (id INTEGER NOT NULL, shopper INTEGER NOT NULL, placed BIGINT NOT NULL, cents BIGINT NOT NULL);
                CREATE TABLE touches (shopper INTEGER NOT NULL, tp INTEGER NOT NULL, "at" BIGINT NOT NULL, kind INTEGER NOT NULL, agent BOOLEAN NOT NULL, channel INTEGER NOT NULL, conv INTEGER NOT NULL);
                CREATE TABLE windows (tp INTEGER NOT NULL, win BIGINT NOT NULL);
                """;
            command.ExecuteNonQuery();
        }

        using (var appender = connection.CreateAppender("orders"))
        {
            for (var i = 0; i < OrderAt.Length; i++)
            {
                appender.CreateRow().AppendValue(i).AppendValue(OrderShopper[i]).AppendValue(OrderAt[i]).AppendValue(OrderCents[i]).EndRow();
            }
        }

        using (var appender = connection.CreateAppender("touches"))
        {
            for (var i = 0; i < TouchAt.Length; i++)
            {
                var tp = TouchpointOf(TouchChannelColumn[i], TouchKindColumn[i]);
                if (tp >= 0)
                {
                    appender.CreateRow().AppendValue(TouchShopper[i]).AppendValue(tp).AppendValue(TouchAt[i]).AppendValue((int)TouchKindColumn[i])
                        .AppendValue(TouchConversation[i] >= 0).AppendValue((int)TouchChannelColumn[i]).AppendValue(TouchConversation[i]).EndRow();
                }
            }
        }

        using (var appender = connection.CreateAppender("windows"))
        {
            foreach (var (tp, setting) in settings.Touchpoints)
            {
                if (setting.Enabled)
                {
                    appender.CreateRow().AppendValue((int)tp).AppendValue(setting.Window.ToInt64Nanoseconds()).EndRow();
                }
            }
        }

        return connection;
    }
}

/// <summary>The attribution contenders: each returns (orders credited to the agent, their total in cents).</summary>
internal static class AttributionContenders
{
    internal static (long Count, long Cents) Sdk(AttributionWorkload w, SmsLastTouchAttributionCalculator calculator)
    {
        var result = calculator.Attribute(w.Orders, w.Evidence);
        return (result.Orders.Count, (long)(result.AttributedRevenue.In("EUR").Amount * 100m));
    }

    /// <summary>
    /// DuckDB: every order probes every enabled touchpoint with an ASOF JOIN (latest touch of that touchpoint at or before
    /// the order, same shopper), keeps the probes inside their window, takes the best per order with the SDK's tie-break,
    /// and sums the orders won by a Customer Agent SMS.
    /// </summary>
    internal static (long Count, long Cents) DuckDb(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            WITH probes AS (SELECT o.id, o.shopper, o.placed, o.cents, w.tp, w.win FROM orders o CROSS JOIN windows w),
            matched AS (
              SELECT p.id, p.cents, t."at", t.kind, t.agent, t.channel, t.conv
              FROM probes p ASOF JOIN touches t ON p.shopper = t.shopper AND p.tp = t.tp AND p.placed >= t."at"
              WHERE p.placed - t."at" <= p.win),
            best AS (
              SELECT * FROM matched
              QUALIFY row_number() OVER (PARTITION BY id ORDER BY "at" DESC, kind DESC, agent ASC, channel ASC, conv ASC) = 1)
            SELECT count(*), CAST(coalesce(sum(cents), 0) AS BIGINT) FROM best WHERE agent AND channel = 0
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        return (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
    }

    /// <summary>The naive host: every order against every touch, over the same columns.</summary>
    internal static (long Count, long Cents) Naive(AttributionWorkload w, AttributionSettings settings)
    {
        var windows = new long[8];
        for (var tp = 0; tp < 8; tp++)
        {
            var s = settings[(Touchpoint)tp];
            windows[tp] = s.Enabled ? s.Window.ToInt64Nanoseconds() : -1;
        }

        var tps = new int[w.TouchAt.Length];
        for (var j = 0; j < tps.Length; j++)
        {
            tps[j] = AttributionWorkload.TouchpointOf(w.TouchChannelColumn[j], w.TouchKindColumn[j]);
        }

        long count = 0, cents = 0;
        for (var i = 0; i < w.OrderAt.Length; i++)
        {
            var best = -1;
            for (var j = 0; j < w.TouchAt.Length; j++)
            {
                var tp = tps[j];
                if (tp < 0 || windows[tp] < 0 || w.TouchShopper[j] != w.OrderShopper[i] || w.TouchAt[j] > w.OrderAt[i] || w.OrderAt[i] - w.TouchAt[j] > windows[tp])
                {
                    continue;
                }

                if (best < 0 || w.TouchAt[j] > w.TouchAt[best] || (w.TouchAt[j] == w.TouchAt[best] && Beats(w, j, best)))
                {
                    best = j;
                }
            }

            if (best >= 0 && w.TouchConversation[best] >= 0 && w.TouchChannelColumn[best] == (byte)TouchChannel.Sms)
            {
                count++;
                cents += w.OrderCents[i];
            }
        }

        return (count, cents);
    }

    private static bool Beats(AttributionWorkload w, int a, int b) =>
        w.TouchKindColumn[a] != w.TouchKindColumn[b] ? w.TouchKindColumn[a] > w.TouchKindColumn[b]
        : (w.TouchConversation[a] >= 0) != (w.TouchConversation[b] >= 0) ? w.TouchConversation[a] < 0
        : w.TouchChannelColumn[a] != w.TouchChannelColumn[b] ? w.TouchChannelColumn[a] < w.TouchChannelColumn[b]
        : string.CompareOrdinal(w.TouchConversation[a].ToString(CultureInfo.InvariantCulture), w.TouchConversation[b].ToString(CultureInfo.InvariantCulture)) < 0;
}
