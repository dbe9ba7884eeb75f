using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using CustomerAgent.Segments;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CustomerAgent.Tests.Segments;

/// <summary>Segments (R21) against the plain reference, and the invariants the issue names for segments and the flow (R22).</summary>
public sealed class SegmentPropertyTests
{
    private static readonly ReportingPeriod Everything = ReportingPeriod.ForDates(SegmentData.Paris(), new LocalDate(2026, 5, 30), new LocalDate(2026, 6, 15));

    private static ProfileActivity ActivityOf(SegmentCase c) => ProfileActivity.Create(SegmentData.Paris(), c.Events, c.Orders);

    private static List<string> Members(SegmentCase c, SegmentCondition condition) =>
        [.. SegmentEvaluator.Default.Evaluate(ActivityOf(c), SegmentDefinition.Create("s", condition), c.AsOf).Members.Select(m => SegmentOracle.IdentityOf(m.Profile))];

    [Property(MaxTest = 300)]
    public Property R21_R11_R13_members_equal_the_plain_reference_for_any_condition()
    {
        var gen = from c in SegmentGenerators.Cases from condition in SegmentGenerators.Conditions select (c, condition);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (c, condition) = input;
            var expected = SegmentOracle.Members(c, condition, SegmentData.Paris().Zone);
            var actual = Members(c, condition);
            Assert.Equal(expected, actual.Order(StringComparer.Ordinal));
            // members are listed in the documented order: email, phone, external, anonymous, ordinal
            Assert.Equal(actual, actual.OrderBy(a => a, Comparer<string>.Create((x, y) => CompareParts(x, y))));
        });
    }

    [Property(MaxTest = 200)]
    public Property R11_profiles_are_the_same_whatever_the_identifiers_hash_even_when_every_hash_collides()
    {
        // the profiles are grouped by a hash of each identifier; equal hashes must still be compared, so a hash that collides
        // always (or often) gives the same profiles, members and evidence as the real one
        string Listing(ProfileActivity activity, SegmentCase c) =>
            activity.ProfileCount + "\n" + string.Join("\n", SegmentDefinition.Named.SelectMany(d =>
                SegmentEvaluator.Default.Evaluate(activity, d, c.AsOf).Members.Select(m => d.Name + " " + SegmentOracle.IdentityOf(m.Profile) + " " + m.Evidence.Count)));
        return Prop.ForAll(SegmentGenerators.Cases.ToArbitrary(), c =>
        {
            var expected = Listing(ActivityOf(c), c);
            Assert.Equal(expected, Listing(ProfileActivity.Create(SegmentData.Paris(), c.Events, c.Orders, _ => 0UL), c));
            Assert.Equal(expected, Listing(ProfileActivity.Create(SegmentData.Paris(), c.Events, c.Orders, s => (ulong)s.Length << 40), c));
        });
    }

    private static int CompareParts(string x, string y)
    {
        var a = x.Split('|');
        var b = y.Split('|');
        for (var i = 0; i < 4; i++)
        {
            // a missing identifier sorts last
            var c = (a[i].Length == 0, b[i].Length == 0) switch
            {
                (true, true) => 0,
                (true, false) => 1,
                (false, true) => -1,
                _ => string.CompareOrdinal(a[i], b[i]),
            };
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    [Property(MaxTest = 200)]
    public Property R21_widening_a_zero_times_window_never_adds_a_profile()
    {
        var gen =
            from c in SegmentGenerators.Cases
            from metric in Gen.Elements(Enum.GetValues<SegmentMetric>())
            from days in Gen.Choose(1, 10)
            from more in Gen.Choose(0, 5)
            from first in Gen.Choose(-1, 10)
            from length in Gen.Choose(0, 4)
            select (c, metric, days, more, first, length);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (c, metric, days, more, first, length) = input;
            var june1 = new LocalDate(2026, 6, 1);
            (Timeframe Narrow, Timeframe Wide)[] pairs =
            [
                (Timeframe.InTheLast(days), Timeframe.InTheLast(days + more)),
                (Timeframe.Between(june1.PlusDays(first), june1.PlusDays(first + length)), Timeframe.Between(june1.PlusDays(first - more), june1.PlusDays(first + length + more))),
                (Timeframe.Since(june1.PlusDays(first)), Timeframe.Since(june1.PlusDays(first - more))),
                (Timeframe.InTheLast(days), Timeframe.AllTime),
            ];
            foreach (var (narrow, wide) in pairs)
            {
                var few = Members(c, SegmentCondition.HasDone(metric, Frequency.Zero, wide));
                var many = Members(c, SegmentCondition.HasDone(metric, Frequency.Zero, narrow));
                Assert.Subset(many.ToHashSet(), few.ToHashSet());
            }
        });
    }

    [Property(MaxTest = 200)]
    public Property R22_an_order_between_a_recommendation_and_its_send_removes_exactly_the_sends_whose_window_holds_it()
    {
        var settings = FollowUpFlowSettings.Create(quietPeriod: Duration.Zero);
        var flow = new FollowUpFlow(settings);
        var gen =
            from c in SegmentGenerators.Cases
            from pick in Gen.Choose(0, 1000)
            from fraction in Gen.Elements(0.0, 0.25, 0.5, 1.0)
            select (c, pick, fraction);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (c, pick, fraction) = input;
            var before = flow.Run(ActivityOf(c), Everything, c.AsOf);
            if (before.Sends.Count == 0)
            {
                return;
            }

            var target = before.Sends[pick % before.Sends.Count];
            var last = target.SendAt < c.AsOf ? target.SendAt : c.AsOf;
            var at = target.TriggeredAt + Duration.FromNanoseconds((long)((last - target.TriggeredAt).TotalNanoseconds * fraction));
            var order = global::CustomerAgent.Attribution.Order.Create(
                "o-new", global::CustomerAgent.Attribution.ShopperIdentity.Create(AccountId.From(SegmentData.Account), email: target.Profile.Email), at, global::CustomerAgent.Attribution.Money.Of(1m, "EUR"));
            var after = flow.Run(ProfileActivity.Create(SegmentData.Paris(), c.Events, c.Orders.Append(order)), Everything, c.AsOf);

            // the sends of that profile whose [recommendation, send] holds the order go; nothing else changes
            var removed = before.Sends.Where(s => s.Profile.Equals(target.Profile) && s.TriggeredAt <= at && at <= s.SendAt).Select(s => s.TriggerId).ToHashSet();
            Assert.Contains(target.TriggerId, removed);
            Assert.Equal(before.Sends.Where(s => !removed.Contains(s.TriggerId)).Select(s => s.TriggerId), after.Sends.Select(s => s.TriggerId));
            Assert.All(after.Skips.Where(s => removed.Contains(s.TriggerId)), s => Assert.Equal((FollowUpSkipReason.PlacedOrder, "o-new"), (s.Reason, s.Cause)));
            Assert.Equal(removed.Count, after.Skips.Count(s => removed.Contains(s.TriggerId)));
        });
    }

    [Property(MaxTest = 200)]
    public Property R22_D4_the_flow_and_the_segments_are_the_same_whatever_the_order_of_the_input_and_with_events_repeated()
    {
        var settingsGen =
            from reEntry in Gen.Elements(Enum.GetValues<FollowUpReEntry>())
            from quiet in Gen.Elements(Duration.Zero, Duration.FromHours(1), Duration.FromHours(16))
            from channel in Gen.Elements(Enum.GetValues<FollowUpChannel>())
            select FollowUpFlowSettings.Create(reEntry: reEntry, quietPeriod: quiet, channel: channel);
        var gen =
            from c in SegmentGenerators.Cases
            from settings in settingsGen
            from seed in Gen.Choose(0, int.MaxValue)
            select (c, settings, seed);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (c, settings, seed) = input;
            var random = new Random(seed);
            var shuffledEvents = c.Events.Concat(c.Events.Take(random.Next(c.Events.Length + 1))).OrderBy(_ => random.Next()).ToArray();
            var shuffledOrders = c.Orders.OrderBy(_ => random.Next()).ToArray();
            var flow = new FollowUpFlow(settings);
            var one = flow.Run(ActivityOf(c), Everything, c.AsOf);
            var other = flow.Run(ProfileActivity.Create(SegmentData.Paris(), shuffledEvents, shuffledOrders), Everything, c.AsOf);
            Assert.Equal(Describe(one), Describe(other));
            foreach (var definition in SegmentDefinition.Named)
            {
                Assert.Equal(
                    SegmentEvaluator.Default.Evaluate(ActivityOf(c), definition, c.AsOf).Members.Select(m => SegmentOracle.IdentityOf(m.Profile) + m.Evidence.Count),
                    SegmentEvaluator.Default.Evaluate(ProfileActivity.Create(SegmentData.Paris(), shuffledEvents, shuffledOrders), definition, c.AsOf).Members.Select(m => SegmentOracle.IdentityOf(m.Profile) + m.Evidence.Count));
            }
        });
    }

    [Property(MaxTest = 100)]
    public Property ACCOUNT_an_activity_never_takes_another_accounts_event_or_order()
    {
        var gen = from c in SegmentGenerators.Cases from pick in Gen.Choose(0, 1000) from asOrder in Gen.Elements(true, false) select (c, pick, asOrder);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (c, pick, asOrder) = input;
            var other = SegmentData.Recommended("c-x", SegmentData.Ann, SegmentGenerators.Base, account: "acct-2");
            var foreign = SegmentData.Order("o-x", SegmentGenerators.Base, email: "ann@example.com", account: "acct-2");
            var events = c.Events.ToList();
            var orders = c.Orders.ToList();
            if (asOrder)
            {
                orders.Insert(pick % (orders.Count + 1), foreign);
            }
            else
            {
                events.Insert(pick % (events.Count + 1), other[0]);
            }

            var e = Assert.Throws<CustomerAgentException>(() => ProfileActivity.Create(SegmentData.Paris(), events, orders));
            Assert.Equal("ACCOUNT", e.Rule);
            Assert.Equal("acct-2", e.Value);
        });
    }

    [Property(MaxTest = 200)]
    public Property R22_sends_and_skips_are_listed_by_instant_then_trigger_ID_and_each_is_made_once()
    {
        return Prop.ForAll(SegmentGenerators.Cases.ToArbitrary(), c =>
        {
            var result = FollowUpFlow.Default.Run(ActivityOf(c), Everything, c.AsOf);
            Assert.Equal(
                result.Sends.OrderBy(s => s.SendAt).ThenBy(s => s.TriggerId, StringComparer.Ordinal).Select(s => s.TriggerId),
                result.Sends.Select(s => s.TriggerId));
            Assert.Equal(
                result.Skips.OrderBy(s => s.DecidedAt).ThenBy(s => s.TriggerId, StringComparer.Ordinal).Select(s => s.TriggerId),
                result.Skips.Select(s => s.TriggerId));
            // the sends and skips are made when read, and the same instance is read again
            Assert.All(Enumerable.Range(0, result.Sends.Count), i => Assert.Same(result.Sends[i], result.Sends.ElementAt(i)));
            Assert.All(Enumerable.Range(0, result.Skips.Count), i => Assert.Same(result.Skips[i], result.Skips.ElementAt(i)));
        });
    }

    private static string Describe(FollowUpFlowResult result) =>
        string.Join("\n", result.Sends.Select(s => $"send {s.TriggerId} {s.SendAt} {s.Status} {SegmentOracle.IdentityOf(s.Profile)} {string.Join(",", s.Products)}"))
        + "\n" + string.Join("\n", result.Skips.Select(s => $"skip {s.TriggerId} {s.DecidedAt} {s.Reason} {s.Cause}"));
}
