using System.Text;
using CustomerAgent.Conversations;
using CustomerAgent.Serialization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CustomerAgent.ActivityLog.Tests;

/// <summary>
/// <see cref="ActivityLogFeed"/> is the reader applied one line at a time: a log split by <see cref="ActivityLogFeed.Address"/>
/// into one feed per conversation and one per account (as the live service's actors hold them) accepts and rejects the same
/// lines with the same reasons as <see cref="ActivityLogReader"/> on the whole file (H1–H5, D2, R1, R6, LOG), and its events
/// (screened by the account's switches, R12) are the reader's <see cref="AccountLog.Events"/>.
/// </summary>
public sealed class FeedAgreementTests
{
    [Property(MaxTest = 200)]
    public Property Feeds_split_by_address_agree_with_the_reader_on_generated_logs() =>
        Prop.ForAll(GeneratedLog.Generator.ToArbitrary(), log =>
        {
            var differences = Differences(log.Bytes());
            return (differences.Count == 0).Label(string.Join("\n", differences) + "\n" + log);
        });

    [Fact]
    public void Feeds_split_by_address_agree_with_the_reader_on_the_bundled_sample() =>
        Assert.Empty(Differences(File.ReadAllBytes(Logs.SamplePath)));

    [Fact]
    public void Broken_lines_and_a_rejected_opening_line_get_the_readers_reasons_H5()
    {
        var log = Logs.Bytes(
            """{"conversation":"c1","account":"acme","at":"2026-06-07T10:00:00Z","type":"tag","tag":"x","channel":"sms"}""",
            """{"conversation":"c1","account":"acme","at":"2026-06-07T10:01:00Z","type":"shopper-message","text":"Hi","channel":"sms"}""",
            "not json",
            "",
            "# a comment",
            """{"conversation":"c2","account":"acme","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"Hi","channel":"sms"}""",
            """{"conversation":"c2","account":"acme","at":"2026-06-07T09:00:00Z","type":"shopper-message","text":"Back in time"}""");
        Assert.Empty(Differences(log));
        var feed = new ActivityLogFeed();
        Assert.Equal(LineOutcome.Rejected, feed.Apply(1, Encoding.UTF8.GetBytes("""{"conversation":"c1","account":"acme","at":"2026-06-07T10:00:00Z","type":"tag","tag":"x"}"""), out var reason));
        Assert.StartsWith("H5", reason, StringComparison.Ordinal);
        Assert.Equal(LineOutcome.Rejected, feed.Apply(2, Encoding.UTF8.GetBytes("""{"conversation":"c1","account":"acme","at":"2026-06-07T10:01:00Z","type":"shopper-message","text":"Hi","channel":"sms"}"""), out reason));
        Assert.Contains("opening line (line 1) was rejected", reason, StringComparison.Ordinal);
        Assert.Empty(feed.Conversations());
        Assert.Equal(LineOutcome.Rejected, ActivityLogFeed.Address("not json"u8, out _, out reason));
        Assert.StartsWith("LOG", reason, StringComparison.Ordinal);
        Assert.Equal(LineOutcome.Skipped, ActivityLogFeed.Address("  # note"u8, out _, out _));
    }

    /// <summary>Every disagreement between the reader on <paramref name="log"/> and feeds per address on its lines.</summary>
    internal static List<string> Differences(byte[] log)
    {
        var read = Logs.Read(log);
        var expected = read.Rejections.ToDictionary(r => r.LineNumber, r => r.Reason);
        var feeds = new Dictionary<LineAddress, ActivityLogFeed>();
        var differences = new List<string>();
        var lines = Encoding.UTF8.GetString(log).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var bytes = Encoding.UTF8.GetBytes(lines[i].TrimEnd('\r'));
            string? reason;
            var outcome = ActivityLogFeed.Address(bytes, out var address, out reason);
            if (outcome == LineOutcome.Accepted)
            {
                if (!feeds.TryGetValue(address, out var feed))
                {
                    feeds[address] = feed = new ActivityLogFeed();
                }

                outcome = feed.Apply(number, bytes, out reason);
            }

            var wanted = expected.TryGetValue(number, out var r) ? r : null;
            if ((outcome == LineOutcome.Rejected) != (wanted is not null) || reason != wanted)
            {
                differences.Add($"line {number}: feed {outcome} {reason} / reader {wanted ?? "accepted or skipped"}");
            }
        }

        foreach (var account in read.Accounts)
        {
            var end = (account.LatestInstant ?? SupportedInstants.Start) + Duration.FromDays(60);
            var fromReader = account.Events(SupportedInstants.Start, end).Select(CustomerAgentJson.Serialize).Order(StringComparer.Ordinal).ToList();
            var switches = feeds.TryGetValue(new LineAddress(account.AccountId.Value, null), out var accountFeed) ? accountFeed.Switches(account.AccountId) : null;
            var fromFeeds = feeds.Where(f => f.Key.Account == account.AccountId.Value && f.Key.Conversation is not null)
                .SelectMany(f => f.Value.Events(SupportedInstants.Start, end, switches)).Select(CustomerAgentJson.Serialize).Order(StringComparer.Ordinal).ToList();
            if (!fromReader.SequenceEqual(fromFeeds))
            {
                differences.Add($"events of {account.AccountId}: reader {fromReader.Count}, feeds {fromFeeds.Count}:\n{string.Join("\n", fromReader.Except(fromFeeds).Concat(fromFeeds.Except(fromReader)))}");
            }
        }

        return differences;
    }
}
