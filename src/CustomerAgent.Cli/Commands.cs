using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using CustomerAgent.ActivityLog;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Cli;

/// <summary>The command tree: <c>report</c> (alias <c>run</c>), <c>conversations</c>, <c>conversation</c>, <c>events</c>, <c>counts</c>, <c>segments</c>, <c>flow follow-up</c>, <c>sample</c>, <c>serve</c>, <c>replay</c>.</summary>
internal static class Commands
{
    /// <summary>The examples each command's help ends with.</summary>
    private static readonly Dictionary<string, string[]> Examples = new(StringComparer.Ordinal)
    {
        ["customer-agent"] =
        [
            "customer-agent report                                  # the dashboard of the bundled sample",
            "customer-agent report --log activity.jsonl.gz --period last_30_days",
            "customer-agent conversations --status routed-to-team --format csv --all --out team.csv",
            "customer-agent events --from 2026-06-01T00:00:00Z --out events.jsonl",
            "zcat activity.jsonl.gz | customer-agent counts --log - --format json",
        ],
        ["report"] =
        [
            "customer-agent report",
            "customer-agent report --log activity.jsonl --period 2026-06-01..2026-06-30 --tz Europe/Paris",
            "customer-agent report --account acme --group-by status --format json --out acme.json",
        ],
        ["conversations"] =
        [
            "customer-agent conversations --status open,routed-to-team --channel sms",
            "customer-agent conversations --search refund --sort started --order asc --page 2",
            "customer-agent conversations --all --format jsonl --out conversations.jsonl",
        ],
        ["conversation"] =
        [
            "customer-agent conversation conv-00042",
            "customer-agent conversation c1 --account acme --format json --out c1.json",
        ],
        ["events"] =
        [
            "customer-agent events --log activity.jsonl --out events.jsonl",
            "customer-agent events --from 2026-06-01T00:00:00Z --to 2026-06-08T00:00:00Z --account acme",
        ],
        ["counts"] =
        [
            "customer-agent counts --log activity.jsonl",
            "customer-agent counts --log - --format csv < activity.jsonl",
        ],
        ["segments"] =
        [
            "customer-agent segments",
            "customer-agent segments --segment escalated-last-7-days --format csv --out escalated.csv",
            "customer-agent segments --log activity.jsonl --account acme --now 2026-06-07T12:00:00Z --format json",
        ],
        ["follow-up"] =
        [
            "customer-agent flow follow-up",
            "customer-agent flow follow-up --period 2026-06-01..2026-06-07 --format csv --out follow-ups.csv",
            "customer-agent flow follow-up --delay 3h --quiet-period 0 --re-entry once --channel sms",
        ],
        ["serve"] =
        [
            "customer-agent serve                                   # the bundled sample at http://127.0.0.1:5000/",
            "customer-agent serve --log activity.jsonl --account acme --urls http://127.0.0.1:8080",
        ],
        ["sample"] =
        [
            "customer-agent sample --conversations 100000 --seed 1 --out big.jsonl",
        ],
        ["replay"] =
        [
            "customer-agent replay --log activity.jsonl --url http://127.0.0.1:5080",
            "CUSTOMER_AGENT_LIVE_API_KEY=… customer-agent replay --log today.jsonl.gz --url https://live.internal:8443 --batch 5000",
            "customer-agent replay --log growing.jsonl --key shop-2026-12 --url http://127.0.0.1:5080   # a log that grows: run again, only new lines apply",
        ],
    };

    internal static RootCommand Build(CliContext io)
    {
        var root = new RootCommand(
            "customer-agent: the Customer Agent's overview dashboard, conversations and metric events from an activity log " +
            "(JSON Lines, plain or gzip). Every command that reads a log reads the bundled sample when --log is not given, and stdin with --log -.\n" + ExitCodes.Help);
        root.Subcommands.Add(ReportCommand.Build(io));
        root.Subcommands.Add(ConversationsCommand.BuildList(io));
        root.Subcommands.Add(ConversationsCommand.BuildThread(io));
        root.Subcommands.Add(EventsCommand.Build(io));
        root.Subcommands.Add(CountsCommand.Build(io));
        root.Subcommands.Add(SegmentsCommand.BuildSegments(io));
        root.Subcommands.Add(SegmentsCommand.BuildFlow(io));
        root.Subcommands.Add(SampleCommand.Build(io));
        root.Subcommands.Add(ServeCommand.Build(io));
        root.Subcommands.Add(ReplayCommand.Build(io));
        root.SetAction(parse =>
        {
            io.Err.WriteLine("customer-agent: name a command (report, conversations, conversation, events, counts, segments, flow, sample, serve, replay); 'customer-agent --help' lists them.");
            return ExitCodes.Usage;
        });
        if (root.Options.OfType<HelpOption>().FirstOrDefault() is { Action: HelpAction help } helpOption)
        {
            helpOption.Action = new HelpWithExamples(help);
        }

        return root;
    }

    /// <summary>Help as System.CommandLine writes it, then the command's examples.</summary>
    internal sealed class HelpWithExamples(HelpAction inner) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var code = inner.Invoke(parseResult);
            var command = parseResult.CommandResult.Command;
            if (Examples.TryGetValue(command is RootCommand ? "customer-agent" : command.Name, out var examples))
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (var example in examples)
                {
                    output.WriteLine("  " + example);
                }

                output.WriteLine();
            }

            return code;
        }
    }
}

/// <summary>The options every command that reads a log has, and the reading they share.</summary>
internal sealed class LogOptions
{
    internal Option<string?> Log { get; } = CliOptions.File("--log", "The activity log: JSON Lines, plain or gzip (detected by its first bytes), or - for stdin; default: the bundled sample");

    internal Option<string?> Account { get; } = CliOptions.Once<string?>("--account", "Only this account; without it each account is reported apart", helpName: "ID");

    internal Option<string?> Rejects { get; } = CliOptions.File("--rejects", "Writes every rejected line verbatim to FILE, each after a comment '# line N: reason' (a log that can be fixed and read again)");

    internal Option<bool> Strict { get; } = CliOptions.Flag("--strict", "Stops at the first rejected line (exit code 1, no output)");


    internal void AddTo(Command command)
    {
        command.Options.Add(Log);
        command.Options.Add(Account);
        command.Options.Add(Rejects);
        command.Options.Add(Strict);
    }

    /// <summary>Checks the files, reads the log, handles rejected lines and selects the accounts.</summary>
    /// <param name="parse">The parse result.</param>
    /// <param name="io">Where to write.</param>
    /// <param name="outputs">The command's output files (option name, path): checked before anything is read or written (<see cref="OutputFiles.Plan"/>).</param>
    internal LoadedLog Load(ParseResult parse, CliContext io, params (string Option, string? Path)[] outputs) => Load(parse, io, new ActivityLogReaderOptions(), false, outputs);

    /// <summary>
    /// As <see cref="Load(ParseResult, CliContext, ValueTuple{string, string}[])"/>, read with <paramref name="options"/>: the facts of
    /// every conversation (as of <see cref="ActivityLogReaderOptions.AsOf"/>, <c>--now</c>, when given, else each account's own latest
    /// instant) and aggregates, texts included, only of the conversations the command shows.
    /// </summary>
    /// <param name="reread">Whether the command reads lines again by offset (the first questions of the rows it shows): a log from stdin or gzip is then copied as read.</param>
    internal LoadedLog Load(ParseResult parse, CliContext io, ActivityLogReaderOptions options, bool reread, params (string Option, string? Path)[] outputs)
    {
        var input = LogInput.Open(parse.GetValue(Log), io);
        io.Owned.Add(input);
        var rejects = parse.GetValue(Rejects);
        io.Outputs.Plan(input.Identity, [("--rejects", rejects), .. outputs]);

        // The tool's one policy (D1) over the command's options; every other setting is carried over as the command set it.
        var log = input.Read(io.Terminal.Progress, options with { Policy = io.Policy }, reread);
        var code = input.HandleRejections(log, rejects, parse.GetValue(Strict), io.Err, io.Outputs);
        var wanted = parse.GetValue(Account);
        var accounts = log.Accounts.Where(a => wanted is null || a.AccountId.Value == wanted).ToList();
        if (wanted is not null && accounts.Count == 0)
        {
            throw new CliException($"--account '{wanted}' is not in {input.Name}; its accounts are: {string.Join(", ", log.Accounts.Select(a => a.AccountId.Value))}");
        }

        var byAccount = log.Conversations.GroupBy(c => c.Header.AccountId).ToDictionary(g => g.Key, g => (IReadOnlyList<Conversation>)g.ToList());
        return new LoadedLog(input, log, accounts, byAccount, code);
    }
}

/// <summary>A log read and checked: the accounts to report (apart), each with its conversations, and the exit code so far.</summary>
internal sealed record LoadedLog(LogInput Input, ActivityLogResult Log, IReadOnlyList<AccountLog> Accounts, IReadOnlyDictionary<AccountId, IReadOnlyList<Conversation>> ConversationsByAccount, int ExitCode)
{
    private Stream? _reread;

    /// <summary>The first question of a conversation, read again from its opening line (the lean reader keeps no texts).</summary>
    internal string FirstQuestion(ConversationSummary conversation)
    {
        _reread ??= Input.OpenSeekable();
        return ActivityLogReader.ReadOpeningMessage(_reread, conversation);
    }

    /// <summary>The instant an account is reported as of: <c>--now</c> when given (the read was as of it), else the account's own latest instant, so another account's lines never move it.</summary>
    internal static Instant AsOf(AccountLog account) => account.AsOf ?? SupportedInstants.Start;

    /// <summary>The conversations of one account (preview ones included; the services leave them out, R20).</summary>
    internal IReadOnlyList<Conversation> ConversationsOf(AccountLog account) =>
        ConversationsByAccount.TryGetValue(account.AccountId, out var list) ? list : [];
}

/// <summary>Where a command's result goes: the <c>--out</c> file (written beside it, renamed into place on success) or stdout.</summary>
internal static class Output
{
    /// <summary>Runs <paramref name="write"/> on the writer of <paramref name="path"/> (or stdout), with a console for tables on it (plain, 120 columns, on a file).</summary>
    internal static void To(CliContext io, string? path, Action<TextWriter, Spectre.Console.IAnsiConsole> write)
    {
        var writer = io.Outputs.Text(path, io.Out);
        try
        {
            write(writer, ReferenceEquals(writer, io.Out) ? io.Terminal.Out : Terminal.Plain(writer).Out);
            writer.Flush();
        }
        finally
        {
            if (!ReferenceEquals(writer, io.Out))
            {
                writer.Dispose();
            }
        }
    }
}
