using System.CommandLine;
using NodaTime;

namespace CustomerAgent.Cli;

/// <summary><c>sample</c>: a deterministic, realistic activity log (the bundled sample is its default output).</summary>
internal static class SampleCommand
{
    internal static Command Build(CliContext io)
    {
        var count = CliOptions.Int("--conversations", "How many conversations", 200, 1, 10_000_000);
        var seed = CliOptions.Int("--seed", "The random seed (same seed, same bytes)", 7, 0, int.MaxValue);
        var start = CliOptions.Instant("--start", "The first instant of the week the conversations start in (default 2026-10-20T08:00:00Z: Paris leaves summer time on October 25)");
        var output = CliOptions.Out();
        var command = new Command("sample", "Writes a seeded, realistic activity log: two accounts in two time zones, several channels, skills and tags, every handoff kind, tickets, orders, clicks and touches, preview conversations, a disabled period and a daylight-saving change");
        command.Options.Add(count);
        command.Options.Add(seed);
        command.Options.Add(start);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var outPath = parse.GetValue(output);
            io.Outputs.Plan(null, ("--out", outPath));
            Output.To(io, outPath, (writer, _) => SampleLogGenerator.Write(writer, parse.GetValue(count), parse.GetValue(seed), parse.GetValue(start) ?? SampleLogGenerator.DefaultStart));
            return ExitCodes.Ok;
        });
        return command;
    }
}
