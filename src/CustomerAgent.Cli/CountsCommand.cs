using System.CommandLine;
using System.Globalization;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Serialization;

namespace CustomerAgent.Cli;

/// <summary>
/// <c>counts</c>: the volume and the status counts per channel of each account as of each account's own latest instant, from the
/// reader's lean state (no conversation kept as an aggregate), so it runs in one pass over logs of any size.
/// </summary>
internal static class CountsCommand
{
    private static readonly ConversationStatus[] Statuses = [ConversationStatus.Open, ConversationStatus.ResolvedByAi, ConversationStatus.NotResolvedByAi, ConversationStatus.Closed];

    internal static Command Build(CliContext io)
    {
        var common = new LogOptions();
        var command = new Command("counts", "The volume and status counts per channel of each account (live conversations, R20) as of each account's own latest instant, in one lean pass over logs of any size: one line per account");
        common.AddTo(command);
        command.SetAction(parse =>
        {
            var log = common.Load(parse, io);
            foreach (var account in log.Accounts)
            {
                io.Out.WriteLine(Line(account.AccountId, account.CountByChannelAndStatus(LoadedLog.AsOf(account))));
            }

            return log.ExitCode;
        });
        return command;
    }

    /// <summary><c>account ID: volume N; open/resolved-by-ai/routed-to-team/closed = a/b/c/d; web-chat a/b/c/d; …</c> (channels with conversations only).</summary>
    internal static string Line(AccountId account, Bulk.ChannelStatusCounts counts)
    {
        var total = counts.Total;
        var channels = Enum.GetValues<Channel>()
            .Select(c => (Channel: c, Counts: counts.ForChannel(c)))
            .Where(c => c.Counts.Total > 0)
            .OrderBy(c => c.Channel.ToApiName(), StringComparer.Ordinal)
            .Select(c => c.Channel.ToApiName() + " " + Slash(c.Counts));
        return string.Create(CultureInfo.InvariantCulture, $"account {TerminalText.Escape(account.Value)}: volume {total.Total}; {string.Join("/", Statuses.Select(s => s.ToApiName()))} = {Slash(total)}; {string.Join("; ", channels)}");
    }

    private static string Slash(Bulk.StatusCounts counts) =>
        string.Join("/", Statuses.Select(s => counts[s].ToString(CultureInfo.InvariantCulture)));
}
