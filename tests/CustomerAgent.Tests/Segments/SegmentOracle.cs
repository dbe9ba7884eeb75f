using CustomerAgent.Events;
using CustomerAgent.Segments;
using NodaTime;

namespace CustomerAgent.Tests.Segments;

/// <summary>
/// A plain reference for segments and the flow, written from the rules and not from the code: profiles are grown by merging
/// any two groups that share an identifier until nothing changes; every condition is checked by listing the profile's
/// records in its window; the flow replays each profile's recommendations one by one.
/// </summary>
internal static class SegmentOracle
{
    internal sealed record Record(SegmentMetric Metric, Instant At, string Id, MetricEvent? Event, HashSet<string> Keys, bool FromEvent,
        string? Email, string? Phone, string? External, string? Anonymous);

    internal sealed class Group
    {
        internal List<Record> Records { get; } = [];

        internal HashSet<string> Keys { get; } = new(StringComparer.Ordinal);

        /// <summary>Per kind: the smallest identifier among the events, else among the orders.</summary>
        internal string Identity()
        {
            string? Pick(Func<Record, string?> f) =>
                Records.Where(r => r.FromEvent).Select(f).Where(v => v is not null).Order(StringComparer.Ordinal).FirstOrDefault()
                ?? Records.Where(r => !r.FromEvent).Select(f).Where(v => v is not null).Order(StringComparer.Ordinal).FirstOrDefault();
            return $"{Pick(r => r.Email)}|{Pick(r => r.Phone)}|{Pick(r => r.External)}|{Pick(r => r.Anonymous)}";
        }
    }

    internal static string IdentityOf(MetricProfile p) => $"{p.Email}|{p.PhoneNumber}|{p.ExternalId}|{p.AnonymousId}";

    internal static List<Group> Profiles(SegmentCase c)
    {
        var records = new List<Record>();
        foreach (var e in c.Events)
        {
            var p = e.Profile;
            records.Add(new Record((SegmentMetric)(int)e.Kind, e.Time, e.UniqueId, e, KeysOf(p.Email, p.PhoneNumber, p.ExternalId, p.AnonymousId), true, p.Email, p.PhoneNumber, p.ExternalId, p.AnonymousId));
        }

        foreach (var o in c.Orders)
        {
            var s = o.Shopper;
            records.Add(new Record(SegmentMetric.PlacedOrder, o.PlacedAt, o.Id, null, KeysOf(s.Email, s.PhoneNumber, s.ExternalId, null), false, s.Email, s.PhoneNumber, s.ExternalId, null));
        }

        var groups = records.Select(r =>
        {
            var g = new Group();
            g.Records.Add(r);
            g.Keys.UnionWith(r.Keys);
            return g;
        }).ToList();
        bool merged;
        do
        {
            merged = false;
            for (var i = 0; i < groups.Count && !merged; i++)
            {
                for (var j = i + 1; j < groups.Count && !merged; j++)
                {
                    if (groups[i].Keys.Overlaps(groups[j].Keys))
                    {
                        groups[i].Records.AddRange(groups[j].Records);
                        groups[i].Keys.UnionWith(groups[j].Keys);
                        groups.RemoveAt(j);
                        merged = true;
                    }
                }
            }
        }
        while (merged);
        return groups;
    }

    private static HashSet<string> KeysOf(string? email, string? phone, string? external, string? anonymous)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (email is not null)
        {
            keys.Add("email:" + email.ToLowerInvariant());
        }

        if (phone is not null)
        {
            keys.Add("phone:" + phone);
        }

        if (external is not null)
        {
            keys.Add("external:" + external);
        }

        if (anonymous is not null)
        {
            keys.Add("anonymous:" + anonymous);
        }

        return keys;
    }

    /// <summary>The identities of the members, sorted.</summary>
    internal static List<string> Members(SegmentCase c, SegmentCondition condition, DateTimeZone zone)
    {
        var result = new List<string>();
        foreach (var group in Profiles(c))
        {
            var seen = group.Records.Where(r => r.At <= c.AsOf).ToList();
            if (seen.Count > 0 && Holds(condition, seen, c.AsOf, zone))
            {
                result.Add(group.Identity());
            }
        }

        return [.. result.Order(StringComparer.Ordinal)];
    }

    private static bool Holds(SegmentCondition condition, List<Record> seen, Instant asOf, DateTimeZone zone)
    {
        if (condition.Kind == SegmentConditionKind.All)
        {
            return condition.Conditions.All(c => Holds(c, seen, asOf, zone));
        }

        if (condition.Kind == SegmentConditionKind.Any)
        {
            return condition.Conditions.Any(c => Holds(c, seen, asOf, zone));
        }

        var tf = condition.Timeframe!;
        var today = asOf.InZone(zone).Date;
        Instant from;
        var to = asOf;
        switch (tf.Kind)
        {
            case TimeframeKind.AllTime:
                from = Instant.MinValue;
                break;
            case TimeframeKind.InTheLastDays:
                from = zone.AtStartOfDay(today.PlusDays(-(tf.Days - 1))).ToInstant();
                break;
            case TimeframeKind.Since:
                from = zone.AtStartOfDay(tf.FirstDate).ToInstant();
                break;
            case TimeframeKind.Between:
                from = zone.AtStartOfDay(tf.FirstDate).ToInstant();
                var endOfLast = zone.AtStartOfDay(tf.LastDate.PlusDays(1)).ToInstant() - Duration.Epsilon;
                to = endOfLast < asOf ? endOfLast : asOf;
                break;
            default:
                var anchors = seen.Where(r => r.Metric == tf.Anchor).ToList();
                if (anchors.Count == 0)
                {
                    return false;
                }

                from = anchors.Max(r => r.At);
                break;
        }

        var count = seen.Count(r => r.Metric == condition.Metric && r.At >= from && r.At <= to);
        var f = condition.Frequency!;
        return f.IsExact ? count == f.Count : count >= f.Count;
    }
}
