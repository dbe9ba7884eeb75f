using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CustomerAgent.ActivityLog;
using CustomerAgent.Attribution;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using CustomerAgent.Serialization;
using CustomerAgent.Web;
using NodaTime;
using NodaTime.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CustomerAgent.Cli;

/// <summary><c>report</c> (alias <c>run</c>): the overview dashboard of each account for a period.</summary>
internal static class ReportCommand
{
    /// <summary>The base address of the vendor-shaped JSON's links.</summary>
    internal static readonly Uri ApiBase = DashboardDocument.ApiBase;

    private static readonly string[] Shades = ["█", "▓", "▒", "░", "▚", "▞", "■", "▪", "▬", "◆"];

    internal static Command Build(CliContext io)
    {
        var common = new LogOptions();
        var period = CliOptions.Once("--period", PeriodSpec.Help, PeriodSpec.Parse, "PERIOD");
        period.DefaultValueFactory = _ => PeriodSpec.Parse("last_7_days");
        var tz = CliOptions.Once<DateTimeZone?>("--tz", "The time zone days are counted in (IANA ID); default: the account's setting", PeriodSpec.ParseZone, "ZONE");
        var now = CliOptions.Instant("--now", "The instant statuses are as of and presets count from; default: each account's own latest instant");
        var groupBy = CliOptions.OneOf("--group-by", "How each day's bar is split", "channel", "channel", "status", "tag");
        var format = CliOptions.OneOf("--format", "Output: tables, or per account the vendor's report responses as JSON", "table", "table", "json");
        var rows = CliOptions.Int("--rows", "Rows of the conversations table shown", 10, 0, ConversationTableQuery.MaxPageSize);
        var output = CliOptions.Out();
        var command = new Command("report", "The overview dashboard of each account (never two accounts added together): the four KPIs, the daily chart, the volume per skill and the first rows of the conversations table; --format json prints the vendor's report responses");
        command.Aliases.Add("run");
        common.AddTo(command);
        command.Options.Add(period);
        command.Options.Add(tz);
        command.Options.Add(now);
        command.Options.Add(groupBy);
        command.Options.Add(format);
        command.Options.Add(rows);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var outPath = parse.GetValue(output);
            var shown = parse.GetValue(rows);
            var log = common.Load(parse, io, new ActivityLogReaderOptions { AsOf = parse.GetValue(now) }, reread: shown > 0, ("--out", outPath));
            var reports = log.Accounts.Select(a => Build(log, a, parse.GetRequiredValue(period), parse.GetValue(tz), shown)).ToList();
            var grouping = parse.GetRequiredValue(groupBy);
            Output.To(io, outPath, (writer, console) =>
            {
                if (parse.GetValue(format) == "json")
                {
                    writer.WriteLine(Json(reports, grouping));
                }
                else
                {
                    Render(console, log, reports, grouping);
                }
            });

            return log.ExitCode;
        });
        return command;
    }

    /// <summary>One account's dashboard and first table rows.</summary>
    internal sealed record AccountReport(AccountLog Account, DashboardReport Report, ConversationPage? Rows, AttributionResult Sales)
    {
        internal AccountDashboard Dashboard => new(Report, Sales, Rows);
    }

    /// <summary>One account's report on the one engine (<see cref="AccountDashboard.Compute"/>, as the web page's): the reader's facts (no aggregate, no text) through the core's dashboard, table and attribution; the first questions of the rows shown are read again from the log.</summary>
    internal static AccountReport Build(LoadedLog log, AccountLog account, PeriodSpec spec, DateTimeZone? zone, int rows)
    {
        var at = LoadedLog.AsOf(account);
        var dashboard = AccountDashboard.Compute(account, spec.For(account, zone, at), at, rows, log.FirstQuestion);
        return new AccountReport(account, dashboard.Report, dashboard.FirstPage, dashboard.Sales);
    }

    /// <summary>Per account the document of <see cref="DashboardDocument.Write"/> (the web API's report): the vendor's values report (grouped by channel or status; a tag grouping has no vendor form, so overall), skill values report and first conversations page, the KPIs and the days of the chart; written once, as one JSON array.</summary>
    internal static string Json(IReadOnlyList<AccountReport> reports, string groupBy)
    {
        var grouping = DashboardDocument.ParseGrouping(groupBy) ?? DashboardGrouping.Channel;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, DashboardDocument.WriterOptions))
        {
            w.WriteStartArray();
            foreach (var r in reports)
            {
                DashboardDocument.Write(w, r.Dashboard, grouping);
            }

            w.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A day's bar split by channel, status or tag (a conversation with several tags counts under each; untagged apart).</summary>
    internal static IEnumerable<(string Key, long Count)> Segments(DailyBar day, string groupBy) =>
        DashboardDocument.Segments(day, DashboardDocument.ParseGrouping(groupBy) ?? DashboardGrouping.Channel).Select(kv => (kv.Key, kv.Value));

    private static void Render(IAnsiConsole console, LoadedLog log, IReadOnlyList<AccountReport> reports, string groupBy)
    {
        var inv = CultureInfo.InvariantCulture;
        console.MarkupLine(Markup.Escape(string.Create(inv, $"customer-agent: {TerminalText.Escape(log.Input.Name)}: {Program.N(log.Log.ConversationCount)} conversations in {log.Log.Accounts.Count} account(s), {Program.N(log.Log.Rejections.Count)} lines rejected")));
        foreach (var r in reports)
        {
            var report = r.Report;
            var kpis = report.Kpis;
            console.WriteLine();
            console.Write(new Rule($"[bold]{Markup.Escape(TerminalText.Escape(r.Account.AccountId.Value))}[/] · {Markup.Escape(PeriodSpec.Describe(report.Period))} · as of {LogInstants.Format(report.AsOf)}").LeftJustified());

            var kpiTable = new Table().Border(TableBorder.Rounded);
            kpiTable.AddColumns("Total volume", "Resolved by AI", "Not resolved by AI", "AI-generated sales");
            kpiTable.AddRow(
                new Text(Program.N(kpis.Volume)),
                new Text(Rate(kpis.ResolvedByAiRate)),
                new Text(Rate(kpis.NotResolvedByAiRate)),
                new Text(Sales(r.Sales)));
            console.Write(kpiTable);
            foreach (var currency in r.Sales.AttributedRevenue.Overflowed)
            {
                console.WriteLine($"{currency}: the AI-generated sales total is past the decimal range (±79,228,162,514,264,337,593,543,950,335), so it is not shown");
            }

            console.WriteLine(string.Create(inv, $"open {kpis.Open}, resolved by AI {kpis.ResolvedByAi}, not resolved by AI {kpis.NotResolvedByAi}, closed {kpis.Closed} (preview conversations are not counted, R20)"));

            console.WriteLine();
            console.Write(Chart(report, groupBy));
            console.WriteLine();
            if (report.SkillVolumes.Count > 0)
            {
                var skills = new BarChart().Label("Volume per skill (invocations)").LeftAlignLabel().Width(Math.Min(80, console.Profile.Width));
                foreach (var s in report.SkillVolumes.OrderByDescending(s => s.Volume).ThenBy(s => s.Skill, StringComparer.Ordinal))
                {
                    skills.AddItem(Markup.Escape(TerminalText.Escape(s.Skill)), s.Volume, Color.Teal);
                }

                console.Write(skills);
            }
            else
            {
                console.WriteLine("Volume per skill: no skill invoked in the period");
            }

            if (r.Rows is { } page)
            {
                console.WriteLine();
                console.WriteLine(string.Create(inv, $"Conversations ({page.Rows.Count} of {page.MatchingCount}, last updated first; 'customer-agent conversations' lists them all)"));
                console.Write(ConversationsCommand.Table(page.Rows));
            }
        }
    }

    /// <summary>The daily chart: one line per local day, a bar of shaded segments (one shade per channel, status or tag) and the counts.</summary>
    private static Table Chart(DashboardReport report, string groupBy)
    {
        var keys = report.Days.SelectMany(d => Segments(d, groupBy)).Where(s => s.Count > 0).Select(s => s.Key).Distinct().ToList();
        if (groupBy != "tag")
        {
            keys = Segments(report.Days[0], groupBy).Select(s => s.Key).Where(keys.Contains).ToList();
        }

        var shade = keys.Select((k, i) => (k, Shades[i % Shades.Length])).ToDictionary(x => x.k, x => x.Item2, StringComparer.Ordinal);
        var max = report.Days.Select(d => Segments(d, groupBy).Sum(s => s.Count)).DefaultIfEmpty(0).Max();
        const int width = 32;
        var table = new Table().Border(TableBorder.Simple).Title($"Conversations per day by {groupBy} ({Markup.Escape(report.Period.Zone.Id)} days)");
        table.AddColumn(new TableColumn("day").NoWrap()).AddColumn(new TableColumn("total").RightAligned());
        foreach (var key in keys)
        {
            table.AddColumn(new TableColumn(Markup.Escape($"{shade[key]} {TerminalText.Escape(key)}")).RightAligned().NoWrap());
        }

        table.AddColumn(new TableColumn("bar").NoWrap());
        foreach (var day in report.Days)
        {
            var counts = Segments(day, groupBy).ToDictionary(s => s.Key, s => s.Count, StringComparer.Ordinal);
            var bar = string.Concat(keys.Select(k => new string(shade[k][0], max == 0 ? 0 : (int)Math.Round((double)counts.GetValueOrDefault(k) * width / max))));
            var hours = day.Interval.Duration.TotalHours;
            var label = day.Date.ToString("ddd uuuu-MM-dd", CultureInfo.InvariantCulture) + (hours is 23 or 25 ? string.Create(CultureInfo.InvariantCulture, $" ({hours:0} h)") : string.Empty);
            var cells = new List<IRenderable> { new Text(label), new Text(Program.N(day.Total)) };
            cells.AddRange(keys.Select(k => new Text(Program.N(counts.GetValueOrDefault(k)))));
            cells.Add(new Text(bar));
            table.AddRow(cells);
        }

        return table;
    }

    private static string Rate(Rate? rate) =>
        rate is null ? "n/a (no conversation)" : string.Create(CultureInfo.InvariantCulture, $"{Math.Round(rate.Percent, 1, MidpointRounding.AwayFromZero):0.0} % ({rate.Count}/{rate.Volume})");

    private static string Sales(AttributionResult sales) =>
        sales.AttributedRevenue.IsEmpty
            ? "none"
            : $"{MoneyText.Totals(sales.AttributedRevenue)} ({MoneyText.Orders(sales.Orders.Count)})";

}
