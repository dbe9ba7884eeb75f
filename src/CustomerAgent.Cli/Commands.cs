using System.CommandLine;
using CustomerAgent.ActivityLog;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Cli;

/// <summary>The command tree: <c>report</c> (alias <c>run</c>), <c>conversations</c>, <c>conversation</c>, <c>events</c>, <c>sample</c>.</summary>
internal static class Commands
{
    internal static RootCommand Build(CliContext io)
    {
        var root = new RootCommand(
            "customer-agent: the Customer Agent's overview dashboard, conversations and metric events from an activity log " +
            "(docs/activity-log.md). Every command that reads a log reads the bundled sample when --log is not given.\n" + ExitCodes.Help);
        root.Subcommands.Add(ReportCommand.Build(io));
        root.Subcommands.Add(ConversationsCommand.BuildList(io));
        root.Subcommands.Add(ConversationsCommand.BuildThread(io));
        root.Subcommands.Add(EventsCommand.Build(io));
        root.Subcommands.Add(CountsCommand.Build(io));
        root.Subcommands.Add(SampleCommand.Build(io));
        root.SetAction(parse =>
        {
            io.Err.WriteLine("customer-agent: name a command (report, conversations, conversation, events, counts, sample); 'customer-agent --help' lists them.");
            return ExitCodes.Usage;
        });
        return root;
    }
}

/// <summary>The options every command that reads a log has, and the reading they share.</summary>
internal sealed class LogOptions
{
    internal Option<string?> Log { get; } = CliOptions.File("--log", "The activity log (JSON Lines, docs/activity-log.md); default: the bundled sample");

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
    internal LoadedLog Load(ParseResult parse, CliContext io, params (string Option, string? Path)[] outputs) => Load(parse, io, new ActivityLogReaderOptions(), outputs);

    /// <summary>
    /// As <see cref="Load(ParseResult, CliContext, ValueTuple{string, string}[])"/>, read with <paramref name="options"/>: the facts of
    /// every conversation (as of <see cref="ActivityLogReaderOptions.AsOf"/>, <c>--now</c>, when given, else each account's own latest
    /// instant) and aggregates, texts included, only of the conversations the command shows.
    /// </summary>
    internal LoadedLog Load(ParseResult parse, CliContext io, ActivityLogReaderOptions options, params (string Option, string? Path)[] outputs)
    {
        var input = LogInput.Open(parse.GetValue(Log));
        var rejects = parse.GetValue(Rejects);
        io.Outputs.Plan(input.Identity, [("--rejects", rejects), .. outputs]);

        var log = input.Read(io.Terminal.Progress, new ActivityLogReaderOptions
        {
            AsOf = options.AsOf,
            KeepConversations = options.KeepConversations,
            KeepConversation = options.KeepConversation,
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
            Policy = io.Policy,
        });
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
