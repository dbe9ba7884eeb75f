using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using NodaTime;
using NodaTime.Text;

namespace CustomerAgent.Serialization;

/// <summary>
/// The dashboard as the vendor's Customer Agent report and conversation API responses (JSON:API, beta revision
/// <c>2026-07-15.pre</c>): the values report (<c>customer-agent-values-report</c>: <c>volume</c> and
/// <c>resolution-rate</c>, overall or per channel or status), the skill values report (<c>volume</c> per skill, counted per
/// invocation), a page of the conversations table (a collection of <c>customer-agent-conversation</c> with
/// <c>links.next</c>) and a thread (a collection of <c>customer-agent-message</c>).
/// </summary>
/// <remarks>
/// Links are absolute, built on the host's <c>baseAddress</c> (for example <c>https://a.klaviyo.com/</c>). A rate with
/// no volume is written as <c>null</c> (there is no rate, R15), never 0 or NaN. Instants are ISO 8601 in UTC with an
/// explicit offset (<c>2026-06-07T10:00:00+00:00</c>, fractional seconds only when present). Thread-safe.
/// </remarks>
public static class DashboardJson
{
    internal static readonly OffsetDateTimePattern TimePattern = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<+HH:mm>");

    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The values report response (<c>CustomerAgentValuesReportResponseDataWrapper</c>) for the report's cohort.</summary>
    /// <param name="report">The dashboard's counts, from either path: a <see cref="DashboardReport"/> or the bulk path's <c>BulkDashboardCounts</c> (<see cref="IDashboardCounts"/>).</param>
    /// <param name="grouping">One overall row, or one row per channel or per status.</param>
    /// <param name="baseAddress">The absolute API base address for links.</param>
    /// <returns>Compact JSON.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="baseAddress"/> is not absolute.</exception>
    /// <exception cref="CustomerAgentException">The grouping is not a defined value (R15).</exception>
    public static string SerializeValuesReport(IDashboardCounts report, ValuesReportGrouping grouping, Uri baseAddress) =>
        Write(w => WriteValuesReport(w, report, grouping, baseAddress));

    /// <summary>Writes what <see cref="SerializeValuesReport"/> returns to <paramref name="w"/> (for a host that writes one JSON document of several parts).</summary>
    /// <param name="w">The writer.</param>
    /// <param name="report">See <see cref="SerializeValuesReport"/>.</param>
    /// <param name="grouping">See <see cref="SerializeValuesReport"/>.</param>
    /// <param name="baseAddress">See <see cref="SerializeValuesReport"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteValuesReport(Utf8JsonWriter w, IDashboardCounts report, ValuesReportGrouping grouping, Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(report);
        var root = Root(baseAddress);
        Preconditions.CheckDefined(grouping, "grouping", "R15");

        var rows = grouping switch
        {
            ValuesReportGrouping.Overall => [(null, null, report.Kpis.Volume, report.Kpis.ResolvedByAiRate)],
            ValuesReportGrouping.Channel => Enum.GetValues<Channel>().Select(c => DashboardCells.ChannelKpis(report, c) is var k ? ((string?)"channel", (string?)c.ToApiName(), k.Volume, k.ResolvedByAiRate) : default).ToArray(),
            _ => Enum.GetValues<ConversationStatus>().Select(s => ((string?)"status", (string?)s.ToApiName(), DashboardCells.StatusVolume(report, s), (Rate?)null)).ToArray(),
        };

        WriteReport(w, root, "customer-agent-values-report", "customer-agent-values-reports", ReportId(report, grouping.ToString().ToLowerInvariant()), w =>
        {
            foreach (var (key, value, volume, rate) in rows)
            {
                w.WriteStartObject();
                w.WriteStartObject("groupings");
                if (key is not null)
                {
                    w.WriteString(key, value);
                }

                w.WriteEndObject();
                w.WriteStartObject("statistics");
                w.WriteNumber("volume", volume);
                w.WritePropertyName("resolution-rate");
                if (grouping == ValuesReportGrouping.Status)
                {
                    WriteStatusRate(w, value, volume);
                }
                else
                {
                    WriteRate(w, rate);
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }
        });
    }

    /// <summary>The skill values report response (<c>CustomerAgentSkillValuesReportResponseDataWrapper</c>): one row per skill, volume counted per invocation.</summary>
    /// <param name="report">The dashboard report.</param>
    /// <param name="baseAddress">The absolute API base address for links.</param>
    /// <returns>Compact JSON.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="baseAddress"/> is not absolute.</exception>
    public static string SerializeSkillValuesReport(DashboardReport report, Uri baseAddress) =>
        Write(w => WriteSkillValuesReport(w, report, baseAddress));

    /// <summary>Writes what <see cref="SerializeSkillValuesReport"/> returns to <paramref name="w"/> (for a host that writes one JSON document of several parts).</summary>
    /// <param name="w">The writer.</param>
    /// <param name="report">See <see cref="SerializeSkillValuesReport"/>.</param>
    /// <param name="baseAddress">See <see cref="SerializeSkillValuesReport"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteSkillValuesReport(Utf8JsonWriter w, DashboardReport report, Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(report);
        var root = Root(baseAddress);
        WriteReport(w, root, "customer-agent-skill-values-report", "customer-agent-skill-values-reports", ReportId(report, "skill"), w =>
        {
            foreach (var skill in report.SkillVolumes)
            {
                w.WriteStartObject();
                w.WriteStartObject("groupings");
                w.WriteString("skill", skill.Skill);
                w.WriteEndObject();
                w.WriteStartObject("statistics");
                w.WriteNumber("volume", skill.Volume);
                w.WriteEndObject();
                w.WriteEndObject();
            }
        });
    }

    /// <summary>
    /// A page of the conversations table as the list endpoint's response: <c>data</c> is an array of
    /// <c>ConversationResponseData</c> (status, <c>created_at</c> = initiated, <c>updated_at</c> = last updated, the message
    /// IDs <c>{conversation}:{n}</c>, n numbering the messages from 0), and <c>links.next</c> carries the cursor as <c>page[cursor]</c> when there is a next page.
    /// </summary>
    /// <param name="page">The page.</param>
    /// <param name="baseAddress">The absolute API base address for links.</param>
    /// <returns>Compact JSON.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="baseAddress"/> is not absolute.</exception>
    public static string SerializeConversationPage(ConversationPage page, Uri baseAddress) =>
        Write(w => WriteConversationPage(w, page, baseAddress));

    /// <summary>Writes what <see cref="SerializeConversationPage"/> returns to <paramref name="w"/> (for a host that writes one JSON document of several parts).</summary>
    /// <param name="w">The writer.</param>
    /// <param name="page">See <see cref="SerializeConversationPage"/>.</param>
    /// <param name="baseAddress">See <see cref="SerializeConversationPage"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteConversationPage(Utf8JsonWriter w, ConversationPage page, Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(page);
        var root = Root(baseAddress);
        var list = $"{root}api/customer-agent-conversations";
        w.WriteStartObject();
        w.WriteStartArray("data");
        foreach (var row in page.Rows)
        {
            var self = $"{list}/{Uri.EscapeDataString(row.Id.Value)}";
            w.WriteStartObject();
            w.WriteString("type", "customer-agent-conversation");
            w.WriteString("id", row.Id.Value);
            w.WriteStartObject("attributes");
            w.WriteString("status", row.Status.ToApiName());
            w.WriteString("created_at", FormatTime(row.StartedAt));
            w.WriteString("updated_at", FormatTime(row.LastUpdated));
            w.WriteEndObject();
            w.WriteStartObject("relationships");
            w.WriteStartObject("customer-agent-messages");
            w.WriteStartArray("data");
            for (var index = 0; index < row.MessageCount; index++)
            {
                w.WriteStartObject();
                w.WriteString("type", "customer-agent-message");
                w.WriteString("id", MessageId(row.Id, index));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("links");
            w.WriteString("self", $"{self}/relationships/customer-agent-messages");
            w.WriteString("related", $"{self}/customer-agent-messages");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            WriteLinks(w, self);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("links");
        w.WriteString("self", list);
        if (page.NextCursor is { } cursor)
        {
            w.WriteString("next", $"{list}?page%5Bcursor%5D={Uri.EscapeDataString(cursor)}");
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>A thread as the messages endpoint's response: <c>data</c> is an array of <c>MessageResponseData</c> (role <c>user</c> or <c>agent</c>, content, times).</summary>
    /// <param name="thread">The thread.</param>
    /// <param name="baseAddress">The absolute API base address for links.</param>
    /// <returns>Compact JSON.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="baseAddress"/> is not absolute.</exception>
    public static string SerializeThread(ConversationThread thread, Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(thread);
        var root = Root(baseAddress);
        var conversation = $"{root}api/customer-agent-conversations/{Uri.EscapeDataString(thread.Row.Id.Value)}";
        return Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            foreach (var m in thread.Messages)
            {
                var id = MessageId(thread.Row.Id, m.Index);
                w.WriteStartObject();
                w.WriteString("type", "customer-agent-message");
                w.WriteString("id", id);
                w.WriteStartObject("attributes");
                w.WriteString("role", m.Author == MessageAuthor.Agent ? "agent" : "user");
                w.WriteString("content", m.Text);
                w.WriteString("created_at", FormatTime(m.At));
                w.WriteString("updated_at", FormatTime(m.At));
                w.WriteEndObject();
                WriteLinks(w, $"{root}api/customer-agent-messages/{Uri.EscapeDataString(id)}");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteLinks(w, $"{conversation}/customer-agent-messages");
            w.WriteEndObject();
        });
    }

    /// <summary>The vendor-style message ID: <c>{conversation}:{index in the history}</c>.</summary>
    internal static string MessageId(ConversationId conversation, int index) => string.Create(CultureInfo.InvariantCulture, $"{conversation.Value}:{index}");

    internal static string FormatTime(Instant instant) => TimePattern.Format(instant.WithOffset(Offset.Zero));

    /// <summary>Within one status bucket the resolution rate is 1 for resolved by AI and 0 otherwise; null with no volume.</summary>
    private static void WriteStatusRate(Utf8JsonWriter w, string? status, long volume)
    {
        if (volume == 0)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteNumberValue(status == ConversationStatus.ResolvedByAi.ToApiName() ? 1 : 0);
        }
    }

    private static void WriteRate(Utf8JsonWriter w, Rate? rate)
    {
        if (rate is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteNumberValue(rate.Value);
        }
    }

    /// <summary>A report response: <c>data</c> of <paramref name="type"/> with its ID, <c>attributes.results</c> written by <paramref name="results"/>, and the links.</summary>
    private static void WriteReport(Utf8JsonWriter w, string root, string type, string collection, string id, Action<Utf8JsonWriter> results)
    {
        w.WriteStartObject();
        w.WriteStartObject("data");
        w.WriteString("type", type);
        w.WriteString("id", id);
        w.WriteStartObject("attributes");
        w.WriteStartArray("results");
        results(w);
        w.WriteEndArray();
        w.WriteEndObject();
        WriteLinks(w, $"{root}api/{collection}/{Uri.EscapeDataString(id)}");
        w.WriteEndObject();
        WriteLinks(w, $"{root}api/{collection}");
        w.WriteEndObject();
    }

    private static void WriteLinks(Utf8JsonWriter w, string self)
    {
        w.WriteStartObject("links");
        w.WriteString("self", self);
        w.WriteEndObject();
    }

    /// <summary>A deterministic report ID: account, period instants, as-of instant and grouping.</summary>
    private static string ReportId(IDashboardCounts report, string grouping) =>
        $"{report.Period.AccountId.Value}:{FormatTime(report.Period.Start)}:{FormatTime(report.Period.End)}:{FormatTime(report.AsOf)}:{grouping}";

    private static string Root(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (!baseAddress.IsAbsoluteUri)
        {
            throw new ArgumentException("The base address must be absolute, such as https://a.klaviyo.com/.", nameof(baseAddress));
        }

        var text = baseAddress.AbsoluteUri;
        return text.EndsWith('/') ? text : text + "/";
    }

    internal static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            body(writer);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
