namespace CustomerAgent.ActivityLog.Tests;

/// <summary>R20: an account's preview conversations are kept apart and counted as such, in both reader modes and a counts-only read.</summary>
public sealed class PreviewCountTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void R20_an_account_counts_its_preview_conversations(bool keep, bool countsOnly)
    {
        var log = Logs.Bytes(
            ConversationRuleTests.Opening("live-1"),
            ConversationRuleTests.Line("2026-06-07T10:00:00Z", "shopper-message", ""","mode":"preview","text":"Hi" """.TrimEnd(), "preview-1", "acme", "web-chat"),
            ConversationRuleTests.Line("2026-06-07T10:01:00Z", "shopper-message", ""","mode":"preview","text":"Hi" """.TrimEnd(), "preview-2", "acme", "sms"),
            ConversationRuleTests.Opening("other-1", account: "other"));

        var read = ActivityLogReader.Read(new MemoryStream(log), new ActivityLogReaderOptions { KeepConversations = keep, CountsOnly = countsOnly });

        Assert.Empty(read.Rejections);
        Assert.Equal([("acme", 3, 2), ("other", 1, 0)], read.Accounts.Select(a => (a.AccountId.Value, a.ConversationCount, a.PreviewCount)).OrderBy(a => a.Value));
    }
}
