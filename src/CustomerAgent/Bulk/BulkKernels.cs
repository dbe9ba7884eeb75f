using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CustomerAgent.Bulk;

/// <summary>
/// The classification kernels over a <see cref="ConversationBatch"/>'s columns, as of <c>t</c> (Unix nanoseconds) with
/// <c>threshold = t - autoCloseAfter</c> (a row auto-closes when <c>lastMessageAt &lt;= threshold</c>, D1 inclusive).
/// </summary>
/// <remarks>
/// Per row, with <c>E = decidedAt &lt;= t</c>, <c>L = lastMessageAt &lt;= threshold</c>, flags <c>a</c> (agent last),
/// <c>h</c> (handoff), <c>c</c> (explicit close):
/// NotResolvedByAi = E ∧ h; closed = (E ∧ ¬h) ∨ (¬E ∧ L ∧ ¬c); ResolvedByAi = closed ∧ a; Closed = closed ∧ ¬a; else Open.
/// This is the single-conversation rule: when h, decidedAt is the handoff and an explicit close is never earlier (D2), so
/// before the handoff only the automatic close can apply, and only when there is no explicit close.
/// The vectorized kernels turn 32 rows into 32-bit masks (one bit per row) with Vector256 compares, then count with
/// popcount or expand the masks back to status bytes. No allocation anywhere.
/// </remarks>
internal static class BulkKernels
{
    internal const int BlockRows = 32;
    private const ulong LowBitOfEachByte = 0x0101010101010101UL;

    internal static bool VectorAvailable => Vector256.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static byte ScalarStatus(long lastMessageAt, long decidedAt, byte flags, long t, long threshold)
    {
        var hasHandoff = (flags & ConversationBatch.HandoffFlag) != 0;
        var decided = decidedAt <= t;
        if (hasHandoff && decided)
        {
            return 2;
        }

        var closed = (flags & ConversationBatch.ExplicitCloseFlag) != 0
            ? decided && !hasHandoff
            : lastMessageAt <= threshold;
        return !closed ? (byte)0 : (flags & ConversationBatch.AgentLastFlag) != 0 ? (byte)1 : (byte)3;
    }

    internal static void ClassifyScalar(ConversationBatch batch, int start, int length, long t, long threshold, Span<byte> destination)
    {
        var lm = batch.LastMessageAtColumn.AsSpan(start, length);
        var ev = batch.DecidedAtColumn.AsSpan(start, length);
        var fl = batch.FlagsColumn.AsSpan(start, length);
        destination = destination[..length];
        for (var i = 0; i < lm.Length; i++)
        {
            destination[i] = ScalarStatus(lm[i], ev[i], fl[i], t, threshold);
        }
    }

    internal static StatusCounts CountScalar(ConversationBatch batch, int start, int length, long t, long threshold)
    {
        var lm = batch.LastMessageAtColumn.AsSpan(start, length);
        var ev = batch.DecidedAtColumn.AsSpan(start, length);
        var fl = batch.FlagsColumn.AsSpan(start, length);
        Span<long> counts = stackalloc long[4];
        for (var i = 0; i < lm.Length; i++)
        {
            counts[ScalarStatus(lm[i], ev[i], fl[i], t, threshold)]++;
        }

        return new StatusCounts(counts[0], counts[1], counts[2], counts[3]);
    }

    internal static ChannelStatusCounts CountByChannelScalar(ConversationBatch batch, int start, int length, long t, long threshold)
    {
        var lm = batch.LastMessageAtColumn.AsSpan(start, length);
        var ev = batch.DecidedAtColumn.AsSpan(start, length);
        var fl = batch.FlagsColumn.AsSpan(start, length);
        var ch = batch.ChannelColumn.AsSpan(start, length);
        var cells = default(ChannelStatusCounts.Cells);
        for (var i = 0; i < lm.Length; i++)
        {
            cells[ChannelStatusCounts.Index(ch[i], ScalarStatus(lm[i], ev[i], fl[i], t, threshold))]++;
        }

        return new ChannelStatusCounts(cells);
    }

    internal static void ClassifyVector(ConversationBatch batch, int start, int length, long t, long threshold, Span<byte> destination, bool allowVector512 = true)
    {
        // Stryker disable once Logical,Boolean : which vector width classifies; both give the same statuses (allowVector512 false in BulkKernelPropertyTests runs the other)
        if (allowVector512 && Vector512.IsHardwareAccelerated)
        {
            ClassifyVectorCore<Width512>(batch, start, length, t, threshold, destination);
        }
        else
        {
            ClassifyVectorCore<Width256>(batch, start, length, t, threshold, destination);
        }
    }

    // Fully optimized from the first call: a host calls these a few times over millions of rows, never enough to tier up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ClassifyVectorCore<TWidth>(ConversationBatch batch, int start, int length, long t, long threshold, Span<byte> destination)
        where TWidth : struct, IWidth
    {
        // Stryker disable once all : the fallback for hardware without Vector256 calls the scalar kernel the tests check directly; with Vector256 both give the same statuses
        if (!VectorAvailable)
        {
            ClassifyScalar(batch, start, length, t, threshold, destination);
            return;
        }

        ref var lm = ref MemoryMarshal.GetArrayDataReference(batch.LastMessageAtColumn);
        ref var ev = ref MemoryMarshal.GetArrayDataReference(batch.DecidedAtColumn);
        ref var fl = ref MemoryMarshal.GetArrayDataReference(batch.FlagsColumn);
        ref var dst = ref MemoryMarshal.GetReference(destination[..length]);
        var end = start + length;
        var i = start;
        for (; i <= end - BlockRows; i += BlockRows)
        {
            Block<TWidth>(ref lm, ref ev, ref fl, (nuint)i, t, threshold, out var nrba, out var closed, out var agent);
            var low = closed;                       // status bit 0: ResolvedByAi (1) and Closed (3)
            var high = nrba | (closed & ~agent);    // status bit 1: NotResolvedByAi (2) and Closed (3)
            ref var d = ref Unsafe.Add(ref dst, i - start);
            Unsafe.WriteUnaligned(ref d, Spread((byte)low) | (Spread((byte)high) << 1));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, 8), Spread((byte)(low >> 8)) | (Spread((byte)(high >> 8)) << 1));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, 16), Spread((byte)(low >> 16)) | (Spread((byte)(high >> 16)) << 1));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, 24), Spread((byte)(low >> 24)) | (Spread((byte)(high >> 24)) << 1));
        }

        if (i < end)
        {
            ClassifyScalar(batch, i, end - i, t, threshold, destination[(i - start)..]);
        }
    }

    // Stryker disable once all : which vector width counts; both give the same counts (BulkKernelPropertyTests runs both)
    internal static StatusCounts CountVector(ConversationBatch batch, int start, int length, long t, long threshold, bool allowVector512 = true) =>
        allowVector512 && Vector512.IsHardwareAccelerated
            ? CountVectorCore<Width512>(batch, start, length, t, threshold)
            : CountVectorCore<Width256>(batch, start, length, t, threshold);

    // Fully optimized from the first call: a host calls these a few times over millions of rows, never enough to tier up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static StatusCounts CountVectorCore<TWidth>(ConversationBatch batch, int start, int length, long t, long threshold)
        where TWidth : struct, IWidth
    {
        // Stryker disable once all : the fallback for hardware without Vector256 is the scalar count the tests check directly; with Vector256 both give the same counts
        if (!VectorAvailable)
        {
            return CountScalar(batch, start, length, t, threshold);
        }

        ref var lm = ref MemoryMarshal.GetArrayDataReference(batch.LastMessageAtColumn);
        ref var ev = ref MemoryMarshal.GetArrayDataReference(batch.DecidedAtColumn);
        ref var fl = ref MemoryMarshal.GetArrayDataReference(batch.FlagsColumn);
        long nrbaCount = 0, resolvedCount = 0, closedCount = 0;
        var end = start + length;
        var i = start;
        for (; i <= end - BlockRows; i += BlockRows)
        {
            Block<TWidth>(ref lm, ref ev, ref fl, (nuint)i, t, threshold, out var nrba, out var closed, out var agent);
            nrbaCount += BitOperations.PopCount(nrba);
            resolvedCount += BitOperations.PopCount(closed & agent);
            closedCount += BitOperations.PopCount(closed & ~agent);
        }

        var blocks = new StatusCounts(i - start - nrbaCount - resolvedCount - closedCount, resolvedCount, nrbaCount, closedCount);
        return i < end ? blocks + CountScalar(batch, i, end - i, t, threshold) : blocks;
    }

    // Stryker disable once all : which vector width counts; both give the same counts (BulkKernelPropertyTests runs both)
    internal static ChannelStatusCounts CountByChannelVector(ConversationBatch batch, int start, int length, long t, long threshold, bool allowVector512 = true) =>
        allowVector512 && Vector512.IsHardwareAccelerated
            ? CountByChannelVectorCore<Width512>(batch, start, length, t, threshold)
            : CountByChannelVectorCore<Width256>(batch, start, length, t, threshold);

    // Fully optimized from the first call: a host calls these a few times over millions of rows, never enough to tier up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ChannelStatusCounts CountByChannelVectorCore<TWidth>(ConversationBatch batch, int start, int length, long t, long threshold)
        where TWidth : struct, IWidth
    {
        // Stryker disable once all : the fallback for hardware without Vector256 is the scalar count the tests check directly; with Vector256 both give the same counts
        if (!VectorAvailable)
        {
            return CountByChannelScalar(batch, start, length, t, threshold);
        }

        ref var lm = ref MemoryMarshal.GetArrayDataReference(batch.LastMessageAtColumn);
        ref var ev = ref MemoryMarshal.GetArrayDataReference(batch.DecidedAtColumn);
        ref var fl = ref MemoryMarshal.GetArrayDataReference(batch.FlagsColumn);
        ref var chr = ref MemoryMarshal.GetArrayDataReference(batch.ChannelColumn);
        var cells = default(ChannelStatusCounts.Cells);
        var end = start + length;
        var i = start;
        for (; i <= end - BlockRows; i += BlockRows)
        {
            Block<TWidth>(ref lm, ref ev, ref fl, (nuint)i, t, threshold, out var nrba, out var closed, out var agent);
            var ch = Vector256.LoadUnsafe(ref chr, (nuint)i);
            var c0 = Vector256.ShiftLeft(ch, 7).ExtractMostSignificantBits();
            var c1 = Vector256.ShiftLeft(ch, 6).ExtractMostSignificantBits();
            var resolved = closed & agent;
            var closedOnly = closed & ~agent;
            Tally(ref cells, 0, ~(c0 | c1), nrba, resolved, closedOnly);
            Tally(ref cells, 1, c0 & ~c1, nrba, resolved, closedOnly);
            Tally(ref cells, 2, c1 & ~c0, nrba, resolved, closedOnly);
            Tally(ref cells, 3, c0 & c1, nrba, resolved, closedOnly);
        }

        var blocks = new ChannelStatusCounts(cells);
        return i < end ? blocks + CountByChannelScalar(batch, i, end - i, t, threshold) : blocks;
    }

    /// <summary>Spreads the 8 bits of <paramref name="bits"/> to the low bit of 8 bytes (bit k to byte k).</summary>
    // Stryker disable once all : BMI2's bit deposit or the portable spread give the same bits (BulkKernelPropertyTests checks SpreadPortable on every byte)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Spread(byte bits) =>
        Bmi2.X64.IsSupported ? Bmi2.X64.ParallelBitDeposit(bits, LowBitOfEachByte) : SpreadPortable(bits);

    /// <summary>The same as <see cref="Spread"/> without BMI2: replicate the byte, keep bit k in byte k, fold it to bit 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong SpreadPortable(byte bits)
    {
        var v = (bits * LowBitOfEachByte) & 0x8040201008040201UL;
        return ((((v & 0x7F7F7F7F7F7F7F7FUL) + 0x7F7F7F7F7F7F7F7FUL) | v) >> 7) & LowBitOfEachByte;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tally(ref ChannelStatusCounts.Cells cells, int channel, uint members, uint nrba, uint resolved, uint closedOnly)
    {
        var all = BitOperations.PopCount(members);
        var n = BitOperations.PopCount(members & nrba);
        var r = BitOperations.PopCount(members & resolved);
        var c = BitOperations.PopCount(members & closedOnly);
        var at = channel * ChannelStatusCounts.StatusCount;
        cells[at] += all - n - r - c;
        cells[at + 1] += r;
        cells[at + 2] += n;
        cells[at + 3] += c;
    }

    /// <summary>Classifies rows <paramref name="i"/> to <paramref name="i"/> + 31 into bit masks (bit k = row i + k).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block<TWidth>(ref long lm, ref long ev, ref byte fl, nuint i, long t, long threshold, out uint nrba, out uint closed, out uint agent)
        where TWidth : struct, IWidth
    {
        var e = TWidth.LessOrEqual32(ref ev, i, t);
        var l = TWidth.LessOrEqual32(ref lm, i, threshold);
        var f = Vector256.LoadUnsafe(ref fl, i);
        agent = Vector256.ShiftLeft(f, 7).ExtractMostSignificantBits();
        var h = Vector256.ShiftLeft(f, 6).ExtractMostSignificantBits();
        var c = Vector256.ShiftLeft(f, 5).ExtractMostSignificantBits();
        nrba = e & h;
        closed = (e & ~h) | (~e & l & ~c);
    }

    /// <summary>Compares 32 consecutive longs with a bound: bit k of the result is <c>column[offset + k] &lt;= bound</c>.</summary>
    private interface IWidth
    {
        static abstract uint LessOrEqual32(ref long column, nuint offset, long bound);
    }

    /// <summary>Eight Vector256 compares (AVX2).</summary>
    private readonly struct Width256 : IWidth
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static uint LessOrEqual32(ref long column, nuint offset, long bound)
        {
            var b = Vector256.Create(bound);
            return Le(ref column, offset, b)
                | (Le(ref column, offset + 4, b) << 4)
                | (Le(ref column, offset + 8, b) << 8)
                | (Le(ref column, offset + 12, b) << 12)
                | (Le(ref column, offset + 16, b) << 16)
                | (Le(ref column, offset + 20, b) << 20)
                | (Le(ref column, offset + 24, b) << 24)
                | (Le(ref column, offset + 28, b) << 28);
        }
    }

    /// <summary>Four Vector512 compares into mask registers (AVX-512), when the hardware has them.</summary>
    private readonly struct Width512 : IWidth
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static uint LessOrEqual32(ref long column, nuint offset, long bound)
        {
            var b = Vector512.Create(bound);
            return (uint)(Le512(ref column, offset, b)
                | (Le512(ref column, offset + 8, b) << 8)
                | (Le512(ref column, offset + 16, b) << 16)
                | (Le512(ref column, offset + 24, b) << 24));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong Le512(ref long column, nuint offset, Vector512<long> bound) =>
            Vector512.LessThanOrEqual(Vector512.LoadUnsafe(ref column, offset), bound).ExtractMostSignificantBits();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Le(ref long column, nuint offset, Vector256<long> bound) =>
        Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref column, offset), bound).ExtractMostSignificantBits();
}
