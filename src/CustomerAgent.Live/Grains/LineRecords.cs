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
            if (outcomes.TryGetValue(line.Key, out var known))
            {
                results[i] = new LineResult { Status = known.Status, Reason = known.Reason, Replayed = true };
                continue;
            }

            var outcome = feed.Apply(line.Number, line.Bytes, out var reason);
            if (outcome == LineOutcome.Accepted || (outcome == LineOutcome.Rejected && stored.Count == 0))
            {
                stored.Add(new StoredLine { Number = line.Number, Bytes = line.Bytes });
            }

            results[i] = new LineResult { Status = Name(outcome), Reason = reason };
            outcomes[line.Key] = results[i];
            changed = true;
        }

        return changed;
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
