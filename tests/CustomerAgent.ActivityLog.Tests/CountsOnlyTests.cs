using CustomerAgent.Dashboard;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CustomerAgent.ActivityLog.Tests;

/// <summary>
/// A counts-only read (<see cref="ActivityLogReaderOptions.CountsOnly"/>, what <c>customer-agent counts</c> uses): the same lines
/// accepted and rejected for the same reasons as a full read (H1–H5, D2, D5 all still checked), the same status and event counts
/// (R1–R5, R6–R9, R12, R20), and everything that needs what it does not keep refused rather than answered without it.
/// </summary>
public sealed class CountsOnlyTests
{
    [Property(MaxTest = 300)]
    public Property H2_D5_R1_R6_a_counts_only_read_rejects_and_counts_as_a_full_read_on_generated_logs() =>
        Prop.ForAll(GeneratedLog.Generator.ToArbitrary(), log =>
        {
            var bytes = log.Bytes();
            var differences = Modes.CountsOnlyDifferences(log.Read(ReaderMode.Lean), Modes.ReadCountsOnly(bytes, null, log.Parallel, log.Chunk));
            return (differences.Count == 0).Label(string.Join("\n", differences) + "\n" + log);
        });

    [Fact]
    public void H2_D5_a_click_of_a_product_never_recommended_and_a_repeated_order_are_rejected_by_a_counts_only_read_too()
    {
        string[] lines =
        [
            """{"conversation":"c1","account":"acme","channel":"web-chat","mode":"live","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"hi"}""",
            """{"conversation":"c1","account":"acme","at":"2026-06-07T10:01:00Z","type":"agent-message","text":"try","skill":"sales","products":["p1"]}""",
            """{"conversation":"c1","account":"acme","at":"2026-06-07T10:02:00Z","type":"product-click","product":"p2"}""",
            """{"conversation":"c1","account":"acme","at":"2026-06-07T10:03:00Z","type":"product-click","product":"p1"}""",
            """{"type":"order","account":"acme","at":"2026-06-07T11:00:00Z","order":"o-1","shopper":{"email":"ann@example.com"},"amount":10.00,"currency":"EUR"}""",
            """{"type":"order","account":"acme","at":"2026-06-07T11:05:00Z","order":"o-1","shopper":{"email":"ann@example.com"},"amount":10.00,"currency":"EUR"}""",
        ];
        var full = Modes.ReadOnly(ReaderMode.Lean, Logs.Bytes(lines));
        var countsOnly = Modes.ReadCountsOnly(Logs.Bytes(lines));

        Assert.Empty(Modes.CountsOnlyDifferences(full, countsOnly));
        Assert.Equal([3L, 6L], countsOnly.Result.Rejections.Select(r => r.LineNumber));
        Assert.StartsWith("H2:", countsOnly.Result.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.StartsWith("D5:", countsOnly.Result.Rejections[1].Reason, StringComparison.Ordinal);
        Assert.Equal(1, countsOnly.Result.ConversationCount);
    }

    [Fact]
    public void What_a_counts_only_read_does_not_keep_is_refused_not_answered_empty()
    {
        var log = Modes.ReadCountsOnly(File.ReadAllBytes(Logs.SamplePath)).Result;
        var account = log.Accounts[0];
        var at = account.AsOf!.Value;
        var period = ReportingPeriod.ForPreset(AccountReportingSettings.Create(account.AccountId, "Europe/Paris"), ReportingPreset.Last7Days, at);

        // what it answers
        Assert.True(account.CountByChannelAndStatus(at).Total.Total > 0);
        Assert.NotEmpty(account.CountEventsAsOf(at));
        Assert.True(account.LiveConversations().Count > 0);
        Assert.Contains("orders", account.ToString(), StringComparison.Ordinal);

        // what it refuses, each naming itself and the option
        var refused = new (string Member, Action Call)[]
        {
            ("Orders", () => _ = account.Orders),
            ("Touches", () => _ = account.Touches),
            ("Conversations", () => _ = account.Conversations),
            ("FactsById", () => account.FactsById()),
            ("Accumulate", () => account.Dashboard(period)),
            ("Sales", () => account.Sales(period)),
            ("SalesOfEveryPeriod", () => account.SalesOfEveryPeriod()),
            ("Table", () => account.Table(ConversationTableQuery.Create(account.AccountId), _ => string.Empty)),
            ("AllRows", () => account.AllRows(ConversationTableQuery.Create(account.AccountId), _ => string.Empty)),
            ("Events", () => account.Events(at - Duration.FromDays(1), at)),
            ("Activity", () => account.Activity()),
        };
        foreach (var (member, call) in refused)
        {
            var error = Assert.Throws<InvalidOperationException>(call);
            Assert.StartsWith($"{member} needs what a counts-only read does not keep", error.Message, StringComparison.Ordinal);
            Assert.Contains("ActivityLogReaderOptions.CountsOnly", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_counts_only_read_cannot_also_keep_aggregates()
    {
        foreach (var options in new[] { new ActivityLogReaderOptions { CountsOnly = true, KeepConversations = true }, new ActivityLogReaderOptions { CountsOnly = true, KeepConversation = (_, _) => true } })
        {
            var error = Assert.Throws<ArgumentException>(() => ActivityLogReader.Read(new MemoryStream(File.ReadAllBytes(Logs.SamplePath)), options));
            Assert.Equal("options", error.ParamName);
            Assert.Throws<ArgumentException>(() => new ActivityLogFeed(options));
        }
    }
}
