using System.Text;
using CustomerAgent.Conversations;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerAgent.ActivityLog.Tests;

/// <summary>Nothing is lost: the rejected plus the accepted (plus skipped) lines are exactly the input, byte for byte, with line numbers.</summary>
public sealed class NothingLostTests
{
    /// <summary>Every kind of bad line, each with the start of its expected reason.</summary>
    internal static readonly (byte[] Line, string Reason)[] BadLines =
    [
        (Encoding.UTF8.GetBytes("""{"conversation":"zz","account":"acme","channel":"web-chat","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"\ud800"}"""), "LOG: field 'text'"),
        (InvalidUtf8("""{"conversation":"zX","account":"acme","at":"2026-06-07T10:00:00Z","type":"tag","tag":"x"}"""), "LOG: line is not valid UTF-8"),
        (Encoding.UTF8.GetBytes("""{"conversation":"zz","account":"acme","channel":"web-chat","mode":1,"at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"x"}"""), "LOG: field 'mode'"),
        (Encoding.UTF8.GetBytes("""{"conversation":"zz","conversation":"zz","account":"acme","at":"2026-06-07T10:00:00Z","type":"tag","tag":"x"}"""), "LOG: field 'conversation' appears twice"),
        (Encoding.UTF8.GetBytes("""{"conversation":"zz","account":"acme","at":"2026-06-07T10:00:00Z","type":"tag","tagg":"x"}"""), "LOG: field 'tagg'"),
        (Encoding.UTF8.GetBytes("""{"conversation":"zz","account":"acme","channel":"web-chat","at":"2999-06-07T10:00:00Z","type":"shopper-message","text":"x"}"""), "H6:"),
        (Encoding.UTF8.GetBytes("""{"conversation":"zz","account":"acme","at":"2026-06-07T10:00:00Z","type":"tag","tag":[[[[["x"]]]]]}"""), "LOG: line nests deeper"),
        (Encoding.UTF8.GetBytes("\"just a string\""), "LOG: line = "),
        (Encoding.UTF8.GetBytes("{\"conversation\":"), "LOG: line = "),
        (Encoding.UTF8.GetBytes("""{"conversation":"zz","account":"acme","at":"2026-06-07T10:00:00Z","type":"tag","tag":"x"}"""), "H5:"),
        (Encoding.UTF8.GetBytes("""{"conversation":"zz","account":"acme","channel":"web-chat","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"x","profile":{"email":"not-an-email"}}"""), "R11:"),
        (Encoding.UTF8.GetBytes("""{"type":"order","account":"acme","at":"2026-06-07T10:00:00Z","order":"o","shopper":{},"amount":1,"currency":"EUR"}"""), "R11:"),
    ];

    private static byte[] InvalidUtf8(string line) =>
        Encoding.UTF8.GetBytes(line).SelectMany(b => b == (byte)'X' ? new byte[] { 0xC3, 0x28 } : [b]).ToArray();

    private static readonly string[] GoodLines =
    [
        """{"conversation":"g1","account":"acme","channel":"web-chat","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"Hi"}""",
        """{"type":"touch","account":"acme","at":"2026-06-07T10:00:00Z","channel":"email","kind":"open","shopper":{"email":"a@example.com"}}""",
        """{"type":"agent-switch","account":"b","at":"2026-06-07T10:00:00Z","channel":"sms","enabled":true}""",
        "# comment",
        "",
    ];

    /// <summary>In each reader mode; and both modes accept and reject the same lines with the same reasons (<see cref="Modes"/>).</summary>
    [Property(MaxTest = 200)]
    public Property Rejected_plus_accepted_lines_are_exactly_the_input_lines_in_both_modes()
    {
        var pick = Gen.Elements(BadLines.Select(b => b.Line).Concat(GoodLines.Select(Encoding.UTF8.GetBytes)).ToArray());
        var gen = Gen.ListOf(pick).Zip(Gen.Choose(16, 512)).Zip(Gen.Elements(1, 2));
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var ((lines, chunk), parallel) = input;
            var log = Logs.Join(lines);
            var differences = Modes.Differences(Modes.ReadOnly(ReaderMode.Lean, log, null, parallel, chunk), Modes.ReadOnly(ReaderMode.KeepConversations, log, null, parallel, chunk));
            return differences.Count == 0 && IsExactlyTheInput(lines, chunk, parallel, ReaderMode.Lean) && IsExactlyTheInput(lines, chunk, parallel, ReaderMode.KeepConversations);
        });
    }

    /// <summary>Whether one read in <paramref name="mode"/> gives back every line not skipped, rejected or accepted, byte for byte with its number.</summary>
    private static bool IsExactlyTheInput(IReadOnlyList<byte[]> lines, int chunk, int parallel, ReaderMode mode)
    {
        var log = Logs.Join(lines);
        var accepted = new List<(long, byte[])>();
        var result = ActivityLogReader.Read(new MemoryStream(log), new ActivityLogReaderOptions { KeepConversations = mode == ReaderMode.KeepConversations, MaxDegreeOfParallelism = parallel, ChunkSize = chunk, OnAccepted = (n, l) => accepted.Add((n, l.ToArray())) });

        var rebuilt = new SortedDictionary<long, byte[]>();
        foreach (var (n, bytes) in accepted)
        {
            rebuilt.Add(n, bytes);
        }

        foreach (var r in result.Rejections)
        {
            rebuilt.Add(r.LineNumber, r.Bytes.ToArray());
        }

        var expected = lines.Select((l, i) => (Number: i + 1L, Line: l)).Where(x => !LineParser.IsSkipped(x.Line)).ToList();
        return result.LineCount == lines.Count
            && result.SkippedLineCount + result.AcceptedLineCount + result.Rejections.Count == lines.Count
            && expected.Select(x => x.Number).SequenceEqual(rebuilt.Keys)
            && expected.All(x => x.Line.AsSpan().SequenceEqual(rebuilt[x.Number]));
    }

    /// <summary>The salted sample: every kind of bad line interleaved with the valid sample gives the sample's numbers and each bad line back.</summary>
    [Theory]
    [InBothModes]
    public void A_salted_log_yields_exactly_the_valid_numbers_and_every_bad_line_verbatim(ReaderMode mode)
    {
        var clean = File.ReadAllBytes(Logs.SamplePath);
        var cleanLines = Encoding.UTF8.GetString(clean).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Encoding.UTF8.GetBytes).ToList();
        var salted = new List<byte[]>();
        var expectedBad = new List<(long Number, byte[] Line, string Reason)>();
        for (var i = 0; i < cleanLines.Count; i++)
        {
            salted.Add(cleanLines[i]);
            if (i % 37 == 10)
            {
                var (bad, reason) = BadLines[(i / 37) % BadLines.Length];
                salted.Add(bad);
                expectedBad.Add((salted.Count, bad, reason));
            }
        }

        var reference = Logs.Read(clean);
        var result = Modes.Read(mode, Logs.Join(salted), parallel: 2, chunk: 4096);
        var asOf = reference.LatestInstant!.Value;

        Assert.Equal(expectedBad.Count, result.Rejections.Count);
        foreach (var ((number, line, reason), actual) in expectedBad.Zip(result.Rejections))
        {
            Assert.Equal(number, actual.LineNumber);
            Assert.Equal(line, actual.Bytes.ToArray());
            Assert.StartsWith(reason, actual.Reason, StringComparison.Ordinal);
        }

        Assert.Equal(reference.LatestInstant, result.LatestInstant);
        foreach (var account in reference.Accounts)
        {
            var salt = Assert.Single(result.Accounts, a => a.AccountId == account.AccountId);
            Assert.Equal(account.CountByChannelAndStatus(asOf), salt.CountByChannelAndStatus(asOf));
            Assert.Equal(account.CountEventsAsOf(asOf), salt.CountEventsAsOf(asOf));
            Assert.Equal(account.Orders.Count, salt.Orders.Count);
            Assert.Equal(account.Touches.Count, salt.Touches.Count);
            Assert.Equal(account.Conversations.Count, salt.Conversations.Count);
        }

        Assert.Equal(mode == ReaderMode.KeepConversations ? reference.ConversationCount : 0, result.Conversations.Count);
    }

    [Fact]
    public void The_result_does_not_depend_on_chunk_size_or_parallelism()
    {
        var log = File.ReadAllBytes(Logs.SamplePath);
        var a = Logs.Read(log, parallel: 1, chunk: 1 << 22);
        var b = Logs.Read(log, parallel: 2, chunk: 100);
        var asOf = a.LatestInstant!.Value;

        Assert.Equal(a.Accounts.Select(x => x.CountByChannelAndStatus(asOf)), b.Accounts.Select(x => x.CountByChannelAndStatus(asOf)));
        Assert.Equal(
            a.Accounts.SelectMany(x => x.Conversations).Select(c => (c.Id, c.OpeningLineNumber, c.OpeningLineOffset, c.MessageCount, string.Join(",", c.Tags))),
            b.Accounts.SelectMany(x => x.Conversations).Select(c => (c.Id, c.OpeningLineNumber, c.OpeningLineOffset, c.MessageCount, string.Join(",", c.Tags))));
        var first = a.Accounts[0].Conversations[0];
        using var file = File.OpenRead(Logs.SamplePath);
        Assert.Contains($"\"conversation\":\"{first.Id}\"", Encoding.UTF8.GetString(ActivityLogReader.ReadLineAt(file, first.OpeningLineOffset)), StringComparison.Ordinal);
        Assert.Equal(ConversationMode.Live, first.Mode);
    }
}
