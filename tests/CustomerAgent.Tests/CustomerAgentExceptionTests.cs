using System.Runtime.InteropServices;

namespace CustomerAgent.Tests;

/// <summary>The library's exception message: the rule, the field, the value quoted (or <c>&lt;null&gt;</c>) and the reason.</summary>
public sealed class CustomerAgentExceptionTests
{
    [Fact]
    public void The_message_quotes_the_value_or_says_it_is_absent()
    {
        Assert.Equal("R1: status = 'open' is not a status.", new CustomerAgentException("R1", "status", "open", "is not a status").Message);
        Assert.Equal("R1: status = <null> is required.", new CustomerAgentException("R1", "status", null, "is required").Message);
        Assert.Equal("R1: status = '' is blank.", new CustomerAgentException("R1", "status", string.Empty, "is blank").Message);
    }

    [Fact]
    public void A_zeroed_array_is_zero_even_where_the_heap_held_other_data_before()
    {
        // fill large arrays, drop them, and ask for arrays of the same size: memory handed back by the collector is reused
        for (var round = 0; round < 8; round++)
        {
            var dirty = GC.AllocateUninitializedArray<long>(1 << 18);
            dirty.AsSpan().Fill(-1);
            GC.KeepAlive(dirty);
            dirty = null;
            GC.Collect();
            var zeroed = WrittenArrays.Zeroed<long>(1 << 18);
            Assert.True(MemoryMarshal.AsBytes(zeroed.AsSpan()).IndexOfAnyExcept((byte)0) < 0);
        }
    }
}
