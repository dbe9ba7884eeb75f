using CustomerAgent.Conversations;
using CustomerAgent.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using Spectre.Console;

namespace CustomerAgent.Cli;

/// <summary>The customer-agent command-line tool.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var stdout = Console.Out;
        var stderr = Console.Error;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) });
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = Terminal.PlainWidth; // a file or a pipe: the same lines whatever the window
        }

        var terminal = new Terminal(
            console,
            Console.IsErrorRedirected ? null : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) }));
        return Run(args, stdout, stderr, terminal, Console.OpenStandardInput, stdinIsConsole: true);
    }

    /// <summary>Runs the tool with plain (uncoloured, 120 columns) output: for tests and redirected output.</summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<Stream>? stdin = null) =>
        Run(args, stdout, stderr, Terminal.Plain(stdout), stdin ?? (() => Stream.Null), stdinIsConsole: false);

    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, Terminal terminal, Func<Stream> stdin, bool stdinIsConsole)
    {
        // stderr is for a person: a control character from the log or the command line is shown escaped, never run by the terminal
        stderr = new TerminalText.Writer(stderr);
        // One container for the whole run: every service and the reader take their one policy from it (D1), so nothing in the
        // tool meets a second policy or builds services with another default.
        using var services = new ServiceCollection().AddCustomerAgent().BuildServiceProvider();
        // every output file is written beside its target and renamed into place only when the command succeeds
        using var outputs = new OutputFiles();
        var io = new CliContext(stdout, stderr, terminal, services, outputs) { Stdin = stdin, StdinIsConsole = stdinIsConsole };
        try
        {
            return Run(args, io);
        }
        finally
        {
            foreach (var owned in io.Owned)
            {
                owned.Dispose();
            }
        }
    }

    private static int Run(string[] args, CliContext io)
    {
        var (stdout, stderr, outputs) = (io.Out, io.Err, io.Outputs);
        var root = Commands.Build(io);
        var parse = root.Parse(args);
        // --help shows the help even when the rest of the line is incomplete (conversation --help: no ID)
        if (parse.Errors.Count > 0 && parse.Action is not Commands.HelpWithExamples)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"customer-agent: {error.Message}");
            }

            var command = parse.CommandResult.Command;
            foreach (var token in parse.UnmatchedTokens)
            {
                if (DidYouMean.Suggest(command, token) is { } suggestion)
                {
                    stderr.WriteLine($"customer-agent: did you mean '{suggestion}'?");
                }
            }

            var name = command is RootCommand ? "customer-agent" : $"customer-agent {command.Name}";
            stderr.WriteLine($"Run '{name} --help' for the options.");
            return ExitCodes.Usage;
        }

        try
        {
            var code = parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
            if (code is ExitCodes.Ok or ExitCodes.Rejected)
            {
                outputs.Commit();
            }

            return code;
        }
        catch (CliException ex)
        {
            stderr.WriteLine($"customer-agent: {ex.Message}");
            return ex.ExitCode;
        }
        catch (CustomerAgentException ex)
        {
            // a value the domain refuses (a period longer than 12 months, an unknown zone): the user's input
            stderr.WriteLine($"customer-agent: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"customer-agent: {ex.Message}");
            return ExitCodes.CannotRead;
        }
#pragma warning disable CA1031 // the tool's last resort: a message and an exit code, never a stack trace for a user
        catch (Exception ex)
#pragma warning restore CA1031
        {
            stderr.WriteLine($"customer-agent: internal error ({ex.GetType().Name}): {ex.Message}");
            if (Environment.GetEnvironmentVariable("CUSTOMER_AGENT_DEBUG") is { Length: > 0 })
            {
                stderr.WriteLine(ex);
            }

            return ExitCodes.Internal;
        }
    }

    /// <summary>Formats a count with the invariant culture.</summary>
    internal static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary>Where a command writes (stdout and stderr, the Spectre consoles on them, the output files), and the one container of the run.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Err, Terminal Terminal, IServiceProvider Services, OutputFiles Outputs)
{
    /// <summary>Opens stdin (<c>--log -</c>).</summary>
    internal Func<Stream> Stdin { get; init; } = () => Stream.Null;

    /// <summary>Whether <see cref="Stdin"/> is the process's own (then, redirected from a file, it is that file).</summary>
    internal bool StdinIsConsole { get; init; }

    /// <summary>What the run disposes when it ends (the copy of a log read from stdin).</summary>
    internal List<IDisposable> Owned { get; } = [];

    /// <summary>The one policy of the run (the container's).</summary>
    internal ConversationPolicy Policy => Services.GetRequiredService<ConversationPolicy>();
}

/// <summary>The Spectre console on stdout, and the one on stderr for the progress bar (null when stderr is redirected).</summary>
internal sealed record Terminal(IAnsiConsole Out, IAnsiConsole? Progress)
{
    /// <summary>The width of output that goes to a file or a pipe.</summary>
    internal const int PlainWidth = 120;

    /// <summary>No colours, no progress bar, 120 columns: tests and files.</summary>
    internal static Terminal Plain(TextWriter stdout)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = PlainWidth;
        return new Terminal(console, null);
    }
}
