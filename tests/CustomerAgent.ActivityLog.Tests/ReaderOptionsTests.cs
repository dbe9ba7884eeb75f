namespace CustomerAgent.ActivityLog.Tests;

/// <summary>The reader's documented defaults: 4 MiB chunks, the maximum line length, 4 GiB before an endless line stops the read, lean, both cores.</summary>
public sealed class ReaderOptionsTests
{
    [Fact]
    public void The_defaults_are_the_documented_ones()
    {
        var options = ActivityLogReaderOptions.Default;

        Assert.Equal(4 * 1024 * 1024, options.ChunkSize);
        Assert.Equal(ActivityLogReader.MaxLineLength, options.MaxLineLength);
        Assert.Equal(4L * 1024 * 1024 * 1024, options.UnendedLineLimit);
        Assert.Equal((false, false, 0, (NodaTime.Instant?)null), (options.KeepConversations, options.CountsOnly, options.MaxDegreeOfParallelism, options.AsOf));
        Assert.Same(CustomerAgent.Conversations.ConversationPolicy.Default, options.Policy);
    }
}
