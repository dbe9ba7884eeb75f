using System.Globalization;
using System.Text.Json;
using CustomerAgent.Events;
using CustomerAgent.Segments;
using NodaTime.Text;

namespace CustomerAgent.Serialization;

/// <summary>
/// Segments (R21) and the follow-up flow (R22) as JSON, for hosts and the tool. Names are snake_case like the vendor's
/// attributes; metrics by their display names (<c>Placed Order</c>, <c>Received Product Recommendation from Customer
/// Agent</c>); enumerations in kebab-case (<c>placed-order</c>, <c>sent-recently</c>); instants as in <see cref="DashboardJson"/>
/// (ISO 8601, UTC, explicit offset); a missing identifier is <c>null</c>. Thread-safe.
/// </summary>
public static class SegmentJson
{
    /// <summary>A segment's members with their evidence.</summary>
    /// <param name="result">The segment result.</param>
    /// <returns>Compact JSON.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string SerializeSegment(SegmentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return DashboardJson.Write(w => WriteSegment(w, result));
    }

    /// <summary>Writes <paramref name="result"/> as one JSON object.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="result">The segment result.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteSegment(Utf8JsonWriter writer, SegmentResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        var w = writer;
        w.WriteStartObject();
        w.WriteString("segment", result.Definition.Name);
        w.WriteString("description", result.Definition.Description);
        w.WriteString("condition", result.Definition.Condition.ToString());
        w.WriteString("account_id", result.AccountId.Value);
        w.WriteString("as_of", DashboardJson.FormatTime(result.AsOf));
        w.WriteNumber("profiles_considered", result.ProfilesConsidered);
        w.WriteNumber("member_count", result.Members.Count);
        w.WriteStartArray("members");
        foreach (var member in result.Members)
        {
            w.WriteStartObject();
            WriteProfile(w, member.Profile);
            w.WriteStartArray("evidence");
            foreach (var evidence in member.Evidence)
            {
                w.WriteStartObject();
                w.WriteString("condition", evidence.Condition.ToString());
                w.WriteString("window_start", DashboardJson.FormatTime(evidence.WindowStart));
                w.WriteString("window_end", DashboardJson.FormatTime(evidence.WindowEnd));
                w.WriteNumber("count", evidence.Counted.Count);
                if (evidence.Anchor is { } anchor)
                {
                    w.WritePropertyName("anchor");
                    WriteItem(w, anchor);
                }
                else
                {
                    w.WriteNull("anchor");
                }

                w.WriteStartArray("counted");
                foreach (var item in evidence.Counted)
                {
                    WriteItem(w, item);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            FlushSome(w);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The follow-up flow's sends and skips.</summary>
    /// <param name="result">The flow result.</param>
    /// <returns>Compact JSON.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string SerializeFollowUp(FollowUpFlowResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return DashboardJson.Write(w => WriteFollowUp(w, result));
    }

    /// <summary>Writes <paramref name="result"/> as one JSON object.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="result">The flow result.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteFollowUp(Utf8JsonWriter writer, FollowUpFlowResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        var w = writer;
        var settings = result.Settings;
        w.WriteStartObject();
        w.WriteString("flow", "follow-up");
        w.WriteString("account_id", result.AccountId.Value);
        w.WriteString("as_of", DashboardJson.FormatTime(result.AsOf));
        w.WriteStartObject("period");
        w.WriteString("start", DashboardJson.FormatTime(result.Period.Start));
        w.WriteString("end", DashboardJson.FormatTime(result.Period.End));
        w.WriteString("first_date", LocalDatePattern.Iso.Format(result.Period.FirstDate));
        w.WriteString("last_date", LocalDatePattern.Iso.Format(result.Period.LastDate));
        w.WriteString("time_zone", result.Period.Zone.Id);
        w.WriteEndObject();
        w.WriteStartObject("settings");
        w.WriteNumber("delay_seconds", (long)settings.Delay.TotalSeconds);
        w.WriteString("re_entry", settings.ReEntry.ToApiName());
        w.WriteNumber("quiet_period_seconds", (long)settings.QuietPeriod.TotalSeconds);
        w.WriteString("channel", settings.Channel.ToApiName());
        w.WriteEndObject();
        w.WriteStartArray("sends");
        foreach (var send in result.Sends)
        {
            w.WriteStartObject();
            WriteProfile(w, send.Profile);
            w.WriteString("send_at", DashboardJson.FormatTime(send.SendAt));
            w.WriteString("status", send.Status.ToApiName());
            w.WriteString("trigger_id", send.TriggerId);
            w.WriteString("triggered_at", DashboardJson.FormatTime(send.TriggeredAt));
            w.WriteString("conversation_id", send.ConversationId.Value);
            w.WriteString("channel", send.Channel.ToApiName());
            w.WriteStartArray("products");
            foreach (var product in send.Products)
            {
                w.WriteStringValue(product);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            FlushSome(w);
        }

        w.WriteEndArray();
        w.WriteStartArray("skipped");
        foreach (var skip in result.Skips)
        {
            w.WriteStartObject();
            WriteProfile(w, skip.Profile);
            w.WriteString("trigger_id", skip.TriggerId);
            w.WriteString("triggered_at", DashboardJson.FormatTime(skip.TriggeredAt));
            w.WriteString("conversation_id", skip.ConversationId.Value);
            w.WriteString("decided_at", DashboardJson.FormatTime(skip.DecidedAt));
            w.WriteString("reason", skip.Reason.ToApiName());
            w.WriteString("cause", skip.Cause);
            w.WriteEndObject();
            FlushSome(w);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Hands what is pending to the writer's stream or buffer now and then, so a result of millions of members streams.</summary>
    private static void FlushSome(Utf8JsonWriter w)
    {
        if (w.BytesPending > 64 * 1024)
        {
            w.Flush();
        }
    }

    private static void WriteProfile(Utf8JsonWriter w, MetricProfile profile)
    {
        w.WriteStartObject("profile");
        w.WriteString("email", profile.Email);
        w.WriteString("phone_number", profile.PhoneNumber);
        w.WriteString("external_id", profile.ExternalId);
        w.WriteString("anonymous_id", profile.AnonymousId);
        w.WriteEndObject();
    }

    private static void WriteItem(Utf8JsonWriter w, EvidenceItem item)
    {
        w.WriteStartObject();
        w.WriteString("metric", item.Metric.ToMetricName());
        w.WriteString("at", DashboardJson.FormatTime(item.At));
        w.WriteString(item.Metric == SegmentMetric.PlacedOrder ? "order_id" : "unique_id", item.Id);
        w.WriteString("conversation_id", item.ConversationId?.Value);
        w.WriteEndObject();
    }
}
