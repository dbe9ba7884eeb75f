using System.Text;
using CustomerAgent.ActivityLog;
using CustomerAgent.Live.Grains;
using CustomerAgent.Live.Hosting;
using CustomerAgent.Serialization;
using NodaTime;
using NodaTime.Testing;

namespace CustomerAgent.Live.Tests;

/// <summary>
/// <c>customer-agent replay</c> (src/CustomerAgent.Cli/ReplayCommand.cs) against an in-process live service: the per-line
/// results are the reader's over the whole file (same line numbers, same reasons: H1, H5, LOG), a re-run with another batch
/// size applies nothing twice and sends no event twice, a key used again for other bytes is refused, an unreachable service
/// ends with exit code 5.
/// </summary>
public sealed class ReplayTests
{
    private static readonly Instant Early = Instant.FromUtc(2000, 1, 1, 0, 0);

    internal static (int Code, string Out, string Err) Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CustomerAgent.Cli.Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task The_sample_replayed_twice_with_other_batches_is_applied_once_with_the_readers_results_and_events_once()
    {
        var log = await File.ReadAllTextAsync(Logs.SamplePath);
        var read = Logs.Read(log);
        var clock = new FakeClock(Early);
        var sink = new RecordingSink();
        await using var service = await LiveService.StartAsync(clock: clock, sink: sink);
        var url = service.Http.BaseAddress!.ToString();

        var first = Cli("replay", "--log", Logs.SamplePath, "--url", url, "--batch", "250");
        Assert.True(first.Code == (read.Rejections.Count > 0 ? 1 : 0), first.Err);
        Assert.Contains($"{read.AcceptedLineCount:N0} accepted, {read.Rejections.Count:N0} rejected", first.Out, StringComparison.Ordinal);
        Assert.Contains("0 answered from the service's records", first.Out, StringComparison.Ordinal);
        foreach (var rejection in read.Rejections.Take(20))
        {
            // the file's own line numbers and the reader's reasons
            Assert.Contains($"line {rejection.LineNumber}: {rejection.Reason}", first.Err, StringComparison.Ordinal);
        }

        var conversations = read.Accounts.SelectMany(a => a.Conversations.Select(c => (Account: a.AccountId.Value, Conversation: c.Id.Value))).ToList();
        var appliedOnce = await AcceptedLines(service, conversations);
        Assert.True(appliedOnce > 0 && appliedOnce < read.AcceptedLineCount);

        // a copy of the file under another name, in other batches: the same identity, every line answered from the records
        var copy = Path.Combine(Path.GetTempPath(), "ca-replay-" + Guid.NewGuid().ToString("N") + ".jsonl");
        File.Copy(Logs.SamplePath, copy);
        try
        {
            var again = Cli("replay", "--log", copy, "--url", url, "--batch", "137");
            Assert.Contains($"{read.AcceptedLineCount:N0} accepted, {read.Rejections.Count:N0} rejected", again.Out, StringComparison.Ordinal);
            Assert.Contains($"{read.AcceptedLineCount + read.Rejections.Count:N0} answered from the service's records", again.Out, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(copy);
        }

        var end = read.LatestInstant!.Value + Duration.FromDays(10);
        clock.Reset(end);
        // the second run applied no conversation line again
        Assert.Equal(appliedOnce, await AcceptedLines(service, conversations));
        foreach (var (account, conversation) in conversations)
        {
            await service.Grains.GetGrain<IConversationGrain>(GrainKeys.Conversation(account, conversation)).Tick();
        }

        var expected = read.Accounts.SelectMany(a => a.Events(SupportedInstants.Start, end)).Select(CustomerAgentJson.Serialize).Order(StringComparer.Ordinal).ToList();
        Assert.True(await Logs.WaitUntil(() => sink.Received.Count >= expected.Count, TimeSpan.FromSeconds(60)), $"{sink.Received.Count} of {expected.Count}");
        Assert.Equal(expected, sink.Received.Select(e => e.Body).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>The lines the conversation grains hold, summed.</summary>
    private static async Task<int> AcceptedLines(LiveService service, IEnumerable<(string Account, string Conversation)> conversations)
    {
        var sum = 0;
        foreach (var (account, conversation) in conversations)
        {
            sum += (await service.SnapshotAsync(account, conversation)).AcceptedLines;
        }

        return sum;
    }

    [Fact]
    public async Task A_key_used_again_for_another_line_is_refused_and_nothing_is_applied()
    {
        await using var service = await LiveService.StartAsync(clock: new FakeClock(Early), sink: new RecordingSink());
        var one = """{"conversation":"c1","account":"acme","channel":"sms","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"Hi"}""" + "\n";
        var other = """{"conversation":"c1","account":"acme","channel":"sms","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"Hello"}""" + "\n";
        Assert.Equal(1, (await service.IngestAsync("k-1", one)).Accepted);
        var refused = await service.IngestAsync("k-1", other);
        Assert.Equal("rejected", refused.Lines[0].Status);
        Assert.Equal(LineRecords.KeyReused("k-1#1"), refused.Lines[0].Reason);
        Assert.Equal(1, (await service.SnapshotAsync("acme", "c1")).AcceptedLines);
        // the same bytes with the same key: answered from the record
        Assert.True((await service.IngestAsync("k-1", one)).Lines[0].Replayed);
    }

    [Fact]
    public async Task The_first_line_header_numbers_the_lines_and_a_bad_one_is_refused()
    {
        await using var service = await LiveService.StartAsync(clock: new FakeClock(Early), sink: new RecordingSink());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/activity") { Content = new StringContent("not json\n") };
        request.Headers.Add(LiveHost.IdempotencyKeyHeader, "n-1");
        request.Headers.Add(LiveHost.FirstLineHeader, "41");
        using var response = await service.Http.SendAsync(request);
        Assert.Contains("\"line\":41", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var bad = new HttpRequestMessage(HttpMethod.Post, "/v1/activity") { Content = new StringContent("not json\n") };
        bad.Headers.Add(LiveHost.IdempotencyKeyHeader, "n-2");
        bad.Headers.Add(LiveHost.FirstLineHeader, "0");
        using var refused = await service.Http.SendAsync(bad);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public void An_unreachable_service_ends_with_exit_code_5_and_stdin_needs_a_key()
    {
        var down = Cli("replay", "--log", Logs.SamplePath, "--url", $"http://127.0.0.1:{LiveService.FreePort()}", "--attempts", "2", "--timeout", "5");
        Assert.Equal(5, down.Code);
        Assert.Contains("the lines from line 1 were not taken after 2 tries", down.Err, StringComparison.Ordinal);

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CustomerAgent.Cli.Program.Run(["replay", "--log", "-", "--url", "http://127.0.0.1:1"], stdout, stderr, () => new MemoryStream(Encoding.UTF8.GetBytes("x\n")));
        Assert.Equal(2, code);
        Assert.Contains("--key", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Batches_keep_the_files_line_numbers_whatever_their_size()
    {
        var text = "a\n\n# c\nb\r\nlast";
        foreach (var size in new[] { 1, 2, 3, 10 })
        {
            var batches = CustomerAgent.Cli.ReplayCommand.Batches(new MemoryStream(Encoding.UTF8.GetBytes(text)), size).ToList();
            Assert.Equal(text, string.Concat(batches.Select(b => Encoding.UTF8.GetString(b.Body))));
            var next = 1L;
            foreach (var (firstLine, body) in batches)
            {
                Assert.Equal(next, firstLine);
                next += Encoding.UTF8.GetString(body).Split('\n').Length - (body[^1] == (byte)'\n' ? 1 : 0);
            }

            Assert.Equal(6, next);
        }
    }
}
