using CustomerAgent.Dashboard;
using CustomerAgent.Events;
using NodaTime;

namespace CustomerAgent.Segments;

/// <summary>
/// The follow-up flow (R22), deterministic and replay-safe: per profile, its recommendations are taken in chronological
/// order (then by unique ID), each once (D4); each enters the flow by <see cref="FollowUpFlowSettings.ReEntry"/>; at its send
/// instant (entry plus the delay) the follow-up is skipped if the profile placed an order at or after the entry (the
/// filter "Placed Order zero times since starting this flow"), then if the profile cannot be reached by the channel, then
/// if its previous follow-up is less than the quiet period before; otherwise it is sent with the recommendation's
/// products. The whole history up to the as-of instant decides; the result keeps what falls in the period. The same
/// input, in any order, gives the same result.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class FollowUpFlow : IFollowUpFlow
{
    /// <summary>A flow with the given settings.</summary>
    /// <param name="settings">The settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is null.</exception>
    public FollowUpFlow(FollowUpFlowSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
    }

    /// <summary>A flow with the default settings (<see cref="FollowUpFlowSettings.Default"/>).</summary>
    public static FollowUpFlow Default { get; } = new(FollowUpFlowSettings.Default);

    /// <inheritdoc/>
    public FollowUpFlowSettings Settings { get; }

    /// <inheritdoc/>
    public FollowUpFlowResult Run(ProfileActivity activity, ReportingPeriod period, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(period);
        Preconditions.CheckInstant(asOf, "asOf");
        ProfileActivity.CheckAccount(period.AccountId, activity.AccountId, "period");
        // the profiles are independent: walked in parts on the cores, then put in one order below
        var count = activity.ProfileCount;
        var parts = Parts.For(count, 100_000);
        var partSends = new List<SendRow>[parts];
        var partSkips = new List<SkipRow>[parts];
        Parts.Run(count, parts, (part, from, to) =>
        {
            var partSend = partSends[part] = [];
            var partSkip = partSkips[part] = [];
            for (var p = from; p < to; p++)
            {
                Walk(activity, activity.Profiles[p], period, asOf, partSend, partSkip);
            }
        });
        // Stryker disable Linq : initial capacities only
        var sends = new List<SendRow>(partSends.Sum(x => x.Count));
        var skips = new List<SkipRow>(partSkips.Sum(x => x.Count));
        // Stryker restore Linq
        for (var part = 0; part < parts; part++)
        {
            sends.AddRange(partSends[part]);
            skips.AddRange(partSkips[part]);
        }

        // compact rows sorted (a trigger's unique ID is made only to break a tie of instants), each send or skip made when read
        var events = activity.EventRows;
        return new FollowUpFlowResult(
            period,
            asOf,
            Settings,
            new LazyList<SendRow, FollowUpSend>(KeyedOrder.Sorted(sends, s => s.SendAt, s => events.UniqueId(s.Trigger)), s => s.Make(events, asOf)),
            new LazyList<SkipRow, FollowUpSkip>(KeyedOrder.Sorted(skips, s => s.DecidedAt, s => events.UniqueId(s.Trigger)), s => s.Make(events)));
    }

    /// <summary>A follow-up as found: its trigger (an event's index), profile and send instant.</summary>
    private readonly record struct SendRow(int Trigger, MetricProfile Identity, Instant SendAt)
    {
        internal FollowUpSend Make(ActivityEvents events, Instant asOf) =>
            new(Identity, events.UniqueId(Trigger), events.ConversationOf(Trigger), events.ChannelOf(Trigger), events.Time(Trigger), events.ProductsOf(Trigger), SendAt, SendAt <= asOf ? FollowUpSendStatus.Sent : FollowUpSendStatus.Scheduled);
    }

    /// <summary>A skip as found: its trigger, profile, decision instant, reason, and cause (an event's index, or an order ID).</summary>
    private readonly record struct SkipRow(int Trigger, MetricProfile Identity, Instant DecidedAt, FollowUpSkipReason Reason, int CauseEvent, string? Cause)
    {
        internal FollowUpSkip Make(ActivityEvents events) =>
            new(Identity, events.UniqueId(Trigger), events.ConversationOf(Trigger), events.Time(Trigger), DecidedAt, Reason, CauseEvent >= 0 ? events.UniqueId(CauseEvent) : Cause);
    }

    private void Walk(ProfileActivity activity, ActivityProfile profile, ReportingPeriod period, Instant asOf, List<SendRow> sends, List<SkipRow> skips)
    {
        var items = profile.Items[..profile.CountAsOf(asOf)];
        var identity = profile.Identity;
        var reachable = Settings.Channel == FollowUpChannel.Email ? identity.Email is not null : identity.PhoneNumber is not null;

        // the entries that decide later triggers, as indexes of events (their unique IDs are made only for what is kept)
        var firstEntry = -1;
        // Stryker disable once Unary : "none yet": read only after waitingUntil, which starts at Instant.MinValue, says no entry waits
        var waitingEntry = -1;
        var waitingUntil = Instant.MinValue;
        // Stryker disable once Unary : "none yet": read only with lastSendAt, which starts at Instant.MinValue (no quiet period yet)
        var lastSend = -1;
        var lastSendAt = Instant.MinValue;
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i].Metric != SegmentMetric.ReceivedProductRecommendation)
            {
                continue;
            }

            var trigger = items[i].Source;
            var at = items[i].At;
            if (Settings.ReEntry == FollowUpReEntry.Once && firstEntry >= 0)
            {
                Keep(skips, period, identity, trigger, at, FollowUpSkipReason.AlreadyEntered, firstEntry, null);
                continue;
            }

            if (Settings.ReEntry == FollowUpReEntry.WhenNotInFlow && waitingEntry >= 0 && at < waitingUntil)
            {
                Keep(skips, period, identity, trigger, at, FollowUpSkipReason.AlreadyInFlow, waitingEntry, null);
                continue;
            }

            if (firstEntry < 0)
            {
                firstEntry = trigger;
            }

            waitingEntry = trigger;
            var sendAt = at + Settings.Delay;
            var order = FirstOrderBetween(items, i, at, sendAt);
            if (order >= 0)
            {
                waitingUntil = items[order].At;
                Keep(skips, period, identity, trigger, items[order].At, FollowUpSkipReason.PlacedOrder, -1, activity.KeyOf(items[order]));
                continue;
            }

            waitingUntil = sendAt;
            if (!reachable)
            {
                var reason = Settings.Channel == FollowUpChannel.Email ? FollowUpSkipReason.NoEmailAddress : FollowUpSkipReason.NoPhoneNumber;
                Keep(skips, period, identity, trigger, sendAt, reason, -1, null);
            }
            else if (lastSend >= 0 && sendAt - lastSendAt < Settings.QuietPeriod)
            {
                Keep(skips, period, identity, trigger, sendAt, FollowUpSkipReason.SentRecently, lastSend, null);
            }
            else
            {
                lastSend = trigger;
                lastSendAt = sendAt;
                if (period.Contains(sendAt))
                {
                    sends.Add(new SendRow(trigger, identity, sendAt));
                }
            }
        }
    }

    /// <summary>
    /// The index of the profile's first order placed in [<paramref name="from"/>, <paramref name="to"/>], or -1. Items are in time
    /// order, then by metric: an order at the recommendation's very instant sorts after it, so the search starts at the trigger.
    /// </summary>
    private static int FirstOrderBetween(ReadOnlySpan<ActivityItem> items, int start, Instant from, Instant to)
    {
        // Stryker disable once all : Debug.Assert, not compiled in Release
        System.Diagnostics.Debug.Assert(items[start].At == from && SegmentMetric.PlacedOrder > SegmentMetric.ReceivedProductRecommendation, "orders at the trigger's instant sort after it");
        for (var i = start; i < items.Length && items[i].At <= to; i++)
        {
            if (items[i].Metric == SegmentMetric.PlacedOrder)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Keeps a skip decided within the period; its cause is the event <paramref name="causeEvent"/>'s unique ID, or <paramref name="cause"/>.</summary>
    private static void Keep(List<SkipRow> skips, ReportingPeriod period, MetricProfile identity, int trigger, Instant decidedAt, FollowUpSkipReason reason, int causeEvent, string? cause)
    {
        if (period.Contains(decidedAt))
        {
            skips.Add(new SkipRow(trigger, identity, decidedAt, reason, causeEvent, cause));
        }
    }
}
