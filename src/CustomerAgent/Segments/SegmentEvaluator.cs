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
        var context = new Context(activity, asOf);
        var members = new List<SegmentMember>();
        var considered = 0;
        foreach (var profile in activity.Profiles)
        {
            var seen = profile.CountAsOf(asOf);
            if (seen == 0)
            {
                continue;
            }

            considered++;
            var items = profile.Items.AsSpan(0, seen);
            if (Holds(definition.Condition, items, context, null))
            {
                var evidence = new List<ConditionEvidence>();
                Holds(definition.Condition, items, context, evidence);
                members.Add(new SegmentMember(profile.Identity, [.. evidence]));
            }
        }

        members.Sort((x, y) => CompareProfiles(x.Profile, y.Profile));
        return new SegmentResult(definition, activity.AccountId, asOf, considered, [.. members]);
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

    private static bool Holds(SegmentCondition condition, ReadOnlySpan<ActivityItem> items, in Context context, List<ConditionEvidence>? evidence)
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

    private static bool HoldsLeaf(SegmentCondition condition, ReadOnlySpan<ActivityItem> items, in Context context, List<ConditionEvidence>? evidence)
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

    /// <summary>What one evaluation shares: the activity, the instant, and the fixed windows already resolved.</summary>
    private readonly struct Context(ProfileActivity activity, Instant asOf)
    {
        private readonly Dictionary<Timeframe, (Instant, Instant)> _windows = [];

        internal Instant AsOf { get; } = asOf;

        internal (Instant First, Instant Last) WindowOf(Timeframe timeframe)
        {
            if (!_windows.TryGetValue(timeframe, out var window))
            {
                window = timeframe.Window(activity.Settings.Zone, AsOf);
                _windows.Add(timeframe, window);
            }

            return window;
        }

        internal EvidenceItem Evidence(ActivityItem item) => item.Metric == SegmentMetric.PlacedOrder
            ? new EvidenceItem(item.Metric, item.At, item.Key, null)
            : new EvidenceItem(item.Metric, item.At, item.Key, activity.EventAt(item.Source).ConversationId);
    }
}
