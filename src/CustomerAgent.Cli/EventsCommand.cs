using System.CommandLine;
using CustomerAgent.ActivityLog;
using CustomerAgent.Serialization;
using NodaTime;

namespace CustomerAgent.Cli;

/// <summary><c>events</c>: the metric events (R6-R9) as JSON Lines, one vendor Create Event request body per line.</summary>
internal static class EventsCommand
{
    internal static Command Build(CliContext io)
    {
        var common = new LogOptions();
        var from = CliOptions.Instant("--from", "Only events at or after INSTANT (inclusive)");
        var to = CliOptions.Instant("--to", "Only events before INSTANT (exclusive); default: by each account's own latest instant (inclusive)");
        var output = CliOptions.Out();
        var command = new Command("events", "Writes the metric events (started, resolved, escalated, product recommendation received), screened by the agent switch, as JSON Lines in the vendor's Create Event shape, per account, in conversation then emission order");
        common.AddTo(command);
        command.Options.Add(from);
        command.Options.Add(to);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var outPath = parse.GetValue(output);
            var start = parse.GetValue(from);
            var end = parse.GetValue(to);
            if (start is { } s && end is { } e && e <= s)
            {
                throw new CliException($"--to {LogInstants.Format(e)} must be after --from {LogInstants.Format(s)} (the interval is [from, to))");
            }

            // lean: the facts as of just before --to (D1), no aggregate and no text; events carry the profile, kept compactly
            var log = common.Load(parse, io, new ActivityLogReaderOptions { AsOf = end - Duration.Epsilon }, reread: false, ("--out", outPath));
            Output.To(io, outPath, (writer, _) =>
            {
                foreach (var account in log.Accounts)
                {
                    // the account's own interval: from --from to --to, else to just after its own latest instant (empty when
                    // --from is later: that account has nothing to write, which is not an error)
                    var first = start ?? SupportedInstants.Start;
                    var last = end ?? LoadedLog.AsOf(account) + Duration.Epsilon;
                    if (last <= first)
                    {
                        continue;
                    }

                    foreach (var metricEvent in account.Events(first, last))
                    {
                        writer.WriteLine(CustomerAgentJson.Serialize(metricEvent));
                    }
                }
            });

            return log.ExitCode;
        });
        return command;
    }
}
