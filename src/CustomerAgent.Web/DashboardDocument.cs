using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using CustomerAgent.Attribution;
using CustomerAgent.Dashboard;
using CustomerAgent.Serialization;
using NodaTime.Text;

namespace CustomerAgent.Web;

/// <summary>
/// The dashboard's JSON document of one account, as <c>customer-agent report --format json</c> writes it per account and the
/// web API's <c>/api/accounts/{account}/report</c> returns it: the account, the period, the as-of instant, the KPIs with the
/// AI-generated sales per currency, the vendor's values report and skill values report (written by <see cref="DashboardJson"/>),
/// the days of the chart and the vendor's conversation list page. One writer, so the tool and the page show the same numbers.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class DashboardDocument
{
    /// <summary>The base address of the vendor-shaped JSON's links.</summary>
    public static Uri ApiBase { get; } = new("https://a.klaviyo.com/");

    /// <summary>The writer options of every document: compact, non-ASCII text as is.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The wire name of a grouping: <c>channel</c>, <c>status</c>, <c>tag</c>.</summary>
    /// <param name="grouping">The grouping.</param>
    /// <returns>The name.</returns>
    public static string NameOf(DashboardGrouping grouping) => grouping switch
    {
        DashboardGrouping.Status => "status",
        DashboardGrouping.Tag => "tag",
        _ => "channel",
    };

    /// <summary>Parses <c>channel</c>, <c>status</c> or <c>tag</c>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The grouping, or null when the name is none of those.</returns>
    public static DashboardGrouping? ParseGrouping(string? name) => name switch
    {
        "channel" => DashboardGrouping.Channel,
        "status" => DashboardGrouping.Status,
        "tag" => DashboardGrouping.Tag,
        _ => null,
    };

    /// <summary>Writes the whole document of one account.</summary>
    /// <param name="w">The writer.</param>
    /// <param name="dashboard">The account's dashboard.</param>
    /// <param name="grouping">How the days are split; the values report is grouped by channel or status (a tag grouping has no vendor form, so overall).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(Utf8JsonWriter w, AccountDashboard dashboard, DashboardGrouping grouping)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(dashboard);
        var report = dashboard.Report;
        w.WriteStartObject();
        w.WriteString("account", report.Period.AccountId.Value);
        w.WritePropertyName("period");
        WritePeriod(w, report.Period);
        w.WriteString("as-of", InstantText.Format(report.AsOf));
        w.WritePropertyName("kpis");
        WriteKpis(w, report.Kpis, dashboard.Sales);
        w.WritePropertyName("values-report");
        DashboardJson.WriteValuesReport(w, report, grouping switch { DashboardGrouping.Channel => ValuesReportGrouping.Channel, DashboardGrouping.Status => ValuesReportGrouping.Status, _ => ValuesReportGrouping.Overall }, ApiBase);
        w.WritePropertyName("skill-values-report");
        DashboardJson.WriteSkillValuesReport(w, report, ApiBase);
        w.WritePropertyName("days");
        WriteDays(w, report, grouping);
        w.WritePropertyName("conversations");
        if (dashboard.FirstPage is null)
        {
            w.WriteNullValue();
        }
        else
        {
            DashboardJson.WriteConversationPage(w, dashboard.FirstPage, ApiBase);
        }

        w.WriteEndObject();
    }

    /// <summary>Writes a period: its preset (or null), first and last local dates, zone and instants.</summary>
    /// <param name="w">The writer.</param>
    /// <param name="period">The period.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WritePeriod(Utf8JsonWriter w, ReportingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(period);
        w.WriteStartObject();
        w.WriteString("key", period.Preset?.ToApiName());
        w.WriteString("first-date", LocalDatePattern.Iso.Format(period.FirstDate));
        w.WriteString("last-date", LocalDatePattern.Iso.Format(period.LastDate));
        w.WriteString("timezone", period.Zone.Id);
        w.WriteString("start", InstantText.Format(period.Start));
        w.WriteString("end", InstantText.Format(period.End));
        w.WriteEndObject();
    }

    /// <summary>Writes the counts of the KPI tiles (volume and each status), the two rates (a fraction from 0 to 1, or null when the period has no conversation) and the AI-generated sales per currency (a total past the decimal range as <c>"amount": null, "overflow": true</c>, never a wrong number).</summary>
    /// <param name="w">The writer.</param>
    /// <param name="kpis">The KPIs.</param>
    /// <param name="sales">The sales.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteKpis(Utf8JsonWriter w, DashboardKpis kpis, AttributionResult sales)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(kpis);
        ArgumentNullException.ThrowIfNull(sales);
        w.WriteStartObject();
        w.WriteNumber("volume", kpis.Volume);
        w.WriteNumber("open", kpis.Open);
        w.WriteNumber("resolved-by-ai", kpis.ResolvedByAi);
        w.WriteNumber("routed-to-team", kpis.NotResolvedByAi);
        w.WriteNumber("closed", kpis.Closed);
        // a period with no conversation has no rate (null), never 0 %
        WriteRate(w, "resolved-by-ai-rate", kpis.ResolvedByAiRate);
        WriteRate(w, "routed-to-team-rate", kpis.NotResolvedByAiRate);
        w.WriteStartArray("ai-generated-sales");
        foreach (var m in sales.AttributedRevenue.Totals)
        {
            w.WriteStartObject();
            w.WriteString("currency", m.Currency);
            w.WriteNumber("amount", m.Amount);
            w.WriteEndObject();
        }

        foreach (var currency in sales.AttributedRevenue.Overflowed)
        {
            w.WriteStartObject();
            w.WriteString("currency", currency);
            w.WriteNull("amount");
            w.WriteBoolean("overflow", true);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteRate(Utf8JsonWriter w, string name, Rate? rate)
    {
        if (rate is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteNumber(name, rate.Value);
        }
    }

    /// <summary>Writes the chart's days: per local day its date, its length in hours (23 or 25 on a daylight-saving change), the total and the counts by <paramref name="grouping"/> (<c>by-channel</c>, <c>by-status</c> or <c>by-tag</c>).</summary>
    /// <param name="w">The writer.</param>
    /// <param name="report">The report.</param>
    /// <param name="grouping">The grouping.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteDays(Utf8JsonWriter w, DashboardReport report, DashboardGrouping grouping)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(report);
        w.WriteStartArray();
        foreach (var day in report.Days)
        {
            w.WriteStartObject();
            w.WriteString("date", LocalDatePattern.Iso.Format(day.Date));
            w.WriteNumber("hours", (int)Math.Round(day.Interval.Duration.TotalHours));
            w.WriteNumber("total", day.Total);
            w.WriteStartObject("by-" + NameOf(grouping));
            foreach (var (key, value) in Segments(day, grouping))
            {
                w.WriteNumber(key, value);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>A day's bar split by channel, status or tag (a conversation with several tags counts under each; <c>untagged</c> apart).</summary>
    /// <param name="day">The day.</param>
    /// <param name="grouping">The grouping.</param>
    /// <returns>The segments, keyed by wire name or tag.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="day"/> is null.</exception>
    public static IEnumerable<KeyValuePair<string, long>> Segments(DailyBar day, DashboardGrouping grouping)
    {
        ArgumentNullException.ThrowIfNull(day);
        return grouping switch
        {
            DashboardGrouping.Channel => day.ByChannel.Select(kv => KeyValuePair.Create(kv.Key.ToApiName(), kv.Value)),
            DashboardGrouping.Status => day.ByStatus.Select(kv => KeyValuePair.Create(kv.Key.ToApiName(), kv.Value)),
            _ => day.ByTag.Append(KeyValuePair.Create("untagged", day.Untagged)),
        };
    }

    /// <summary>Writes a document with <paramref name="body"/> and returns its UTF-8 bytes.</summary>
    internal static byte[] Utf8(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            body(w);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
