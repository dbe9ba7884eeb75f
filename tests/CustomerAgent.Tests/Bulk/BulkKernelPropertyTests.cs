using CustomerAgent.Bulk;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerAgent.Tests.Bulk;

/// <summary>
/// The bulk kernels against the aggregate (each row's history replayed through <see cref="Conversation"/> and classified by
/// <see cref="ConversationClassifier"/>), and against each other; the builder accepts exactly the rows the aggregate accepts.
/// </summary>
public sealed class BulkKernelPropertyTests
{
    private static BulkStatusClassifier Classifier(BatchCase c, BulkKernel kernel, int minChunkRows = 1 << 16) =>
        new(c.Policy, kernel, minChunkRows);

    /// <summary>The scalar kernel, the vectorized kernel restricted to Vector256, and the vectorized kernel with Vector512 where the CPU has it.</summary>
    private static BulkStatusClassifier[] AllKernels(BatchCase c, int minChunkRows = 1 << 16) =>
    [
        new(c.Policy, BulkKernel.Scalar, minChunkRows),
        new(c.Policy, BulkKernel.Vectorized, minChunkRows, allowVector512: false),
        new(c.Policy, BulkKernel.Vectorized, minChunkRows, allowVector512: true),
    ];

    private static ConversationStatus[] Expected(BatchCase c) =>
        c.Rows.Select(r => BulkGenerators.Expected(r, c.AsOf, c.Policy)).ToArray();

    private static StatusCounts Tally(IEnumerable<ConversationStatus> statuses)
    {
        var list = statuses.ToList();
        return new StatusCounts(
            list.Count(s => s == ConversationStatus.Open),
            list.Count(s => s == ConversationStatus.ResolvedByAi),
            list.Count(s => s == ConversationStatus.NotResolvedByAi),
            list.Count(s => s == ConversationStatus.Closed),
            BulkGenerators.Account);
    }

    [Property(MaxTest = 400)]
    public Property D1_D2_H1_H6_the_builder_accepts_exactly_the_rows_the_aggregate_accepts_with_the_same_rule()
    {
        var gen = from policy in BulkGenerators.Policies from row in BulkGenerators.RowFor(policy) select (policy, row);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (policy, row) = input;
            var (conversation, aggregateRule) = BulkGenerators.Replay(row, policy);
            var builder = new ConversationBatchBuilder(BulkGenerators.Account, policy);
            var error = Record.Exception(() => builder.AddUnixNanoseconds(row.StartedAt, row.LastMessageAt, row.LastAuthor, row.HandoffAt, row.ClosedAt, row.Channel));
            if (conversation is null)
            {
                Assert.Equal(aggregateRule, Assert.IsType<CustomerAgentException>(error).Rule);
                Assert.Equal(0, builder.Count);
            }
            else
            {
                Assert.Null(error);
                Assert.Equal(1, builder.Count);
            }
        });
    }

    [Property(MaxTest = 300)]
    public Property D1_R2_R3_D3_scalar_and_vectorized_statuses_equal_the_rule_at_boundaries_and_sentinels()
    {
        return Prop.ForAll(BulkGenerators.Cases, c =>
        {
            var batch = c.ToBatch();
            var expected = Expected(c);
            foreach (var classifier in AllKernels(c).Append(Classifier(c, BulkKernel.Auto)))
            {
                var actual = new ConversationStatus[c.Rows.Length + 3];
                actual.AsSpan().Fill((ConversationStatus)0xEE);
                classifier.Classify(batch, c.AsOfInstant, actual);
                Assert.Equal(expected, actual[..c.Rows.Length]);
                Assert.All(actual[c.Rows.Length..], s => Assert.Equal((ConversationStatus)0xEE, s));
            }
        });
    }

    [Property(MaxTest = 300)]
    public Property R1_R15_fused_counts_equal_the_tally_of_statuses_for_every_kernel()
    {
        return Prop.ForAll(BulkGenerators.Cases, c =>
        {
            var batch = c.ToBatch();
            var expected = Expected(c);
            foreach (var classifier in AllKernels(c))
            {
                Assert.Equal(Tally(expected), classifier.CountByStatus(batch, c.AsOfInstant));
                var byChannel = classifier.CountByChannelAndStatus(batch, c.AsOfInstant);
                for (var ch = 0; ch < 4; ch++)
                {
                    var onChannel = expected.Where((_, i) => c.Rows[i].Channel == ch);
                    Assert.Equal(Tally(onChannel), byChannel.ForChannel((Channel)ch));
                }

                Assert.Equal(Tally(expected), byChannel.Total);
            }
        });
    }

    [Property(MaxTest = 200)]
    public Property R15_merging_partial_counts_of_any_split_equals_one_pass()
    {
        var gen =
            from c in BulkGenerators.Case
            from cuts in Gen.Choose(0, 400).ArrayOf()
            select (c, cuts);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (c, cuts) = input;
            var batch = c.ToBatch();
            var bounds = cuts.Select(x => x % (batch.Count + 1)).Append(0).Append(batch.Count).Distinct().Order().ToArray();
            foreach (var classifier in AllKernels(c))
            {
                var merged = classifier.CountByStatus(batch, 0, 0, c.AsOfInstant);
                var mergedByChannel = default(ChannelStatusCounts) + classifier.CountByChannelAndStatus(batch, 0, 0, c.AsOfInstant);
                var statuses = new ConversationStatus[batch.Count];
                for (var k = 0; k + 1 < bounds.Length; k++)
                {
                    var (start, length) = (bounds[k], bounds[k + 1] - bounds[k]);
                    merged += classifier.CountByStatus(batch, start, length, c.AsOfInstant);
                    mergedByChannel += classifier.CountByChannelAndStatus(batch, start, length, c.AsOfInstant);
                    classifier.Classify(batch, start, length, c.AsOfInstant, statuses.AsSpan(start));
                }

                Assert.Equal(classifier.CountByStatus(batch, c.AsOfInstant), merged);
                Assert.Equal(classifier.CountByChannelAndStatus(batch, c.AsOfInstant), mergedByChannel);
                Assert.Equal(Expected(c), statuses);
            }
        });
    }

    [Property(MaxTest = 150)]
    public Property R15_parallel_variants_equal_the_single_pass()
    {
        var gen =
            from c in BulkGenerators.Case
            from dop in Gen.Elements(-1, 1, 2, 3)
            from chunk in Gen.Elements(1, 32, 64, 100)
            select (c, dop, chunk);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (c, dop, chunk) = input;
            var batch = c.ToBatch();
            foreach (var (parallel, single) in AllKernels(c, chunk).Zip(AllKernels(c)))
            {
                Assert.Equal(single.CountByStatus(batch, c.AsOfInstant), parallel.CountByStatusParallel(batch, c.AsOfInstant, dop));
                Assert.Equal(single.CountByChannelAndStatus(batch, c.AsOfInstant), parallel.CountByChannelAndStatusParallel(batch, c.AsOfInstant, dop));
                var statuses = new ConversationStatus[batch.Count];
                parallel.ClassifyParallel(batch, c.AsOfInstant, statuses, dop);
                Assert.Equal(Expected(c), statuses);
            }
        });
    }

    [Fact]
    public void Vectorized_bit_spreading_matches_the_portable_fallback_for_every_byte()
    {
        for (var b = 0; b < 256; b++)
        {
            ulong expected = 0;
            for (var k = 0; k < 8; k++)
            {
                expected |= (ulong)((b >> k) & 1) << (8 * k);
            }

            Assert.Equal(expected, BulkKernels.SpreadPortable((byte)b));
            Assert.Equal(expected, BulkKernels.Spread((byte)b));
        }
    }
}
