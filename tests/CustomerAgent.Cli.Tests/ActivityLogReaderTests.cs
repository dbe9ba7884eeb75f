using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Cli.Tests;

public sealed class ActivityLogReaderTests
{
    private const string Open = """{"conversation":"c1","account":"acme","channel":"web-chat","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"Hi","profile":{"name":"Ann"}}""";

    private static ActivityLog Read(params string[] lines) => ActivityLogReader.Read(new StringReader(string.Join('\n', lines)));

    [Fact]
    public void R2_a_valid_log_becomes_conversations_through_the_aggregate()
    {
        var log = Read(
            Open,
            """{"conversation":"c1","account":"acme","at":"2026-06-07T10:01:00Z","type":"agent-message","text":"These?","skill":"product-recommendations","products":["SKU-1"]}""",
            """{"conversation":"c1","account":"acme","at":"2026-06-07T10:02:00Z","type":"product-click","product":"SKU-1"}""",
            """{"conversation":"c1","account":"acme","at":"2026-06-07T10:03:00Z","type":"close","by":"visitor"}""",
            """{"conversation":"c2","account":"acme","channel":"sms","mode":"preview","at":"2026-06-07T11:00:00+02:00","type":"shopper-message","text":"Yo"}""");

        Assert.Empty(log.Rejections);
        Assert.Equal(2, log.Conversations.Count);
        var c1 = log.Conversations[0];
        Assert.Equal("Ann", c1.Header.Profile.DisplayName);
        Assert.Equal(ConversationStatus.ResolvedByAi, ConversationClassifier.Default.Classify(c1, Instant.FromUtc(2026, 6, 7, 10, 3)).Status);
        Assert.Equal(Channel.Sms, log.Conversations[1].Channel);
        Assert.False(log.Conversations[1].IsCountedInMetrics);
        Assert.Equal(Instant.FromUtc(2026, 6, 7, 10, 3), log.LatestInstant);
    }

    [Fact]
    public void Same_conversation_id_in_two_accounts_is_two_conversations()
    {
        var log = Read(Open, Open.Replace("acme", "other", StringComparison.Ordinal));

        Assert.Empty(log.Rejections);
        Assert.Equal(2, log.Conversations.Count);
    }

    [Theory]
    [InlineData("""{"conversation":"c1","account":"acme","at":"2026-06-07T09:00:00Z","type":"tag","tag":"x"}""", "H1:")]
    [InlineData("""{"conversation":"c1","account":"acme","at":"2026-06-07T10:05:00Z","type":"product-click","product":"SKU-9"}""", "H2:")]
    [InlineData("""{"conversation":"c1","account":"acme","at":"2026-06-07T10:05:00Z","type":"ticket-answer","accepted":true}""", "H3:")]
    [InlineData("""{"conversation":"c1","account":"acme","at":"2026-06-09T10:00:00Z","type":"shopper-message","text":"late"}""", "D2:")]
    [InlineData("""{"conversation":"c9","account":"acme","at":"2026-06-07T10:05:00Z","type":"tag","tag":"x"}""", "H5:")]
    [InlineData("""{"conversation":"c1","account":"acme","channel":"sms","at":"2026-06-07T10:05:00Z","type":"tag","tag":"x"}""", "R1:")]
    [InlineData("""{"conversation":"c1","account":"acme","at":"2026-06-07T10:05:00Z","type":"wave"}""", "LOG:")]
    [InlineData("""{"conversation":"c1","account":"acme","at":"2026-06-07T10:05:00Z","type":"handoff","kind":"ticket","mode":"hard","reason":"explicit-ask"}""", "R3:")]
    [InlineData("""{"conversation":"c1","account":"acme","at":"yesterday","type":"tag","tag":"x"}""", "'yesterday' is not an ISO 8601 instant")]
    [InlineData("""{"conversation":"c1","account":"acme","type":"tag","tag":"x"}""", "field 'at' is missing")]
    [InlineData("""{"conversation":"c1", "account":""", "")]
    [InlineData("""[1,2]""", "a line must be a JSON object")]
    public void Every_bad_line_is_reported_with_its_number_and_the_rest_still_applies(string bad, string reason)
    {
        var log = Read(Open, bad, """{"conversation":"c1","account":"acme","at":"2026-06-07T10:06:00Z","type":"agent-message","text":"ok","skill":"general-qa"}""");

        var rejection = Assert.Single(log.Rejections);
        Assert.Equal(2, rejection.LineNumber);
        Assert.Contains(reason, rejection.Reason, StringComparison.Ordinal);
        Assert.Equal(2, Assert.Single(log.Conversations).History.Count);
    }

    [Fact]
    public void Blank_and_comment_lines_are_skipped_but_counted()
    {
        var log = Read("# a comment", "", Open, "{");

        Assert.Single(log.Conversations);
        Assert.Equal(4, Assert.Single(log.Rejections).LineNumber);
    }
}
