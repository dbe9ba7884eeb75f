using CustomerAgent.Segments;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CustomerAgent.Tests.Segments;

/// <summary>
/// R22: the flow lists its sends and skips by instant, then by the trigger's unique ID (ordinal), then as computed. The order is
/// sorted on the instants first and compares strings only within runs of one instant; held here to a plain stable sort, on
/// inputs made of a few instants and a few IDs so that ties of both kinds are common.
/// </summary>
public sealed class KeyedOrderTests
{
    private static readonly Instant Base = Instant.FromUtc(2026, 6, 1, 0, 0);

    [Property(MaxTest = 300)]
    public Property R22_sends_and_skips_are_ordered_by_instant_then_id_then_as_computed()
    {
        var item =
            from minute in Gen.Choose(-2, 3)
            from tie in Gen.Elements("a", "b", "B", "ab", "", "\u00E9", "a\0")
            from tag in Gen.Choose(0, 1000)
            select (At: Base + Duration.FromMinutes(minute), Tie: tie, Tag: tag);
        var gen = from n in Gen.Choose(0, 40) from items in item.ArrayOf(n) select items;
        return Prop.ForAll(gen.ToArbitrary(), items =>
        {
            // the reference: LINQ's stable sort by instant, then ordinal ID (positions keep the input order of full ties)
            var expected = items.Select((x, i) => (x, i)).OrderBy(p => p.x.At).ThenBy(p => p.x.Tie, StringComparer.Ordinal).ThenBy(p => p.i).Select(p => p.x).ToArray();
            Assert.Equal(expected, KeyedOrder.Sorted(items.ToList(), x => x.At, x => x.Tie));
        });
    }

    [Fact]
    public void R22_instants_outside_the_supported_range_are_ordered_too()
    {
        // events read back from JSON may carry any instant
        var items = new List<(Instant At, string Tie)>
        {
            (Instant.FromUtc(9000, 1, 1, 0, 0), "a"),
            (Instant.FromUtc(1, 1, 1, 0, 0), "z"),
            (Base, "b"),
            (Base, "a"),
            (Instant.FromUtc(1, 1, 1, 0, 0), "y"),
        };
        Assert.Equal(["y", "z", "a", "b", "a"], KeyedOrder.Sorted(items, x => x.At, x => x.Tie).Select(x => x.Tie));
    }
}
