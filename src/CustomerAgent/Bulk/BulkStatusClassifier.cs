using System.Runtime.InteropServices;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Bulk;

/// <summary>
/// The status rules of <see cref="ConversationClassifier"/> (R1–R5, D1–D3) applied to a whole <see cref="ConversationBatch"/>
/// as of one instant: statuses written into a caller's span, or only counted per status or per channel × status.
/// </summary>
/// <remarks>
/// <para>
/// Per row, as of <c>asOf</c>: a handoff at or before <c>asOf</c> gives <see cref="ConversationStatus.NotResolvedByAi"/>;
/// otherwise the close instant is the explicit close if any, else last message + the policy's timeout; at or after it
/// (inclusive, D1) the row is <see cref="ConversationStatus.ResolvedByAi"/> when the agent wrote the last message, else
/// <see cref="ConversationStatus.Closed"/>; before it, <see cref="ConversationStatus.Open"/>. This equals
/// <c>new ConversationClassifier(policy).Classify(conversation, asOf).Status</c> for every conversation of the batch.
/// </para>
/// <para>
/// <b>One timeout.</b> The classifier is built from a <see cref="ConversationPolicy"/> and classifies only batches built under an
/// equal policy (<see cref="ConversationBatch.Policy"/>); any other is rejected (D1). Counts carry the batch's account.
/// </para>
/// <para>
/// <b>Errors</b>: plain argument misuse (null batch, destination too short, a row range outside the batch, an undefined
/// degree of parallelism) throws the <see cref="ArgumentException"/> family. A rule broken by the values (an <c>asOf</c> before
/// the latest start in the batch or a batch under another policy, D1; an <c>asOf</c> outside <see cref="SupportedInstants"/>,
/// H6; an undefined kernel) throws <see cref="CustomerAgentException"/>.
/// </para>
/// <para>
/// <b>Cost</b>: one pass over 17 bytes per row (plus 1 byte per row written by <c>Classify</c>, or 1 read for the channel),
/// no allocation. The <c>…Parallel</c> variants split the rows into chunks of whole 32-row blocks run with
/// <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> and merge the partial counts; they allocate a few
/// small objects per call (the loop state and one partial result per chunk), never per row.
/// Immutable and thread-safe.
/// </para>
/// </remarks>
public sealed class BulkStatusClassifier
{
    private const int DefaultMinChunkRows = 1 << 16;

    private readonly long _autoCloseNanoseconds;
    private readonly int _minChunkRows;
    private readonly bool _allowVector512;

    /// <summary>Creates a classifier for batches built under <paramref name="policy"/>.</summary>
    /// <param name="policy">The policy (inactivity timeout, R2 c, D1) every classified batch must have.</param>
    /// <param name="kernel">The implementation to run; every kernel gives the same results.</param>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    /// <exception cref="CustomerAgentException"><paramref name="kernel"/> is not defined.</exception>
    public BulkStatusClassifier(ConversationPolicy policy, BulkKernel kernel = BulkKernel.Auto)
        : this(policy, kernel, DefaultMinChunkRows)
    {
    }

    /// <summary>For tests: smaller parallel chunks, and the Vector256-only path on hardware that has Vector512.</summary>
    internal BulkStatusClassifier(ConversationPolicy policy, BulkKernel kernel, int minChunkRows, bool allowVector512 = true)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _allowVector512 = allowVector512;
        Policy = policy;
        Kernel = Preconditions.CheckDefined(kernel, "kernel", "BULK");
        _autoCloseNanoseconds = policy.AutoCloseAfter.ToInt64Nanoseconds();
        // Stryker disable once Arithmetic : the chunk size only; any split classifies and counts the same rows
        _minChunkRows = Math.Max(BulkKernels.BlockRows, minChunkRows / BulkKernels.BlockRows * BulkKernels.BlockRows);
    }

    /// <summary>A shared classifier for <see cref="ConversationPolicy.Default"/> (48 hours) with the fastest kernel.</summary>
    public static BulkStatusClassifier Default { get; } = new(ConversationPolicy.Default);

    /// <summary>The policy (inactivity timeout) this classifier applies; it classifies only batches built under an equal policy.</summary>
    public ConversationPolicy Policy { get; }

    /// <summary>The implementation this classifier runs.</summary>
    public BulkKernel Kernel { get; }

    /// <summary>Writes the status of every row as of <paramref name="asOf"/> into the first <c>batch.Count</c> elements of <paramref name="statuses"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="batch"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="statuses"/> is shorter than the batch.</exception>
    /// <exception cref="CustomerAgentException"><paramref name="asOf"/> is before the latest start in the batch or outside the nanosecond range (D1).</exception>
    public void Classify(ConversationBatch batch, Instant asOf, Span<ConversationStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Classify(batch, 0, batch.Count, asOf, statuses);
    }

    /// <summary>Writes the status of rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="length"/> − 1 into the first <paramref name="length"/> elements of <paramref name="statuses"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="batch"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The row range is not inside the batch.</exception>
    /// <exception cref="ArgumentException"><paramref name="statuses"/> is shorter than <paramref name="length"/>.</exception>
    /// <exception cref="CustomerAgentException"><paramref name="asOf"/> is before the latest start in the batch or outside the nanosecond range (D1).</exception>
    public void Classify(ConversationBatch batch, int start, int length, Instant asOf, Span<ConversationStatus> statuses)
    {
        var (t, threshold) = Prepare(batch, start, length, asOf);
        var destination = Destination(statuses, length);
        // Stryker disable once Equality : which kernel classifies; every kernel gives the same statuses (BulkKernelPropertyTests)
        if (Kernel == BulkKernel.Scalar)
        {
            BulkKernels.ClassifyScalar(batch, start, length, t, threshold, destination);
        }
        else
        {
            BulkKernels.ClassifyVector(batch, start, length, t, threshold, destination, _allowVector512);
        }
    }

    /// <summary>Counts the rows per status as of <paramref name="asOf"/> without writing statuses (the dashboard's KPIs, R15).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="batch"/> is null.</exception>
    /// <exception cref="CustomerAgentException"><paramref name="asOf"/> is before the latest start in the batch or outside the nanosecond range (D1).</exception>
    public StatusCounts CountByStatus(ConversationBatch batch, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return CountByStatus(batch, 0, batch.Count, asOf);
    }

    /// <summary>Counts rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="length"/> − 1 per status as of <paramref name="asOf"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="batch"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The row range is not inside the batch.</exception>
    /// <exception cref="CustomerAgentException"><paramref name="asOf"/> is before the latest start in the batch or outside the nanosecond range (D1).</exception>
    public StatusCounts CountByStatus(ConversationBatch batch, int start, int length, Instant asOf)
    {
        var (t, threshold) = Prepare(batch, start, length, asOf);
        return CountRange(batch, start, length, t, threshold);
    }

    /// <summary>Counts the rows per channel and status as of <paramref name="asOf"/> (R14: the chart grouped by channel and status).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="batch"/> is null.</exception>
    /// <exception cref="CustomerAgentException"><paramref name="asOf"/> is before the latest start in the batch or outside the nanosecond range (D1).</exception>
    public ChannelStatusCounts CountByChannelAndStatus(ConversationBatch batch, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return CountByChannelAndStatus(batch, 0, batch.Count, asOf);
    }

    /// <summary>Counts rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="length"/> − 1 per channel and status as of <paramref name="asOf"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="batch"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The row range is not inside the batch.</exception>
    /// <exception cref="CustomerAgentException"><paramref name="asOf"/> is before the latest start in the batch or outside the nanosecond range (D1).</exception>
    public ChannelStatusCounts CountByChannelAndStatus(ConversationBatch batch, int start, int length, Instant asOf)
    {
        var (t, threshold) = Prepare(batch, start, length, asOf);
        return CountByChannelRange(batch, start, length, t, threshold);
    }

    /// <summary>Like <see cref="Classify(ConversationBatch, Instant, Span{ConversationStatus})"/>, on several threads (chunks of rows).</summary>
    /// <param name="batch">The rows.</param>
    /// <param name="asOf">The instant.</param>
    /// <param name="statuses">Receives the statuses; at least <c>batch.Count</c> long.</param>
    /// <param name="maxDegreeOfParallelism">At most this many threads; −1 for the scheduler's default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="batch"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="statuses"/> is shorter than the batch.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or less than −1.</exception>
    /// <exception cref="CustomerAgentException"><paramref name="asOf"/> is before the latest start in the batch or outside the nanosecond range (D1).</exception>
    public void ClassifyParallel(ConversationBatch batch, Instant asOf, Memory<ConversationStatus> statuses, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var (t, threshold) = Prepare(batch, 0, batch.Count, asOf);
        _ = Destination(statuses.Span, batch.Count);
        var (chunks, chunkRows) = Chunking(batch.Count, maxDegreeOfParallelism, out var options);
        // Stryker disable once Equality : which kernel classifies; every kernel gives the same statuses (BulkKernelPropertyTests)
        var vector = Kernel != BulkKernel.Scalar;
        Parallel.For(0, chunks, options, j =>
        {
            var start = j * chunkRows;
            var length = Math.Min(chunkRows, batch.Count - start);
            var destination = MemoryMarshal.AsBytes(statuses.Span.Slice(start, length));
            // Stryker disable once Boolean : which kernel classifies; every kernel gives the same statuses (BulkKernelPropertyTests)
            if (vector)
            {
                BulkKernels.ClassifyVector(batch, start, length, t, threshold, destination, _allowVector512);
            }
            else
            {
                BulkKernels.ClassifyScalar(batch, start, length, t, threshold, destination);
            }
        });
    }

    /// <summary>Like <see cref="CountByStatus(ConversationBatch, Instant)"/>, on several threads; the partial counts are merged.</summary>
    /// <param name="batch">The rows.</param>
    /// <param name="asOf">The instant.</param>
    /// <param name="maxDegreeOfParallelism">At most this many threads; −1 for the scheduler's default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="batch"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or less than −1.</exception>
    /// <exception cref="CustomerAgentException"><paramref name="asOf"/> is before the latest start in the batch or outside the nanosecond range (D1).</exception>
    public StatusCounts CountByStatusParallel(ConversationBatch batch, Instant asOf, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var (t, threshold) = Prepare(batch, 0, batch.Count, asOf);
        return SumParallel(batch, maxDegreeOfParallelism, (start, length) => CountRange(batch, start, length, t, threshold), static (a, b) => a + b);
    }

    /// <summary>Like <see cref="CountByChannelAndStatus(ConversationBatch, Instant)"/>, on several threads; the partial counts are merged.</summary>
    /// <param name="batch">The rows.</param>
    /// <param name="asOf">The instant.</param>
    /// <param name="maxDegreeOfParallelism">At most this many threads; −1 for the scheduler's default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="batch"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or less than −1.</exception>
    /// <exception cref="CustomerAgentException"><paramref name="asOf"/> is before the latest start in the batch or outside the nanosecond range (D1).</exception>
    public ChannelStatusCounts CountByChannelAndStatusParallel(ConversationBatch batch, Instant asOf, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var (t, threshold) = Prepare(batch, 0, batch.Count, asOf);
        return SumParallel(batch, maxDegreeOfParallelism, (start, length) => CountByChannelRange(batch, start, length, t, threshold), static (a, b) => a + b);
    }

    private static Span<byte> Destination(Span<ConversationStatus> statuses, int length)
    {
        if (statuses.Length < length)
        {
            throw new ArgumentException($"The destination holds {statuses.Length} statuses but {length} rows are classified.", nameof(statuses));
        }

        return MemoryMarshal.AsBytes(statuses[..length]);
    }

    private StatusCounts CountRange(ConversationBatch batch, int start, int length, long t, long threshold)
    {
        // Stryker disable once all : which kernel counts; every kernel gives the same counts (BulkKernelPropertyTests)
        var counts = Kernel == BulkKernel.Scalar
            ? BulkKernels.CountScalar(batch, start, length, t, threshold)
            : BulkKernels.CountVector(batch, start, length, t, threshold, _allowVector512);
        return new StatusCounts(counts.Open, counts.ResolvedByAi, counts.NotResolvedByAi, counts.Closed, batch.AccountId);
    }

    private ChannelStatusCounts CountByChannelRange(ConversationBatch batch, int start, int length, long t, long threshold)
    {
        // Stryker disable once all : which kernel counts; every kernel gives the same counts (BulkKernelPropertyTests)
        var counts = Kernel == BulkKernel.Scalar
            ? BulkKernels.CountByChannelScalar(batch, start, length, t, threshold)
            : BulkKernels.CountByChannelVector(batch, start, length, t, threshold, _allowVector512);
        return counts.WithAccount(batch.AccountId);
    }

    /// <summary>Counts each chunk of rows on the thread pool and merges the partial counts in chunk order.</summary>
    private TCounts SumParallel<TCounts>(ConversationBatch batch, int maxDegreeOfParallelism, Func<int, int, TCounts> countRange, Func<TCounts, TCounts, TCounts> add)
        where TCounts : struct
    {
        var (chunks, chunkRows) = Chunking(batch.Count, maxDegreeOfParallelism, out var options);
        var partial = new TCounts[chunks];
        Parallel.For(0, chunks, options, j =>
        {
            var start = j * chunkRows;
            partial[j] = countRange(start, Math.Min(chunkRows, batch.Count - start));
        });
        var total = add(default, countRange(0, 0));
        foreach (var p in partial)
        {
            total = add(total, p);
        }

        return total;
    }

    private (int Chunks, int ChunkRows) Chunking(int rows, int maxDegreeOfParallelism, out ParallelOptions options)
    {
        if (maxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "must be positive, or -1 for the default");
        }

        // Stryker disable once Initializer : the thread limit only; the results do not depend on how many threads run
        options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        // Stryker disable once all : the number of workers only sets the number of chunks; any split covers every row once
        var workers = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : Math.Min(maxDegreeOfParallelism, Environment.ProcessorCount);

        // Two chunks per worker balance a noisy neighbour without much merging; each chunk is whole 32-row blocks.
        // Stryker disable once all : the number of chunks only; chunkRows and the final count of chunks are derived from it
        var byRows = (int)Math.Max(1L, ((long)rows + _minChunkRows - 1) / _minChunkRows);
        // Stryker disable once all : the number of chunks only; chunkRows and the final count of chunks are derived from it
        var chunks = Math.Max(1, Math.Min(byRows, workers * 2));
        // Stryker disable once all : the chunk size only; the final count of chunks is derived from it, so every row is covered once
        var chunkRows = (int)((((long)rows + chunks - 1) / chunks + BulkKernels.BlockRows - 1) / BulkKernels.BlockRows * BulkKernels.BlockRows);
        // Stryker disable once Linq : the chunk size only; the final count of chunks is derived from it
        chunkRows = Math.Max(chunkRows, BulkKernels.BlockRows);
        chunks = rows == 0 ? 0 : (int)(((long)rows + chunkRows - 1) / chunkRows);
        return (chunks, chunkRows);
    }

    private (long T, long Threshold) Prepare(ConversationBatch batch, int start, int length, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, batch.Count - start, nameof(length));
        if (!Policy.Equals(batch.Policy))
        {
            throw new CustomerAgentException("D1", "batch.policy", batch.Policy.ToString(), $"differs from the {Policy} this classifier was built with; build batches and classifiers from the one policy the services use");
        }

        var t = ConversationBatch.ToUnixNanoseconds(asOf, "asOf");
        if (batch.Count > 0 && t < batch.LatestStartedAtNanoseconds)
        {
            throw new CustomerAgentException("D1", "asOf", Preconditions.Format(asOf), $"is before the latest conversation start in the batch, {Preconditions.Format(ConversationBatch.FromUnixNanoseconds(batch.LatestStartedAtNanoseconds))}; a status is defined only from the conversation's start on");
        }

        // t is a supported instant (H6), so t - timeout is far from long.MinValue.
        return (t, t - _autoCloseNanoseconds);
    }
}
