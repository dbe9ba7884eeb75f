using CustomerAgent.ActivityLog;

namespace CustomerAgent.Live.Grains;

/// <summary>Applies lines to a feed with the idempotency record shared by both grains.</summary>
internal static class LineRecords
{
    /// <summary>
    /// Applies each line whose key is not in <paramref name="outcomes"/> to <paramref name="feed"/>, records its result, and
    /// stores it in <paramref name="stored"/> when it is accepted or is the first line (a rejected first line keeps the
    /// conversation rejected when the feed is rebuilt, H5). Returns whether anything changed.
    /// </summary>
    internal static bool Apply(ActivityLogFeed feed, LineInput[] lines, Dictionary<string, LineResult> outcomes, List<StoredLine> stored, LineResult[] results)
    {
        var changed = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var hash = Hash(line.Bytes);
            if (outcomes.TryGetValue(line.Key, out var known))
            {
                results[i] = known.LineHash == 0 || known.LineHash == hash
                    ? new LineResult { Status = known.Status, Reason = known.Reason, Replayed = true }
                    : new LineResult { Status = "rejected", Reason = KeyReused(line.Key) };
                continue;
            }

            var outcome = feed.Apply(line.Number, line.Bytes, out var reason);
            if (outcome == LineOutcome.Accepted || (outcome == LineOutcome.Rejected && stored.Count == 0))
            {
                stored.Add(new StoredLine { Number = line.Number, Bytes = line.Bytes });
            }

            results[i] = new LineResult { Status = Name(outcome), Reason = reason };
            outcomes[line.Key] = new LineResult { Status = results[i].Status, Reason = reason, LineHash = hash };
            changed = true;
        }

        return changed;
    }

    /// <summary>The reason of a line whose key was used before for other bytes (nothing is applied, nothing recorded).</summary>
    internal static string KeyReused(string key) =>
        $"LIVE: idempotency key = '{CustomerAgentException.Cut(key)}' was used before for a different line; the line is not applied (new lines need a new Idempotency-Key, or other line numbers).";

    /// <summary>The first 8 bytes of the line's SHA-256 (never 0: 0 marks a record without a hash).</summary>
    internal static long Hash(byte[] bytes)
    {
        var hash = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(System.Security.Cryptography.SHA256.HashData(bytes));
        return hash == 0 ? 1 : hash;
    }

    /// <summary>A feed holding <paramref name="stored"/> (the rules are pure: the same lines give the same facts).</summary>
    internal static ActivityLogFeed Rebuild(ActivityLogReaderOptions options, List<StoredLine> stored)
    {
        var feed = new ActivityLogFeed(options);
        foreach (var line in stored)
        {
            feed.Apply(line.Number, line.Bytes, out _);
        }

        return feed;
    }

    internal static string Name(LineOutcome outcome) => outcome switch
    {
        LineOutcome.Accepted => "accepted",
        LineOutcome.Rejected => "rejected",
        _ => "skipped",
    };
}
