using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using CustomerAgent.Events;
using CustomerAgent.Segments;
using CustomerAgent.Serialization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static CustomerAgent.Tests.Segments.SegmentData;

namespace CustomerAgent.Tests.Serialization;

/// <summary>
/// Segments (R21) and the follow-up flow (R22) as JSON (<see cref="SegmentJson"/>): snake_case names, metrics by display
/// name, enumerations in kebab-case, instants in UTC with an explicit offset, a missing identifier as <c>null</c>. The
/// expected documents are written out by hand here, never computed by the code under test.
/// </summary>
public sealed partial class SegmentJsonTests
{
    /// <summary>June 2, 2026 10:00 UTC: Ann's and Carl's conversations open, their recommendations come at 10:01.</summary>
    private static readonly Instant T = Noon - Duration.FromDays(5);

    private const string AnnProfile = """{"email":"ann@example.com","phone_number":null,"external_id":null,"anonymous_id":null}""";
    private const string CarlProfile = """{"email":"carl@example.com","phone_number":"+33698765432","external_id":null,"anonymous_id":null}""";
    private const string AnnRecommendation = """{"metric":"Received Product Recommendation from Customer Agent","at":"2026-06-02T10:01:00+00:00","unique_id":"acct-1:c-ann:recommendation:1","conversation_id":"c-ann"}""";

    /// <summary>Ann: a recommendation after an order (a member of recommended-no-order); Carl: an order after his recommendation (not one).</summary>
    private static ProfileActivity AnnAndCarl() => Activity(
        Recommended("c-ann", Ann, T).Concat(Recommended("c-carl", Carl, T)),
        Order("o-ann", T - Duration.FromDays(1), email: "ann@example.com"),
        Order("o-carl", T + Duration.FromHours(3), email: "carl@example.com"));

    [Fact]
    public void R21_a_segment_is_written_with_its_definition_counts_and_each_members_profile_and_evidence()
    {
        var result = SegmentEvaluator.Default.Evaluate(AnnAndCarl(), SegmentDefinition.RecommendedWithoutOrder, Noon);

        var json = SegmentJson.SerializeSegment(result);

        // the first branch counts the recommendation over all time (no anchor, written as null); the second counts no order
        // since the latest recommendation, which is its anchor
        Assert.Equal(
            "{\"segment\":\"recommended-no-order\",\"description\":\"Who received a product recommendation but did not purchase since?\","
            + "\"condition\":\"Received Product Recommendation from Customer Agent at least once over all time and Placed Order zero times since the latest Received Product Recommendation from Customer Agent\","
            + "\"account_id\":\"acct-1\",\"as_of\":\"2026-06-07T10:00:00+00:00\",\"profiles_considered\":2,\"member_count\":1,\"members\":["
            + "{\"profile\":" + AnnProfile + ",\"evidence\":["
            + "{\"condition\":\"Received Product Recommendation from Customer Agent at least once over all time\",\"window_start\":\"1900-01-01T00:00:00+00:00\",\"window_end\":\"2026-06-07T10:00:00+00:00\",\"count\":1,\"anchor\":null,\"counted\":[" + AnnRecommendation + "]},"
            + "{\"condition\":\"Placed Order zero times since the latest Received Product Recommendation from Customer Agent\",\"window_start\":\"2026-06-02T10:01:00+00:00\",\"window_end\":\"2026-06-07T10:00:00+00:00\",\"count\":0,\"anchor\":" + AnnRecommendation + ",\"counted\":[]}"
            + "]}]}",
            json);
    }

    [Fact]
    public void R21_an_order_in_the_evidence_is_named_placed_order_with_its_order_id_and_no_conversation()
    {
        var ordered = SegmentDefinition.Create(
            "ordered",
            SegmentCondition.HasDone(SegmentMetric.PlacedOrder, Frequency.AtLeast(1), Timeframe.AllTime),
            "Clients qui ont commandé «un jour»");
        var result = SegmentEvaluator.Default.Evaluate(AnnAndCarl(), ordered, Noon);

        var json = SegmentJson.SerializeSegment(result);

        // non-ASCII letters and '+' are written as themselves (the relaxed encoder of every SDK JSON)
        const string Window = "\"condition\":\"Placed Order at least once over all time\",\"window_start\":\"1900-01-01T00:00:00+00:00\",\"window_end\":\"2026-06-07T10:00:00+00:00\",\"count\":1,\"anchor\":null";
        Assert.Equal(
            "{\"segment\":\"ordered\",\"description\":\"Clients qui ont commandé «un jour»\",\"condition\":\"Placed Order at least once over all time\","
            + "\"account_id\":\"acct-1\",\"as_of\":\"2026-06-07T10:00:00+00:00\",\"profiles_considered\":2,\"member_count\":2,\"members\":["
            + "{\"profile\":" + AnnProfile + ",\"evidence\":[{" + Window + ",\"counted\":[{\"metric\":\"Placed Order\",\"at\":\"2026-06-01T10:00:00+00:00\",\"order_id\":\"o-ann\",\"conversation_id\":null}]}]},"
            + "{\"profile\":" + CarlProfile + ",\"evidence\":[{" + Window + ",\"counted\":[{\"metric\":\"Placed Order\",\"at\":\"2026-06-02T13:00:00+00:00\",\"order_id\":\"o-carl\",\"conversation_id\":null}]}]}"
            + "]}",
            json);
    }

    [Fact]
    public void R22_the_follow_up_flow_is_written_with_its_period_settings_sends_and_skips()
    {
        var rec = Instant.FromUtc(2026, 6, 3, 8, 0);
        var activity = Activity(
            Recommended("c-ann", Ann, rec, products: ["sku-9", "sku-3"])
                .Concat(Recommended("c-ann-2", Ann, Noon - Duration.FromHours(1), channel: Channel.Sms))
                .Concat(Recommended("c-carl", Carl, rec))
                .Concat(Recommended("c-anon", Nobody, rec)),
            Order("o-carl", rec + Duration.FromMinutes(31), email: "carl@example.com"));
        var settings = FollowUpFlowSettings.Create(reEntry: FollowUpReEntry.WhenNotInFlow);
        var result = new FollowUpFlow(settings).Run(activity, Days(June(1), June(7)), Noon);

        var json = SegmentJson.SerializeFollowUp(result);

        // Ann's first follow-up was sent 2 h after the recommendation; her second is due after the as-of instant (scheduled);
        // Carl ordered before his send instant (the order is the cause); the anonymous shopper has no email address
        Assert.Equal(
            "{\"flow\":\"follow-up\",\"account_id\":\"acct-1\",\"as_of\":\"2026-06-07T10:00:00+00:00\","
            + "\"period\":{\"start\":\"2026-05-31T22:00:00+00:00\",\"end\":\"2026-06-07T22:00:00+00:00\",\"first_date\":\"2026-06-01\",\"last_date\":\"2026-06-07\",\"time_zone\":\"Europe/Paris\"},"
            + "\"settings\":{\"delay_seconds\":7200,\"re_entry\":\"when-not-in-flow\",\"quiet_period_seconds\":57600,\"channel\":\"email\"},"
            + "\"sends\":["
            + "{\"profile\":" + AnnProfile + ",\"send_at\":\"2026-06-03T10:01:00+00:00\",\"status\":\"sent\",\"trigger_id\":\"acct-1:c-ann:recommendation:1\",\"triggered_at\":\"2026-06-03T08:01:00+00:00\",\"conversation_id\":\"c-ann\",\"channel\":\"web-chat\",\"products\":[\"sku-9\",\"sku-3\"]},"
            + "{\"profile\":" + AnnProfile + ",\"send_at\":\"2026-06-07T11:01:00+00:00\",\"status\":\"scheduled\",\"trigger_id\":\"acct-1:c-ann-2:recommendation:1\",\"triggered_at\":\"2026-06-07T09:01:00+00:00\",\"conversation_id\":\"c-ann-2\",\"channel\":\"sms\",\"products\":[\"sku-1\",\"sku-2\"]}"
            + "],\"skipped\":["
            + "{\"profile\":" + CarlProfile + ",\"trigger_id\":\"acct-1:c-carl:recommendation:1\",\"triggered_at\":\"2026-06-03T08:01:00+00:00\",\"conversation_id\":\"c-carl\",\"decided_at\":\"2026-06-03T08:31:00+00:00\",\"reason\":\"placed-order\",\"cause\":\"o-carl\"},"
            + "{\"profile\":{\"email\":null,\"phone_number\":null,\"external_id\":null,\"anonymous_id\":\"customer-agent-conversation:acct-1:c-anon\"},\"trigger_id\":\"acct-1:c-anon:recommendation:1\",\"triggered_at\":\"2026-06-03T08:01:00+00:00\",\"conversation_id\":\"c-anon\",\"decided_at\":\"2026-06-03T10:01:00+00:00\",\"reason\":\"no-email-address\",\"cause\":null}"
            + "]}",
            json);
    }

    [Fact]
    public void R21_R22_the_writers_name_a_null_argument()
    {
        // argument misuse is an ArgumentNullException naming the parameter (never a NullReferenceException from inside)
        var segment = SegmentEvaluator.Default.Evaluate(AnnAndCarl(), SegmentDefinition.StartedConversation, Noon);
        var flow = new FollowUpFlow(FollowUpFlowSettings.Default).Run(AnnAndCarl(), Days(June(1), June(7)), Noon);
        using var writer = new Utf8JsonWriter(Stream.Null);

        Assert.Equal("result", Assert.Throws<ArgumentNullException>(() => SegmentJson.SerializeSegment(null!)).ParamName);
        Assert.Equal("result", Assert.Throws<ArgumentNullException>(() => SegmentJson.SerializeFollowUp(null!)).ParamName);
        Assert.Equal("writer", Assert.Throws<ArgumentNullException>(() => SegmentJson.WriteSegment(null!, segment)).ParamName);
        Assert.Equal("result", Assert.Throws<ArgumentNullException>(() => SegmentJson.WriteSegment(writer, null!)).ParamName);
        Assert.Equal("writer", Assert.Throws<ArgumentNullException>(() => SegmentJson.WriteFollowUp(null!, flow)).ParamName);
        Assert.Equal("result", Assert.Throws<ArgumentNullException>(() => SegmentJson.WriteFollowUp(writer, null!)).ParamName);
        Assert.Equal(0, writer.BytesCommitted + writer.BytesPending);
    }

    /// <summary>300 shoppers, each with one conversation: about 120 KB of segment JSON.</summary>
    private static SegmentResult ManyMembers(int count)
    {
        var events = Enumerable.Range(0, count).SelectMany(i =>
            Recommended(string.Create(CultureInfo.InvariantCulture, $"c-{i:D4}"), Profile.Create(email: string.Create(CultureInfo.InvariantCulture, $"shopper-{i:D4}@example.com")), T));
        return SegmentEvaluator.Default.Evaluate(Activity(events), SegmentDefinition.StartedConversation, Noon);
    }

    private static readonly ReportingPeriod Week = Days(June(1), June(7));

    private static FollowUpSend Send(int i) => new(
        MetricProfile.Create(string.Create(CultureInfo.InvariantCulture, $"shopper-{i:D4}@example.com"), null, null, null),
        string.Create(CultureInfo.InvariantCulture, $"acct-1:c-{i:D4}:recommendation:1"),
        ConversationId.From(string.Create(CultureInfo.InvariantCulture, $"c-{i:D4}")),
        Channel.WebChat,
        T,
        ["sku-1", "sku-2", "sku-3"],
        T + Duration.FromHours(2),
        FollowUpSendStatus.Sent);

    private static FollowUpSkip Skip(int i) => new(
        MetricProfile.Create(null, null, string.Create(CultureInfo.InvariantCulture, $"external-{i:D4}"), null),
        string.Create(CultureInfo.InvariantCulture, $"acct-1:c-{i:D4}:recommendation:1"),
        ConversationId.From(string.Create(CultureInfo.InvariantCulture, $"c-{i:D4}")),
        T,
        T + Duration.FromHours(2),
        FollowUpSkipReason.NoEmailAddress,
        null);

    private static FollowUpFlowResult Flow(int sends, int skips) =>
        new(Week, Noon, FollowUpFlowSettings.Default, [.. Enumerable.Range(0, sends).Select(Send)], [.. Enumerable.Range(0, skips).Select(Skip)]);

    /// <summary>Writes with a writer on a stream; returns what reached the stream before the caller's flush, and the whole document.</summary>
    private static (long BeforeFlush, int Pending, JsonDocument Document) Streamed(Action<Utf8JsonWriter> write)
    {
        var stream = new MemoryStream();
        using var writer = new Utf8JsonWriter(stream);
        write(writer);
        var before = stream.Length;
        var pending = writer.BytesPending;
        writer.Flush();
        return (before, pending, JsonDocument.Parse(stream.ToArray()));
    }

    /// <summary>
    /// R21, R22: a result of many members, sends or skips streams: the writer hands its buffer to the stream every 64 KiB
    /// or so (the tool writes 1.5 M conversations' segments to a file this way), never holding the whole document; the
    /// document is complete after the caller's flush. Each of the three lists flushes on its own.
    /// </summary>
    [Fact]
    public void R21_R22_a_large_segment_or_flow_reaches_the_stream_while_it_is_written()
    {
        const int Chunk = 64 * 1024;

        var segment = Streamed(w => SegmentJson.WriteSegment(w, ManyMembers(300)));
        Assert.InRange(segment.BeforeFlush, Chunk, long.MaxValue);
        Assert.InRange(segment.Pending, 0, Chunk + 2048);
        Assert.Equal(300, segment.Document.RootElement.GetProperty("members").GetArrayLength());
        Assert.Equal(300, segment.Document.RootElement.GetProperty("member_count").GetInt32());

        var sends = Streamed(w => SegmentJson.WriteFollowUp(w, Flow(600, 0)));
        Assert.InRange(sends.BeforeFlush, Chunk, long.MaxValue);
        Assert.Equal(600, sends.Document.RootElement.GetProperty("sends").GetArrayLength());

        var skips = Streamed(w => SegmentJson.WriteFollowUp(w, Flow(0, 600)));
        Assert.InRange(skips.BeforeFlush, Chunk, long.MaxValue);
        Assert.Equal(600, skips.Document.RootElement.GetProperty("skipped").GetArrayLength());
    }

    /// <summary>
    /// R21, R22: a result under 64 KiB stays in the writer's buffer until the caller flushes: the writers flush in chunks,
    /// not after every member, send or skip (a flush per item would be a write per item on a file).
    /// </summary>
    [Fact]
    public void R21_R22_a_small_segment_or_flow_is_handed_to_the_stream_only_by_the_callers_flush()
    {
        var segment = Streamed(w => SegmentJson.WriteSegment(w, ManyMembers(20)));
        Assert.Equal(0, segment.BeforeFlush);
        Assert.Equal(20, segment.Document.RootElement.GetProperty("members").GetArrayLength());

        var flow = Streamed(w => SegmentJson.WriteFollowUp(w, Flow(20, 20)));
        Assert.Equal(0, flow.BeforeFlush);
        Assert.Equal((20, 20), (flow.Document.RootElement.GetProperty("sends").GetArrayLength(), flow.Document.RootElement.GetProperty("skipped").GetArrayLength()));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d*[1-9])?\+00:00$")]
    private static partial Regex UtcInstant();

    /// <summary>An instant as written: ISO 8601 in UTC with an explicit +00:00, fractional seconds only when present.</summary>
    private static Instant ReadInstant(JsonElement value)
    {
        var text = value.GetString()!;
        Assert.Matches(UtcInstant(), text);
        return Instant.FromDateTimeOffset(DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None));
    }

    private static string? Text(JsonElement parent, string name)
    {
        var value = parent.GetProperty(name);
        return value.ValueKind == JsonValueKind.Null ? null : value.GetString();
    }

    /// <summary>Any text a .NET string can carry as UTF-16 (a lone surrogate is no text: no JSON writer can write it).</summary>
    private static readonly Gen<string> Texts = ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => s.Get).Where(IsWellFormed);

    private static readonly Gen<string?> Identifiers = Gen.Frequency((2, Gen.Constant<string?>(null)), (3, Texts.Select(t => (string?)t)));

    private static readonly Gen<Instant> Instants =
        from seconds in Gen.Choose(0, 200 * 366 * 24 * 60).Select(m => (long)m * 60)
        from ticks in Gen.Elements(0L, 1L, 5_000_000L, 1_234_567L)
        select Instant.FromUtc(1900, 1, 1, 0, 0) + Duration.FromSeconds(seconds) + Duration.FromTicks(ticks);

    private static readonly Gen<MetricProfile> Profiles =
        from email in Identifiers
        from phone in Identifiers
        from external in Identifiers
        from anonymous in Identifiers
        select MetricProfile.OfNormalized(email, phone, external, anonymous ?? "anonymous");

    private static readonly Gen<FollowUpSend> Sends =
        from profile in Profiles
        from trigger in Texts
        from conversation in Texts.Where(t => t.Length > 0 && !string.IsNullOrWhiteSpace(t))
        from channel in Gen.Elements(Enum.GetValues<Channel>())
        from triggeredAt in Instants
        from products in Gen.ListOf(Texts)
        from sendAt in Instants
        from status in Gen.Elements(Enum.GetValues<FollowUpSendStatus>())
        select new FollowUpSend(profile, trigger, ConversationId.From(conversation), channel, triggeredAt, [.. products], sendAt, status);

    private static readonly Gen<FollowUpSkip> Skips =
        from profile in Profiles
        from trigger in Texts
        from conversation in Texts.Where(t => t.Length > 0 && !string.IsNullOrWhiteSpace(t))
        from triggeredAt in Instants
        from decidedAt in Instants
        from reason in Gen.Elements(Enum.GetValues<FollowUpSkipReason>())
        from cause in Identifiers
        select new FollowUpSkip(profile, trigger, ConversationId.From(conversation), triggeredAt, decidedAt, reason, cause);

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static readonly string[] SendStatusNames = ["sent", "scheduled"];
    private static readonly string[] SkipReasonNames = ["placed-order", "already-in-flow", "already-entered", "sent-recently", "no-email-address", "no-phone-number"];
    private static readonly string[] ChannelNames = ["web-chat", "sms", "email", "whatsapp"];

    private static void AssertProfile(MetricProfile expected, JsonElement written)
    {
        var profile = written.GetProperty("profile");
        Assert.Equal(["email", "phone_number", "external_id", "anonymous_id"], profile.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            (expected.Email, expected.PhoneNumber, expected.ExternalId, expected.AnonymousId),
            (Text(profile, "email"), Text(profile, "phone_number"), Text(profile, "external_id"), Text(profile, "anonymous_id")));
    }

    /// <summary>
    /// R22: whatever the identifiers, IDs, products and causes (any text, escaped or not, or missing) and the instants, a
    /// parser reads back every send and skip in order, each field under its name, a missing value as null, instants in UTC.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property R22_any_sends_and_skips_read_back_field_by_field_from_the_json()
    {
        var gen = from sends in Gen.ListOf(Sends) from skips in Gen.ListOf(Skips) select (sends, skips);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (sends, skips) = input;
            var result = new FollowUpFlowResult(Week, Noon, FollowUpFlowSettings.Default, [.. sends], [.. skips]);

            using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(SegmentJson.SerializeFollowUp(result)));

            var writtenSends = document.RootElement.GetProperty("sends").EnumerateArray().ToList();
            Assert.Equal(sends.Count, writtenSends.Count);
            for (var i = 0; i < sends.Count; i++)
            {
                var (s, w) = (sends[i], writtenSends[i]);
                Assert.Equal(["profile", "send_at", "status", "trigger_id", "triggered_at", "conversation_id", "channel", "products"], w.EnumerateObject().Select(p => p.Name));
                AssertProfile(s.Profile, w);
                Assert.Equal(s.SendAt, ReadInstant(w.GetProperty("send_at")));
                Assert.Equal(SendStatusNames[(int)s.Status], Text(w, "status"));
                Assert.Equal(s.TriggerId, Text(w, "trigger_id"));
                Assert.Equal(s.TriggeredAt, ReadInstant(w.GetProperty("triggered_at")));
                Assert.Equal(s.ConversationId.Value, Text(w, "conversation_id"));
                Assert.Equal(ChannelNames[(int)s.Channel], Text(w, "channel"));
                Assert.Equal(s.Products, w.GetProperty("products").EnumerateArray().Select(p => p.GetString()));
            }

            var writtenSkips = document.RootElement.GetProperty("skipped").EnumerateArray().ToList();
            Assert.Equal(skips.Count, writtenSkips.Count);
            for (var i = 0; i < skips.Count; i++)
            {
                var (s, w) = (skips[i], writtenSkips[i]);
                Assert.Equal(["profile", "trigger_id", "triggered_at", "conversation_id", "decided_at", "reason", "cause"], w.EnumerateObject().Select(p => p.Name));
                AssertProfile(s.Profile, w);
                Assert.Equal(s.TriggerId, Text(w, "trigger_id"));
                Assert.Equal(s.TriggeredAt, ReadInstant(w.GetProperty("triggered_at")));
                Assert.Equal(s.ConversationId.Value, Text(w, "conversation_id"));
                Assert.Equal(s.DecidedAt, ReadInstant(w.GetProperty("decided_at")));
                Assert.Equal(SkipReasonNames[(int)s.Reason], Text(w, "reason"));
                Assert.Equal(s.Cause, Text(w, "cause"));
            }
        });
    }
}
