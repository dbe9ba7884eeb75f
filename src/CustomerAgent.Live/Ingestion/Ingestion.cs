using System.Globalization;
using CustomerAgent.ActivityLog;
using CustomerAgent.Live.Grains;
using CustomerAgent.Live.Hosting;

namespace CustomerAgent.Live.Ingestion;

/// <summary>One line's answer in an ingestion response.</summary>
/// <param name="Line">The line's 1-based number in the request body.</param>
/// <param name="Status"><c>accepted</c>, <c>rejected</c> or <c>skipped</c>.</param>
/// <param name="Reason">The reader's reason when rejected.</param>
/// <param name="Replayed">Whether the answer comes from an earlier request with the same idempotency key (nothing applied again).</param>
public sealed record IngestedLine(long Line, string Status, string? Reason, bool Replayed);

/// <summary>A conversation named in a <c>POST /v1/tick</c> request.</summary>
/// <param name="Account">The account ID.</param>
/// <param name="Conversation">The conversation ID.</param>
public sealed record ConversationRef(string Account, string Conversation);

/// <summary>An ingestion response: the counts and one answer per non-skipped line.</summary>
/// <param name="Accepted">Lines accepted.</param>
/// <param name="Rejected">Lines rejected.</param>
/// <param name="Skipped">Blank and comment lines.</param>
/// <param name="Lines">The answer of every line that is not skipped, in order.</param>
public sealed record IngestionResult(int Accepted, int Rejected, int Skipped, IReadOnlyList<IngestedLine> Lines);

/// <summary>
/// Ingests a request of activity-log lines: each line is routed by its account and conversation
/// (<see cref="ActivityLogFeed.Address"/>) to its account grain or conversation grain, which applies it through the reader's
/// rules. Account lines go first (the switches screen the conversations' events, R12), then every conversation in parallel,
/// each in the request's order. Idempotency: line N of a request with key K has the key <c>K#N</c>; a grain records the result
/// of every key it answered in the same state write as the line, so a retried request is answered from the record and
/// applies nothing twice (docs/live-service.md).
/// </summary>
internal sealed class Ingestor(IGrainFactory grains, LiveOptions options)
{
    /// <summary>The reason of a line of an account the service does not serve.</summary>
    internal static string UnknownAccount(string account) =>
        $"LIVE: account = '{CustomerAgentException.Cut(account)}' is not served by this service (Live:Accounts); the line is not applied.";

    internal async Task<IngestionResult> IngestAsync(string key, ReadOnlyMemory<byte> body, long firstLine = 1)
    {
        var lines = Split(body);
        var results = new IngestedLine?[lines.Count];
        var accountLines = new Dictionary<string, List<(int Index, LineInput Input)>>(StringComparer.Ordinal);
        var conversationLines = new Dictionary<string, List<(int Index, LineInput Input)>>(StringComparer.Ordinal);
        var skipped = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var number = firstLine + i;
            var bytes = lines[i];
            switch (ActivityLogFeed.Address(bytes.Span, out var address, out var reason))
            {
                case LineOutcome.Skipped:
                    skipped++;
                    continue;
                case LineOutcome.Rejected:
                    results[i] = new IngestedLine(number, "rejected", reason, false);
                    continue;
            }

            if (options.Accounts.Count > 0 && !options.Accounts.Contains(address.Account))
            {
                results[i] = new IngestedLine(number, "rejected", UnknownAccount(address.Account), false);
                continue;
            }

            var input = new LineInput { Key = string.Create(CultureInfo.InvariantCulture, $"{key}#{number}"), Number = number, Bytes = bytes.ToArray() };
            var target = address.Conversation is { } conversation ? conversationLines : accountLines;
            var grainKey = address.Conversation is { } c ? GrainKeys.Conversation(address.Account, c) : address.Account;
            if (!target.TryGetValue(grainKey, out var list))
            {
                target[grainKey] = list = [];
            }

            list.Add((i, input));
        }

        await Task.WhenAll(accountLines.Select(async pair => Fill(results, pair.Value, await grains.GetGrain<IAccountGrain>(pair.Key).Apply(pair.Value.Select(l => l.Input).ToArray()))));
        // each account's agent switches are read once, after its account lines, for all its conversations of the request (R12)
        var switches = new Dictionary<string, Task<SwitchChange[]>>(StringComparer.Ordinal);
        foreach (var account in conversationLines.Keys.Select(GrainKeys.AccountOf).Distinct(StringComparer.Ordinal))
        {
            switches[account] = grains.GetGrain<IAccountGrain>(account).Switches();
        }

        await Task.WhenAll(conversationLines.Select(async pair => Fill(results, pair.Value, await grains.GetGrain<IConversationGrain>(pair.Key).Apply(pair.Value.Select(l => l.Input).ToArray(), await switches[GrainKeys.AccountOf(pair.Key)]))));
        var answered = results.Where(r => r is not null).Select(r => r!).ToList();
        return new IngestionResult(answered.Count(r => r.Status == "accepted"), answered.Count(r => r.Status == "rejected"), skipped, answered);
    }

    private static void Fill(IngestedLine?[] results, List<(int Index, LineInput Input)> lines, LineResult[] answers)
    {
        for (var j = 0; j < lines.Count; j++)
        {
            results[lines[j].Index] = new IngestedLine(lines[j].Input.Number, answers[j].Status, answers[j].Reason, answers[j].Replayed);
        }
    }

    /// <summary>The lines of a body (a UTF-8 byte order mark at its start skipped; <c>\n</c> or <c>\r\n</c> ends a line; a last line may lack its end).</summary>
    internal static List<ReadOnlyMemory<byte>> Split(ReadOnlyMemory<byte> body)
    {
        if (body.Span.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        var lines = new List<ReadOnlyMemory<byte>>();
        while (!body.IsEmpty)
        {
            var end = body.Span.IndexOf((byte)'\n');
            var line = end < 0 ? body : body[..end];
            if (!line.IsEmpty && line.Span[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            lines.Add(line);
            body = end < 0 ? ReadOnlyMemory<byte>.Empty : body[(end + 1)..];
        }

        return lines;
    }
}
