using System.Runtime.InteropServices;

namespace CustomerAgent.Tests;

/// <summary>Arrays the library allocates uninitialized and then clears itself (<c>WrittenArrays.Zeroed</c>).</summary>
public sealed class WrittenArraysTests
{
    [Fact]
    public void A_zeroed_array_is_zero_even_where_the_heap_held_other_data_before()
    {
        // fill large arrays, drop them, and ask for arrays of the same size: memory handed back by the collector is reused (likely,
        // not guaranteed; without the clear the test failed in each of three tries here)
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
