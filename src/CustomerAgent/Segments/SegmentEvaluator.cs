using CustomerAgent.Events;
using NodaTime;

namespace CustomerAgent.Segments;

/// <summary>
/// The segment evaluator (R21): per profile, each <see cref="SegmentConditionKind.HasDone"/> condition counts the profile's
/// events or orders of its metric in its window (the timeframe resolved in the account's zone, ending at the as-of
/// instant, both ends inclusive) and compares the count with its frequency; and/or combine the results.
/// </summary>
/// <remarks>Stateless and thread-safe; <see cref="Default"/> serves everyone.</remarks>
public sealed class SegmentEvaluator : ISegmentEvaluator
{
    /// <summary>The evaluator (it has no settings).</summary>
    public static SegmentEvaluator Default { get; } = new();

    /// <inheritdoc/>
    public SegmentResult Evaluate(ProfileActivity activity, SegmentDefinition definition, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(definition);
        Preconditions.CheckInstant(asOf, "asOf");
        var context = new Context(activity, definition.Condition, asOf);
        var profiles = activity.Profiles;

        // each profile is judged on its own (the context is read-only): in index order, on every core, one range each; then the
        // members are listed in the activity's listing order
        var seenOf = new int[profiles.Length];
        var parts = Parts.For(profiles.Length, 100_000);
        var consideredIn = new int[parts];
        var membersIn = new int[parts];
        Parts.Run(profiles.Length, parts, (part, from, to) =>
        {
            var all = activity.Profiles;
            for (var p = from; p < to; p++)
            {
                var seen = all[p].CountAsOf(asOf);
                if (seen == 0)
                {
                    continue;
                }

                consideredIn[part]++;
                if (Holds(definition.Condition, all[p].Items[..seen], context, null))
                {
                    seenOf[p] = seen;
                    membersIn[part]++;
                }
            }
        });

        var considered = consideredIn.Sum();
        var members = new (int Profile, int Seen)[membersIn.Sum()];
        var at = 0;
        foreach (var p in activity.ListingOrder)
        {
            if (seenOf[p] > 0)
            {
                // a member is made when first read, its evidence gathered when first asked for (a segment of millions of members
                // is cheap until it is written)
                members[at++] = (p, seenOf[p]);
            }
        }

        return new SegmentResult(definition, activity.AccountId, asOf, considered, context, members);
    }

    /// <summary>The evidence of a member: what <see cref="Evaluate"/> found, gathered again for that one profile.</summary>
    internal static ConditionEvidence[] EvidenceOf(Context context, int profile, int seen)
    {
        var evidence = new List<ConditionEvidence>();
        Holds(context.Condition, context.Activity.Profiles[profile].Items[..seen], context, evidence);
        return [.. evidence];
    }

    /// <summary>The order of members: email, phone number, external ID, anonymous ID (ordinal, a missing identifier last).</summary>
    internal static int CompareProfiles(MetricProfile x, MetricProfile y)
    {
        var c = Compare(x.Email, y.Email);
        if (c == 0)
        {
            c = Compare(x.PhoneNumber, y.PhoneNumber);
        }

        if (c == 0)
        {
            c = Compare(x.ExternalId, y.ExternalId);
        }

        return c != 0 ? c : Compare(x.AnonymousId, y.AnonymousId);
    }

    private static int Compare(string? x, string? y) =>
        x is null ? (y is null ? 0 : 1) : y is null ? -1 : string.CompareOrdinal(x, y);

    private static bool Holds(SegmentCondition condition, ReadOnlySpan<ActivityItem> items, Context context, List<ConditionEvidence>? evidence)
    {
        switch (condition.Kind)
        {
            case SegmentConditionKind.All:
                foreach (var inner in condition.Conditions)
                {
                    if (!Holds(inner, items, context, evidence))
                    {
                        return false;
                    }
                }

                return true;
            case SegmentConditionKind.Any:
                var any = false;
                foreach (var inner in condition.Conditions)
                {
                    if (Holds(inner, items, context, evidence))
                    {
                        any = true;
                        if (evidence is null)
                        {
                            return true;
                        }
                    }
                }

                return any;
            default:
                return HoldsLeaf(condition, items, context, evidence);
        }
    }

    private static bool HoldsLeaf(SegmentCondition condition, ReadOnlySpan<ActivityItem> items, Context context, List<ConditionEvidence>? evidence)
    {
        var timeframe = condition.Timeframe!;
        Instant first, last;
        var anchor = -1;
        if (timeframe.Kind == TimeframeKind.SinceLatest)
        {
            for (var i = items.Length - 1; i >= 0; i--)
            {
                if (items[i].Metric == timeframe.Anchor)
                {
                    anchor = i;
                    break;
                }
            }

            if (anchor < 0)
            {
                return false;
            }

            (first, last) = (items[anchor].At, context.AsOf);
        }
        else
        {
            (first, last) = context.WindowOf(timeframe);
        }

        var count = 0;
        foreach (var item in items)
        {
            if (item.Metric == condition.Metric && item.At >= first && item.At <= last)
            {
                count++;
            }
        }

        if (!condition.Frequency!.IsSatisfiedBy(count))
        {
            return false;
        }

        if (evidence is not null)
        {
            var counted = new List<EvidenceItem>(count);
            foreach (var item in items)
            {
                if (item.Metric == condition.Metric && item.At >= first && item.At <= last)
                {
                    counted.Add(context.Evidence(item));
                }
            }

            evidence.Add(new ConditionEvidence(condition, first, last, [.. counted], anchor < 0 ? null : context.Evidence(items[anchor])));
        }

        return true;
    }

    /// <summary>What one evaluation shares: the activity, the condition, the instant, and every fixed window resolved once (read-only afterwards, so members may gather their evidence on any thread).</summary>
    internal sealed class Context
    {
        // by reference: each timeframe instance of the condition is resolved once, and looked up per profile without hashing its value
        private readonly Dictionary<Timeframe, (Instant, Instant)> _windows = new(ReferenceEqualityComparer.Instance);

        internal Context(ProfileActivity activity, SegmentCondition condition, Instant asOf)
        {
            Activity = activity;
            Condition = condition;
            AsOf = asOf;
            Resolve(condition);
        }

        internal ProfileActivity Activity { get; }

        internal SegmentCondition Condition { get; }

        internal Instant AsOf { get; }

        internal (Instant First, Instant Last) WindowOf(Timeframe timeframe) => _windows[timeframe];

        internal EvidenceItem Evidence(ActivityItem item) => item.Metric == SegmentMetric.PlacedOrder
            ? new EvidenceItem(item.Metric, item.At, Activity.KeyOf(item), null)
            : new EvidenceItem(item.Metric, item.At, Activity.KeyOf(item), Activity.EventRows.ConversationOf(item.Source));

        private void Resolve(SegmentCondition condition)
        {
            if (condition.Timeframe is { Kind: not TimeframeKind.SinceLatest } timeframe && !_windows.ContainsKey(timeframe))
            {
                _windows.Add(timeframe, timeframe.Window(Activity.Settings.Zone, AsOf));
            }

            foreach (var inner in condition.Conditions)
            {
                Resolve(inner);
            }
        }
    }
}
