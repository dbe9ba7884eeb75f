using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CustomerAgent.ActivityLog;
using CustomerAgent.Dashboard;
using CustomerAgent.Events;
using CustomerAgent.Segments;
using CustomerAgent.Serialization;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Spectre.Console;

namespace CustomerAgent.Cli;

/// <summary>
/// <c>segments</c> and <c>flow follow-up</c>: the events guide's segments (R21) and its follow-up flow (R22), per account, on the
/// facts the reader keeps (no conversation kept as an aggregate): each account's metric events and orders as of its instant.
/// </summary>
internal static class SegmentsCommand
{
    internal static Command BuildSegments(CliContext io)
    {
        var common = new LogOptions();
        var names = string.Join(", ", SegmentDefinition.Named.Select(d => d.Name));
        var segment = CliOptions.Once<string?>("--segment", $"Only this segment: {names}; default: all three", helpName: "NAME");
        var now = CliOptions.Instant("--now", "The instant the segments are as of (\"in the last 7 days\" counts from its local date); default: each account's own latest instant");
        var format = CliOptions.OneOf("--format", "Output: tables, CSV (a row per member) or JSON (an array of segments with every member's evidence)", "table", "table", "csv", "json");
        var rows = CliOptions.Int("--rows", "Members shown per segment in the table (CSV and JSON list every member)", 20, 0, 1_000_000);
        var output = CliOptions.Out();
        var command = new Command("segments", "The segments of the events guide per account (never two accounts mixed): who started a conversation with the Customer Agent, who received a product recommendation and placed no order since, who was escalated in the last 7 days; each member with its evidence");
        common.AddTo(command);
        command.Options.Add(segment);
        command.Options.Add(now);
        command.Options.Add(format);
        command.Options.Add(rows);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var outPath = parse.GetValue(output);
            var shown = parse.GetValue(rows);
            var wanted = parse.GetValue(segment) is { } name
                ? [SegmentDefinition.FindNamed(name) ?? throw new CliException($"--segment '{TerminalText.Escape(name)}' is not a segment: use {names}")]
                : SegmentDefinition.Named;
            var log = common.Load(parse, io, new ActivityLogReaderOptions { AsOf = parse.GetValue(now) }, reread: false, ("--out", outPath));
            var evaluator = io.Services.GetRequiredService<ISegmentEvaluator>();
            var results = new List<SegmentResult>();
            foreach (var account in log.Accounts)
            {
                var at = LoadedLog.AsOf(account);
                var activity = account.Activity(at);
                results.AddRange(wanted.Select(d => evaluator.Evaluate(activity, d, at)));
            }

            Output.To(io, outPath, (writer, console) =>
            {
                switch (parse.GetValue(format))
                {
                    case "json":
                        JsonArray(writer, results, SegmentJson.WriteSegment);
                        break;
                    case "csv":
                        writer.Write("account_id,segment,as_of,email,phone_number,external_id,anonymous_id,evidence\r\n");
                        foreach (var r in results)
                        {
                            foreach (var m in r.Members)
                            {
                                string[] cells = [r.AccountId.Value, r.Definition.Name, LogInstants.Format(r.AsOf), m.Profile.Email ?? "", m.Profile.PhoneNumber ?? "", m.Profile.ExternalId ?? "", m.Profile.AnonymousId ?? "", Evidence(m)];
                                writer.Write(string.Join(",", cells.Select(ConversationsCommand.Csv)) + "\r\n");
                            }
                        }

                        break;
                    default:
                        foreach (var r in results)
                        {
                            console.Write(new Rule(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{TerminalText.Escape(r.AccountId.Value)} · {r.Definition.Name}: {r.Members.Count} of {r.ProfilesConsidered} profiles as of {LogInstants.Format(r.AsOf)}"))).LeftJustified());
                            console.WriteLine(r.Definition.Description);
                            if (r.Members.Count == 0)
                            {
                                console.WriteLine("  (no profile)");
                                continue;
                            }

                            var table = new Table().Border(TableBorder.Simple).AddColumn("profile").AddColumn("evidence");
                            foreach (var m in r.Members.Take(shown))
                            {
                                table.AddRow(Markup.Escape(TerminalText.Escape(Who(m.Profile))), Markup.Escape(TerminalText.Escape(Evidence(m))));
                            }

                            console.Write(table);
                            if (r.Members.Count > shown)
                            {
                                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  … and {r.Members.Count - shown} more (--rows, or --format csv for every member)"));
                            }
                        }

                        break;
                }
            });

            return log.ExitCode;
        });
        return command;
    }

    internal static Command BuildFlow(CliContext io)
    {
        var common = new LogOptions();
        var period = CliOptions.Once("--period", PeriodSpec.Help + "; the sends and skips decided in it are listed", PeriodSpec.Parse, "PERIOD");
        period.DefaultValueFactory = _ => PeriodSpec.Parse("last_7_days");
        var tz = CliOptions.Once<DateTimeZone?>("--tz", "The time zone days are counted in (IANA ID); default: the account's setting", PeriodSpec.ParseZone, "ZONE");
        var now = CliOptions.Instant("--now", "The instant the flow is as of (a later send is 'scheduled'); default: each account's own latest instant");
        var delay = CliOptions.Once<Duration?>("--delay", "How long after the recommendation the follow-up is sent, such as 2h, 90m or 1d [default: 2h]", ParseDuration, "DURATION");
        var quiet = CliOptions.Once<Duration?>("--quiet-period", "Skip a follow-up less than this after the profile's previous one (0 sends every one) [default: 16h]", ParseDuration, "DURATION");
        var reEntry = CliOptions.Once<FollowUpReEntry?>("--re-entry", "Whether a profile enters the flow again: on every recommendation, only when not already waiting, or once [default: every-trigger, or the options']", name => ApiNames.ParseFollowUpReEntry(name), "every-trigger|when-not-in-flow|once");
        var channel = CliOptions.Once<FollowUpChannel?>("--channel", "What the follow-up is sent by; a profile without an address for it is skipped [default: email, or the options']", name => ApiNames.ParseFollowUpChannel(name), "email|sms");
        var format = CliOptions.OneOf("--format", "Output: tables, CSV (a row per send or skip) or JSON (an object per account)", "table", "table", "csv", "json");
        var rows = CliOptions.Int("--rows", "Sends and skips shown per account in the table, each (CSV and JSON list every one)", 20, 0, 1_000_000);
        var output = CliOptions.Out();
        var followUp = new Command("follow-up", "The follow-up flow of the events guide per account: each product recommendation enters; after the delay the profile gets a follow-up with the recommended products unless it placed an order since; lists the sends and the skipped recommendations with the reason");
        common.AddTo(followUp);
        foreach (var option in new Option[] { period, tz, now, delay, quiet, reEntry, channel, format, rows, output })
        {
            followUp.Options.Add(option);
        }

        followUp.SetAction(parse =>
        {
            var outPath = parse.GetValue(output);
            var defaults = io.Services.GetRequiredService<IFollowUpFlow>().Settings;
            var settings = FollowUpFlowSettings.Create(
                parse.GetValue(delay) ?? defaults.Delay,
                parse.GetValue(reEntry) ?? defaults.ReEntry,
                parse.GetValue(quiet) ?? defaults.QuietPeriod,
                parse.GetValue(channel) ?? defaults.Channel);
            var flow = new FollowUpFlow(settings);
            var log = common.Load(parse, io, new ActivityLogReaderOptions { AsOf = parse.GetValue(now) }, reread: false, ("--out", outPath));
            var results = log.Accounts.Select(account =>
            {
                var at = LoadedLog.AsOf(account);
                return flow.Run(account.Activity(at), parse.GetRequiredValue(period).For(account, parse.GetValue(tz), at), at);
            }).ToList();
            Output.To(io, outPath, (writer, console) =>
            {
                switch (parse.GetValue(format))
                {
                    case "json":
                        JsonArray(writer, results, SegmentJson.WriteFollowUp);
                        break;
                    case "csv":
                        writer.Write("account_id,kind,trigger_id,conversation_id,email,phone_number,external_id,anonymous_id,triggered_at,at,status,cause,products\r\n");
                        foreach (var r in results)
                        {
                            foreach (var s in r.Sends)
                            {
                                Row(writer, r, "send", s.TriggerId, s.ConversationId.Value, s.Profile, s.TriggeredAt, s.SendAt, s.Status.ToApiName(), "", string.Join(" ", s.Products));
                            }

                            foreach (var s in r.Skips)
                            {
                                Row(writer, r, "skip", s.TriggerId, s.ConversationId.Value, s.Profile, s.TriggeredAt, s.DecidedAt, s.Reason.ToApiName(), s.Cause ?? "", "");
                            }
                        }

                        break;
                    default:
                        var shown = parse.GetValue(rows);
                        foreach (var r in results)
                        {
                            console.Write(new Rule(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{TerminalText.Escape(r.AccountId.Value)} · follow-up flow, {PeriodSpec.Describe(r.Period)}: {r.Sends.Count} follow-ups, {r.Skips.Count} skipped, as of {LogInstants.Format(r.AsOf)}"))).LeftJustified());
                            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"delay {Describe(r.Settings.Delay)}, re-entry {r.Settings.ReEntry.ToApiName()}, quiet period {Describe(r.Settings.QuietPeriod)}, by {r.Settings.Channel.ToApiName()}"));
                            if (r.Sends.Count > 0 && shown > 0)
                            {
                                var sends = new Table().Border(TableBorder.Simple).AddColumn("send at").AddColumn("status").AddColumn("profile").AddColumn("conversation").AddColumn("products");
                                foreach (var s in r.Sends.Take(shown))
                                {
                                    sends.AddRow(LogInstants.Format(s.SendAt), s.Status.ToApiName(), Markup.Escape(TerminalText.Escape(Who(s.Profile))), Markup.Escape(TerminalText.Escape(s.ConversationId.Value)), Markup.Escape(TerminalText.Escape(string.Join(", ", s.Products))));
                                }

                                console.Write(sends);
                            }

                            More(console, r.Sends.Count, shown, "follow-ups");

                            if (r.Skips.Count > 0 && shown > 0)
                            {
                                var skips = new Table().Border(TableBorder.Simple).AddColumn("decided at").AddColumn("reason").AddColumn("profile").AddColumn("conversation").AddColumn("cause");
                                foreach (var s in r.Skips.Take(shown))
                                {
                                    skips.AddRow(LogInstants.Format(s.DecidedAt), s.Reason.ToApiName(), Markup.Escape(TerminalText.Escape(Who(s.Profile))), Markup.Escape(TerminalText.Escape(s.ConversationId.Value)), Markup.Escape(TerminalText.Escape(s.Cause ?? "")));
                                }

                                console.Write(skips);
                            }

                            More(console, r.Skips.Count, shown, "skipped");
                        }

                        break;
                }
            });

            return log.ExitCode;
        });
        var command = new Command("flow", "The flows of the events guide; 'flow follow-up' is the follow-up after a product recommendation");
        command.Subcommands.Add(followUp);
        command.SetAction(_ =>
        {
            io.Err.WriteLine("customer-agent flow: name a flow (follow-up); 'customer-agent flow --help' describes it.");
            return ExitCodes.Usage;
        });
        return command;
    }

    /// <summary>Parses a duration such as <c>2h</c>, <c>90m</c>, <c>1d</c>, <c>45s</c> or <c>0</c>.</summary>
    internal static Duration? ParseDuration(string text)
    {
        var t = text.Trim();
        if (t == "0")
        {
            return Duration.Zero;
        }

        if (t.Length >= 2 && long.TryParse(t.AsSpan(0, t.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 100_000)
        {
            switch (t[^1])
            {
                case 's': return Duration.FromSeconds(n);
                case 'm': return Duration.FromMinutes(n);
                case 'h': return Duration.FromHours(n);
                case 'd': return Duration.FromDays(n);
            }
        }

        throw new FormatException($"'{text}' is not a duration: use a whole number and a unit, such as 2h, 90m, 1d or 45s (0 for none)");
    }

    private static string Describe(Duration d) =>
        d == Duration.Zero ? "0"
        : d.TotalSeconds % 86_400 == 0 ? string.Create(CultureInfo.InvariantCulture, $"{(long)d.TotalDays}d")
        : d.TotalSeconds % 3_600 == 0 ? string.Create(CultureInfo.InvariantCulture, $"{(long)d.TotalHours}h")
        : d.TotalSeconds % 60 == 0 ? string.Create(CultureInfo.InvariantCulture, $"{(long)d.TotalMinutes}m")
        : string.Create(CultureInfo.InvariantCulture, $"{(long)d.TotalSeconds}s");

    private static void Row(TextWriter writer, FollowUpFlowResult r, string kind, string trigger, string conversation, MetricProfile p, Instant triggered, Instant at, string status, string cause, string products)
    {
        string[] cells = [r.AccountId.Value, kind, trigger, conversation, p.Email ?? "", p.PhoneNumber ?? "", p.ExternalId ?? "", p.AnonymousId ?? "", LogInstants.Format(triggered), LogInstants.Format(at), status, cause, products];
        writer.Write(string.Join(",", cells.Select(ConversationsCommand.Csv)) + "\r\n");
    }

    /// <summary>A profile for a person: its email, else phone number, else external ID, else anonymous ID, with the others after it.</summary>
    /// <summary>Says how many rows the table left out, if any.</summary>
    private static void More(IAnsiConsole console, int count, int shown, string what)
    {
        if (count > shown)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  … and {count - shown} more {what} (--rows, or --format csv for every one)"));
        }
    }

    private static string Who(MetricProfile p) =>
        string.Join(" · ", new[] { p.Email, p.PhoneNumber, p.ExternalId is null ? null : "external " + p.ExternalId, p.AnonymousId is null ? null : "anonymous " + p.AnonymousId }.Where(s => s is not null));

    /// <summary>A member's evidence in one line: per condition, what was counted (and since when).</summary>
    private static string Evidence(SegmentMember m) => string.Join("; ", m.Evidence.Select(e =>
    {
        var what = e.Condition.Metric.ToMetricName();
        var text = e.Counted.Count == 0
            ? $"no {what}"
            : string.Create(CultureInfo.InvariantCulture, $"{what} ×{e.Counted.Count} (last {LogInstants.Format(e.Counted[^1].At)}{(e.Counted[^1].ConversationId is { } c ? " in " + c.Value : " order " + e.Counted[^1].Id)})");
        return e.Anchor is { } anchor ? $"{text} since {LogInstants.Format(anchor.At)} ({anchor.ConversationId?.Value})" : $"{text} {e.Condition.Timeframe}";
    }));

    /// <summary>Streams the results as one JSON array and a newline: flushed to the writer as it goes, so no result is ever one string.</summary>
    private static void JsonArray<T>(TextWriter writer, IEnumerable<T> items, Action<Utf8JsonWriter, T> write)
    {
        using (var w = new Utf8JsonWriter(new TextWriterStream(writer), new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            foreach (var item in items)
            {
                write(w, item);
                w.Flush();
            }

            w.WriteEndArray();
        }

        writer.WriteLine();
    }
}
