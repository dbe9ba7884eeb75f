using System.CommandLine;

namespace CustomerAgent.Cli;

/// <summary>The commands built on the dashboard (report, conversations, conversation): wired in once the dashboard lands.</summary>
internal static class DashboardCommands
{
    internal static IEnumerable<Command> Build(CliContext io) => [];
}
