using System.Text;

namespace CustomerAgent.ActivityLog.Tests;

/// <summary>
/// A small log is read in a chunk of its own size (a seekable stream's bytes left, and one more), so reading it does not cost
/// the megabytes of a large one; what is read is the same whatever the chunk, the stream's position and whether it can seek.
/// </summary>
public sealed class ChunkSizeTests
{
    [Fact]
    public void A_seekable_stream_smaller_than_a_chunk_gets_a_chunk_of_its_bytes_left_and_one_more()
    {
        var log = Logs.Bytes(Logs.Open, Logs.Next);
        using var stream = new MemoryStream(log);
        Assert.Equal(log.Length + 1, ActivityLogReader.ChunkSizeFor(stream, 1 << 22));
        stream.Position = 10;
        Assert.Equal(log.Length - 10 + 1, ActivityLogReader.ChunkSizeFor(stream, 1 << 22));
        Assert.Equal(log.Length - 10, ActivityLogReader.ChunkSizeFor(stream, log.Length - 10));
        Assert.Equal(64, ActivityLogReader.ChunkSizeFor(stream, 64));
        stream.Position = log.Length;
        Assert.Equal(16, ActivityLogReader.ChunkSizeFor(stream, 1 << 22));
        Assert.Equal(1 << 22, ActivityLogReader.ChunkSizeFor(new UnseekableStream(log), 1 << 22));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void The_same_log_reads_the_same_from_any_stream_and_position(int parallel)
    {
        var lines = new[] { Logs.Open, Logs.Next, "not json", """{"conversation":"c1","account":"acme","at":"2026-06-07T10:07:00Z","type":"tag","tag":"vip"}""" };
        var log = Logs.Bytes(lines);
        var options = new ActivityLogReaderOptions { MaxDegreeOfParallelism = parallel };
        var expected = Describe(ActivityLogReader.Read(new UnseekableStream(log), options));

        Assert.Equal(expected, Describe(ActivityLogReader.Read(new MemoryStream(log), options)));
        var prefix = Encoding.UTF8.GetBytes("# a comment the reader is positioned after\n");
        using var positioned = new MemoryStream([.. prefix, .. log]) { Position = prefix.Length };
        Assert.Equal(expected, Describe(ActivityLogReader.Read(positioned, options)));
        Assert.Equal(4, ActivityLogReader.Read(new MemoryStream(log), options with { ChunkSize = 64 }).LineCount);
        Assert.Equal(expected, Describe(ActivityLogReader.Read(new MemoryStream(log), options with { ChunkSize = 64 })));
    }

    private static string Describe(ActivityLogResult result) =>
        $"{result.LineCount} lines, {result.AcceptedLineCount} accepted; "
        + string.Join("; ", result.Rejections.Select(r => $"{r.LineNumber}: {r.Reason}"))
        + " | " + string.Join("; ", result.Accounts.SelectMany(a => a.Conversations).Select(c => $"{c.Id} {c.MessageCount}"));

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
