using CustomerAgent.Segments;

namespace CustomerAgent.Tests.Segments;

/// <summary>
/// The events' growing list (<c>Growing&lt;T&gt;</c>, what <c>FactsEvents</c> keeps the events in, R6–R9): every value added is kept
/// in order, the array doubles when full, grows to exactly what is asked when room is made, and is handed over as it is.
/// </summary>
public sealed class GrowingTests
{
    [Fact]
    public void R6_values_added_one_by_one_are_kept_in_order_and_the_array_doubles_when_full()
    {
        var list = new Growing<int>(0);
        Assert.Equal(4, list.Items.Length);
        for (var i = 0; i < 9; i++)
        {
            list.Add(i * 10);
        }

        Assert.Equal(9, list.Count);
        Assert.Equal(16, list.Items.Length);
        Assert.Equal([0, 10, 20, 30, 40, 50, 60, 70, 80], list.Span.ToArray());
    }

    [Fact]
    public void R6_a_range_larger_than_the_room_left_is_kept_whole()
    {
        var list = new Growing<int>(4);
        list.Add(1);
        list.AddRange([2, 3, 4]);
        var full = list.Items;
        Assert.Equal(4, full.Length);
        list.AddRange([]);
        Assert.Same(full, list.Items);
        list.AddRange([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
        Assert.Equal(Enumerable.Range(1, 14), list.Span.ToArray());
        Assert.Equal(14, list.Items.Length);
        list.AddRange([15]);
        Assert.Equal(28, list.Items.Length);
        Assert.Equal(Enumerable.Range(1, 15), list.Span.ToArray());
    }

    [Fact]
    public void R6_making_room_grows_to_exactly_the_size_asked_and_never_shrinks()
    {
        var list = new Growing<string>(4);
        list.Add("a");
        list.Add("b");
        var items = list.Items;
        list.EnsureCapacity(4);
        Assert.Same(items, list.Items);
        list.EnsureCapacity(1);
        Assert.Same(items, list.Items);
        list.EnsureCapacity(11);
        Assert.Equal(11, list.Items.Length);
        Assert.Equal(["a", "b"], list.Span.ToArray());
        var room = list.Items;
        list.AddRange(["c", "d", "e", "f", "g", "h", "i", "j", "k"]);
        Assert.Same(room, list.Items);
        Assert.Equal(11, list.Count);
    }
}
