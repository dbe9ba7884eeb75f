using System.Text;

namespace CustomerAgent.ActivityLog.Tests;

/// <summary>Issue 16, huge and endless input: a line over the maximum is rejected with its number and the reading goes on; an endless line stops the read with a clear error; never an internal error.</summary>
public sealed class HugeLineTests
{
    private const int Max = 256;

    private static ActivityLogResult Read(byte[] log, int parallel, int chunk, long unended = 1 << 20) =>
        ActivityLogReader.Read(new MemoryStream(log), new ActivityLogReaderOptions
        {
            MaxDegreeOfParallelism = parallel,
            ChunkSize = chunk,
            MaxLineLength = Max,
            UnendedLineLimit = unended,
        });

    public static TheoryData<int, int> Modes => new() { { 1, 16 }, { 1, 100 }, { 2, 16 }, { 2, 4096 }, { 0, 1 << 22 } };

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_line_over_the_maximum_is_rejected_with_its_number_and_real_length_and_the_reading_goes_on(int parallel, int chunk)
    {
        var huge = "{\"conversation\":\"" + new string('x', 5000) + "\"}";
        var second = Logs.Open.Replace("\"c1\"", "\"c2\"", StringComparison.Ordinal).Replace("\"Hi\"", "\"Hello again\"", StringComparison.Ordinal);
        var log = Logs.Bytes(Logs.Open, huge, Logs.Next, second, new string('y', Max), "# done");

        var result = Read(log, parallel, chunk);

        Assert.Equal(6, result.LineCount);
        Assert.Equal(3, result.AcceptedLineCount);
        Assert.Equal([2L, 5L], result.Rejections.Select(r => r.LineNumber));
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"line is {huge.Length:N0} bytes long, over the maximum line length"), result.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetBytes(huge)[..Math.Min(Max, ChunkReader.OverlongKeptBytes)], result.Rejections[0].Bytes.ToArray());
        Assert.Contains($"line is {Max:N0} bytes long", result.Rejections[1].Reason, StringComparison.Ordinal);

        // the offsets after a skipped line are still right: the opening line is read again from its offset
        using var stream = new MemoryStream(log);
        var summaries = result.Accounts.Single().Conversations.OrderBy(c => c.Id.Value, StringComparer.Ordinal).ToList();
        Assert.Equal("Hi", ActivityLogReader.ReadOpeningMessage(stream, summaries[0]));
        Assert.Equal("Hello again", ActivityLogReader.ReadOpeningMessage(stream, summaries[1]));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_last_line_over_the_maximum_without_an_end_is_rejected(int parallel, int chunk)
    {
        var log = Encoding.UTF8.GetBytes(Logs.Open + "\n" + new string('\0', 3000));

        var result = Read(log, parallel, chunk);

        Assert.Equal(2, result.LineCount);
        Assert.Equal(2L, result.Rejections.Single().LineNumber);
        Assert.Contains("line is 3,000 bytes long", result.Rejections.Single().Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_line_that_never_ends_stops_the_read_with_its_number(int parallel, int chunk)
    {
        var start = Logs.Bytes(Logs.Open, Logs.Next);

        var ex = Assert.Throws<InvalidDataException>(() => ActivityLogReader.Read(new EndlessStream(start), new ActivityLogReaderOptions
        {
            MaxDegreeOfParallelism = parallel,
            ChunkSize = chunk,
            MaxLineLength = Max,
            UnendedLineLimit = 1 << 16,
        }));

        Assert.StartsWith("line 3 (at byte ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("has no end after", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_invalid_line_echo_says_its_real_size()
    {
        var line = "{" + new string('a', 100_000);

        var reason = Logs.Read(line).Rejections.Single().Reason;

        Assert.Contains("…(+99,901 bytes)", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("(+300 chars)", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_documented_maximum_is_64_MiB() => Assert.Equal(64 * 1024 * 1024, ActivityLogReader.MaxLineLength);

    /// <summary>Some bytes, then zeros for ever (as /dev/zero).</summary>
    private sealed class EndlessStream(byte[] start) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = buffer.Length;
            for (var i = 0; i < n; i++)
            {
                buffer[i] = _position + i < start.Length ? start[_position + i] : (byte)0;
            }

            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
