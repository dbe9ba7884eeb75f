using System.Globalization;
using CustomerAgent.Dashboard;
using CustomerAgent.Events;
using CustomerAgent.Segments;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CustomerAgent.ActivityLog.Tests;

/// <summary>
/// <see cref="AccountLog.Activity"/> computes the segments' events (R21) as compact rows on the reader's facts, without the event
/// objects. Differential: its events are exactly <see cref="AccountLog.Events"/> (the factory's objects, R6–R9, screened by
/// R12, preview left out, R20), in the same order, and segments and the follow-up flow (R22) computed on it equal those computed
/// on an activity built from those objects through the public <see cref="ProfileActivity.Create"/>.
/// </summary>
public sealed class AccountActivityTests
{
    [Property(MaxTest = 150)]
    public Property Activity_on_the_facts_equals_the_activity_of_the_event_objects_on_generated_logs() =>
        Prop.ForAll(GeneratedLog.Generator.ToArbitrary(), log =>
        {
            var differences = Differences(Logs.Read(log.Bytes()));
            return (differences.Count == 0).Label(string.Join("\n", differences) + "\n" + log);
        });

    [Fact]
    public void Activity_on_the_facts_equals_the_activity_of_the_event_objects_on_the_bundled_sample_R21_R22()
    {
        var read = Logs.Read(File.ReadAllBytes(Logs.SamplePath));
        Assert.Empty(Differences(read));
        Assert.All(read.Accounts, a => Assert.NotEmpty(a.Activity().Events));
    }

    [Fact]
    public void D1_the_activity_as_of_an_instant_holds_the_orders_placed_at_it_and_none_later()
    {
        string[] lines =
        [
            ConversationRuleTests.Opening(at: "2026-06-07T09:00:00Z"),
            """{"type":"order","account":"acme","at":"2026-06-07T10:00:00Z","order":"o-at","shopper":{"email":"ann@example.com"},"amount":20.00,"currency":"EUR"}""",
            """{"type":"order","account":"acme","at":"2026-06-07T10:00:00.000000001Z","order":"o-after","shopper":{"email":"ann@example.com"},"amount":5.00,"currency":"EUR"}""",
        ];
        AccountLog AsOf(Instant? asOf) => Assert.Single(ReaderAsOfTests.Read(ReaderMode.Lean, asOf, lines).Accounts);

        var at = Instant.FromUtc(2026, 6, 7, 10, 0);

        Assert.Equal(["o-at"], AsOf(at).Activity().Orders.Select(o => o.Id));
        Assert.Empty(AsOf(at - Duration.Epsilon).Activity().Orders);
        Assert.Equal(["o-at", "o-after"], AsOf(null).Activity().Orders.Select(o => o.Id));
    }

    [Fact]
    public void R11_the_activity_names_each_profile_as_the_event_objects_do_whatever_its_spelling()
    {
        // the activity reads a conversation's identifiers without its Profile object; these spellings are what Profile.Create
        // trims, lower-cases, formats or drops (a name alone or blank identifiers leave the shopper anonymous)
        string[] profiles =
        [
            """{"email":" Ann@EXAMPLE.com "}""",
            """{"phone":" +33 6 12 34 56 78 "}""",
            """{"externalId":"  x-1  ","email":"   "}""",
            """{"name":"Ann"}""",
            """{"name":"  ","phone":"   ","externalId":""}""",
            """{"email":"bob@example.com","phone":"+15550000001","externalId":"b-2","name":"Bob"}""",
        ];
        var lines = profiles.Select((profile, i) =>
            ConversationRuleTests.Opening($"c{i}", "2026-06-07T10:00:00Z").TrimEnd('}') + $",\"profile\":{profile}}}")
            .Concat(profiles.Select((_, i) => ConversationRuleTests.Activity("agent-message", "2026-06-07T10:01:00Z", $"c{i}")))
            .ToArray();
        var account = Assert.Single(Logs.Read(lines).Accounts);
        var at = Instant.FromUtc(2026, 6, 7, 12, 0);

        var facts = account.Activity(at).Events.Select(e => $"{e.ConversationId} {Identity(e.Profile)}").ToList();
        var objects = account.Events(SupportedInstants.Start, at + Duration.Epsilon).Select(e => $"{e.ConversationId} {Identity(e.Profile)}").ToList();

        Assert.Equal(objects, facts);
        Assert.Contains("c0 Ann@example.com///", facts);
        Assert.Contains("c1 /+33612345678//", facts);
        Assert.Contains("c2 //x-1/", facts);
        Assert.Contains("c3 ///customer-agent-conversation:acme:c3", facts);
        Assert.Contains("c4 ///customer-agent-conversation:acme:c4", facts);
        Assert.Contains("c5 bob@example.com/+15550000001/b-2/", facts);
    }

    /// <summary>Every difference, per account and for two as-of instants (the account's latest, and three days later when every open conversation has timed out).</summary>
    private static List<string> Differences(ActivityLogResult read)
    {
        var differences = new List<string>();
        foreach (var account in read.Accounts)
        {
            if (account.AsOf is not { } latest)
            {
                continue;
            }

            foreach (var at in new[] { latest, latest + Duration.FromDays(3) })
            {
                var activity = account.Activity(at);
                var objects = account.Events(SupportedInstants.Start, at + Duration.Epsilon).ToList();
                Compare(differences, $"{account.AccountId} as of {at}: events", Render(objects), Render(activity.Events));

                var settings = activity.Settings;
                var reference = ProfileActivity.Create(settings, objects, account.Orders.Where(o => o.PlacedAt <= at));
                Compare(differences, $"{account.AccountId} as of {at}: profiles", [reference.ProfileCount.ToString(CultureInfo.InvariantCulture)], [activity.ProfileCount.ToString(CultureInfo.InvariantCulture)]);
                foreach (var definition in SegmentDefinition.Named)
                {
                    Compare(
                        differences,
                        $"{account.AccountId} as of {at}: segment {definition.Name}",
                        Render(SegmentEvaluator.Default.Evaluate(reference, definition, at)),
                        Render(SegmentEvaluator.Default.Evaluate(activity, definition, at)));
                }

                var period = ReportingPeriod.ForPreset(settings, ReportingPreset.Last30Days, at);
                Compare(differences, $"{account.AccountId} as of {at}: flow", Render(FollowUpFlow.Default.Run(reference, period, at)), Render(FollowUpFlow.Default.Run(activity, period, at)));
            }
        }

        return differences;
    }

    private static void Compare(List<string> differences, string what, List<string> expected, List<string> actual)
    {
        if (!expected.SequenceEqual(actual))
        {
            var at = expected.Zip(actual).TakeWhile(p => p.First == p.Second).Count();
            differences.Add($"{what}: {expected.Count} expected, {actual.Count} actual; first difference at {at}: {expected.ElementAtOrDefault(at)} | {actual.ElementAtOrDefault(at)}");
        }
    }

    private static List<string> Render(IEnumerable<MetricEvent> events) =>
        events.Select(e => string.Join("|", e.UniqueId, e.Kind, e.AccountId, e.ConversationId, e.Channel, e.Time, Identity(e.Profile), e.InitialSkill, e.FinalSkill,
            string.Join(",", e.Tags), e.EscalationReason, string.Join(",", e.Products))).ToList();

    private static List<string> Render(SegmentResult result) =>
        [.. result.Members.Select(m => Identity(m.Profile) + " " + string.Join(" ; ", m.Evidence.Select(e =>
            $"{e.WindowStart}..{e.WindowEnd} [{string.Join(",", e.Counted.Select(Item))}] {(e.Anchor is null ? "-" : Item(e.Anchor))}"))),
         $"considered {result.ProfilesConsidered}"];

    private static string Item(EvidenceItem item) => $"{item.Metric}@{item.At}#{item.Id}/{item.ConversationId}";

    private static List<string> Render(FollowUpFlowResult result) =>
        [.. result.Sends.Select(s => $"send {s.TriggerId} {s.ConversationId} {s.Channel} {s.TriggeredAt} {s.SendAt} {s.Status} {Identity(s.Profile)} [{string.Join(",", s.Products)}]"),
         .. result.Skips.Select(s => $"skip {s.TriggerId} {s.ConversationId} {s.TriggeredAt} {s.DecidedAt} {s.Reason} {s.Cause} {Identity(s.Profile)}")];

    private static string Identity(MetricProfile profile) => $"{profile.Email}/{profile.PhoneNumber}/{profile.ExternalId}/{profile.AnonymousId}";
}
