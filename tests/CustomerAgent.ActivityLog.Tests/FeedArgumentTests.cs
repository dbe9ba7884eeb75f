using System.Text;
using NodaTime;

namespace CustomerAgent.ActivityLog.Tests;

/// <summary>The line-at-a-time feed's misuse checks (a line feed inside a line, an over-long line, looking back) and its count of accepted lines.</summary>
public sealed class FeedArgumentTests
{
    [Fact]
    public void A_line_holding_a_line_feed_or_as_long_as_the_maximum_with_its_end_is_misuse()
    {
        var feed = new ActivityLogFeed();
        var twoLines = Encoding.UTF8.GetBytes(Logs.Open + "\n" + Logs.Next);

        Assert.Equal("line", Assert.Throws<ArgumentException>(() => feed.Apply(1, twoLines, out _)).ParamName);
        Assert.Equal("line", Assert.Throws<ArgumentException>(() => ActivityLogFeed.Address(twoLines, out _, out _)).ParamName);
        // the maximum counts the line's end: one byte less is a line (of zeros: rejected as JSON), the maximum is not
        var longest = new byte[ActivityLogReader.MaxLineLength - 1];
        Assert.Equal(LineOutcome.Rejected, feed.Apply(1, longest, out var reason));
        Assert.StartsWith("LOG: line = ", reason, StringComparison.Ordinal);
        var huge = new byte[ActivityLogReader.MaxLineLength];
        var refused = Assert.Throws<ArgumentException>(() => feed.Apply(2, huge, out _));
        Assert.Equal("line", refused.ParamName);
        Assert.Contains("a line may be at most 67,108,863 bytes without its end", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, feed.AcceptedLineCount);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => new ActivityLogFeed(new ActivityLogReaderOptions { AsOf = Instant.FromUtc(2026, 6, 7, 0, 0) })).ParamName);
    }

    [Fact]
    public void The_feed_counts_the_lines_it_accepts_and_no_others()
    {
        var feed = new ActivityLogFeed();

        Assert.Equal(LineOutcome.Accepted, feed.Apply(1, Encoding.UTF8.GetBytes(Logs.Open), out _));
        Assert.Equal(LineOutcome.Skipped, feed.Apply(2, "# a comment"u8, out _));
        Assert.Equal(LineOutcome.Rejected, feed.Apply(3, "not json"u8, out var reason));
        Assert.StartsWith("LOG: line = 'not json' is not valid JSON: ", reason, StringComparison.Ordinal);
        Assert.Equal(LineOutcome.Accepted, feed.Apply(4, Encoding.UTF8.GetBytes(Logs.Next), out _));
        Assert.Equal(2, feed.AcceptedLineCount);
    }

    [Fact]
    public void Many_conversations_and_a_long_conversation_id_are_kept_each_under_its_own_id()
    {
        // more conversations than the feed's first room for them (4), and an ID longer than the first key buffer (256 bytes)
        var ids = Enumerable.Range(0, 10).Select(i => $"c{i}").Append(new string('L', 300)).ToList();
        var feed = new ActivityLogFeed();
        var number = 0L;
        foreach (var id in ids)
        {
            var open = Logs.Open.Replace("\"c1\"", $"\"{id}\"", StringComparison.Ordinal);
            Assert.Equal(LineOutcome.Accepted, feed.Apply(++number, Encoding.UTF8.GetBytes(open), out _));
        }

        var reply = Logs.Next.Replace("\"c1\"", $"\"{ids[^1]}\"", StringComparison.Ordinal);
        Assert.Equal(LineOutcome.Accepted, feed.Apply(++number, Encoding.UTF8.GetBytes(reply), out _));
        var conversations = feed.Conversations();
        Assert.Equal(ids, conversations.Select(c => c.Id.Value));
        Assert.Equal([.. Enumerable.Repeat(1, 10), 2], conversations.Select(c => c.MessageCount));
        Assert.Equal(Enumerable.Range(1, 11).Select(n => (long)n), conversations.Select(c => c.OpeningLineNumber));
    }
}
