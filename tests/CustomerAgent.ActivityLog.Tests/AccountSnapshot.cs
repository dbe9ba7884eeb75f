using System.Globalization;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using CustomerAgent.Events;
using CustomerAgent.Serialization;
using NodaTime;

namespace CustomerAgent.ActivityLog.Tests;

/// <summary>
/// Everything an account's part of a log answers, as text (one line per fact), at its own <see cref="AccountLog.AsOf"/>: the
/// instant, its settings, the lean counts and events, the events themselves as vendor JSON, the dashboard (KPIs with the sales,
/// per channel, days, skills) and the AI-generated sales of two periods, and the conversations table's first page.
/// </summary>
public static class AccountSnapshot
{
    private static string F(Instant? at) => Modes.F(at);

    public static List<string> Of(AccountLog a)
    {
        var lines = new List<string>
        {
            $"account {a.AccountId} as of {F(a.AsOf)} latest {F(a.LatestInstant)}",
            $"settings {a.Settings.TimeZone.Id} {a.Settings.FirstDayOfWeek} {a.Settings.Attribution} from {F(a.Settings.At)}",
            $"history {a.AttributionHistory.Initial} " + string.Join("; ", a.AttributionHistory.Changes.Select(c => F(c.Key) + " " + c.Value)),
            $"switches {(a.Switches is null ? "none" : string.Join(", ", a.Switches.Changes))}",
            $"orders {a.Orders.Count} touches {a.Touches.Count} conversations {a.Conversations.Count} preview {a.PreviewCount}",
        };
        lines.AddRange(a.Conversations.Select(c => Modes.Describe(c)[..Modes.Describe(c).IndexOf(" line ", StringComparison.Ordinal)]));
        if (a.AsOf is not { } asOf)
        {
            return lines;
        }

        var counts = a.CountByChannelAndStatus(asOf);
        foreach (var channel in Enum.GetValues<Channel>())
        {
            lines.Add($"count {channel}: " + string.Join("/", Enum.GetValues<ConversationStatus>().Select(s => counts[channel, s].ToString(CultureInfo.InvariantCulture))));
        }

        lines.Add("events " + string.Join(", ", a.CountEventsAsOf(asOf).OrderBy(e => e.Key).Select(e => $"{e.Key} {e.Value}")));
        lines.AddRange(a.Events(SupportedInstants.Start, asOf + Duration.Epsilon).Select(CustomerAgentJson.Serialize));

        var inForce = a.SettingsAsOf(asOf);
        var settings = AccountReportingSettings.Create(a.AccountId, inForce.TimeZone.Id, inForce.FirstDayOfWeek);
        ReportingPeriod[] periods =
        [
            ReportingPeriod.ForPreset(settings, ReportingPreset.Last30Days, asOf),
            ReportingPeriod.ForInstants(settings, AccountLines.Base - Duration.FromDays(2), asOf + Duration.Epsilon),
        ];
        foreach (var period in periods)
        {
            var sales = a.Sales(period);
            lines.Add($"sales {period}: {sales}");
            lines.AddRange(sales.Orders.Select(o => $"  {o.Order.Id} {o.Rule} {o.Conversation} {F(o.CreditedAt)} {o.Touchpoint} {o.Match} {o.Amount}"));
            var report = a.Dashboard(period, sales);
            lines.Add($"dashboard as of {F(report.AsOf)}: {Kpis(report.Kpis)}");
            lines.AddRange(report.KpisByChannel.OrderBy(k => k.Key).Select(k => $"  {k.Key}: {Kpis(k.Value)}"));
            lines.AddRange(report.Days.Select(d =>
                $"  {d.Date:uuuu-MM-dd} {d.Total} channels [{string.Join(",", d.ByChannel.OrderBy(x => x.Key).Select(x => $"{x.Key} {x.Value}"))}] statuses [{string.Join(",", d.ByStatus.OrderBy(x => x.Key).Select(x => $"{x.Key} {x.Value}"))}] tags [{string.Join(",", d.ByTag.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => $"{x.Key} {x.Value}"))}] untagged {d.Untagged}"));
            lines.AddRange(report.SkillVolumes.Select(s => $"  skill {s.Skill} {s.Volume}"));
        }

        foreach (var query in new[] { ConversationTableQuery.Create(a.AccountId, pageSize: 10), ConversationTableQuery.Create(a.AccountId, period: periods[0], pageSize: 3) })
        {
            var page = a.Table(query, s => "first question of " + s.Id);
            lines.Add($"table as of {F(page.AsOf)}: {page.MatchingCount} matching, next {page.NextCursor ?? "-"}");
            lines.AddRange(page.Rows.Select(r => $"  {r.Id} {r.Channel} {r.FirstQuestion} {r.Profile} {r.Status} [{string.Join(",", r.Tags)}] {r.MessageCount} {F(r.StartedAt)} {F(r.LastUpdated)}"));
        }

        return lines;
    }

    private static string Kpis(DashboardKpis k) => $"volume {k.Volume} open {k.Open} resolved {k.ResolvedByAi} routed {k.NotResolvedByAi} closed {k.Closed} sales {k.AiGeneratedSales?.ToString() ?? "-"}";
}
