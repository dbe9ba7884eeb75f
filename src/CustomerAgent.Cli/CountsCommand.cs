using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CustomerAgent.ActivityLog;
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
        var format = CliOptions.OneOf("--format", "Output: one line per account, JSON (an object per account, its channels inside) or CSV (a row per account and channel, 'all' first)", "table", "table", "json", "csv");
        var output = CliOptions.Out();
        var command = new Command("counts", "The volume and status counts per channel of each account (live conversations) as of each account's own latest instant, in one lean pass over logs of any size");
        common.AddTo(command);
        command.Options.Add(format);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var outPath = parse.GetValue(output);
            var log = common.Load(parse, io, new ActivityLogReaderOptions { CountsOnly = true }, reread: false, ("--out", outPath));
            var counts = log.Accounts.Select(a => (Account: a, At: LoadedLog.AsOf(a), Counts: a.CountByChannelAndStatus(LoadedLog.AsOf(a)))).ToList();
            Output.To(io, outPath, (writer, _) =>
            {
                switch (parse.GetValue(format))
                {
                    case "json":
                        writer.WriteLine(Json(counts));
                        break;
                    case "csv":
                        writer.Write("account,as_of,channel,volume,open,resolved_by_ai,routed_to_team,closed\r\n");
                        foreach (var (account, at, c) in counts)
                        {
                            foreach (var (channel, row) in Channels(c).Prepend(("all", c.Total)))
                            {
                                writer.Write(string.Join(",", new[] { ConversationsCommand.Csv(account.AccountId.Value), LogInstants.Format(at), channel, row.Total.ToString(CultureInfo.InvariantCulture) }
                                    .Concat(Statuses.Select(st => row[st].ToString(CultureInfo.InvariantCulture)))) + "\r\n");
                            }
                        }

                        break;
                    default:
                        foreach (var (account, _, c) in counts)
                        {
                            writer.WriteLine(Line(account.AccountId, c));
                        }

                        break;
                }
            });

            return log.ExitCode;
        });
        return command;
    }

    private static IEnumerable<(string Channel, Bulk.StatusCounts Counts)> Channels(Bulk.ChannelStatusCounts counts) =>
        Enum.GetValues<Channel>()
            .Select(c => (Channel: c.ToApiName(), Counts: counts.ForChannel(c)))
            .Where(c => c.Counts.Total > 0)
            .OrderBy(c => c.Channel, StringComparer.Ordinal);

    private static string Json(IReadOnlyList<(AccountLog Account, NodaTime.Instant At, Bulk.ChannelStatusCounts Counts)> counts)
    {
        static void Write(Utf8JsonWriter w, Bulk.StatusCounts counts)
        {
            w.WriteNumber("volume", counts.Total);
            foreach (var status in Statuses)
            {
                w.WriteNumber(status.ToApiName(), counts[status]);
            }
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            foreach (var (account, at, c) in counts)
            {
                w.WriteStartObject();
                w.WriteString("account", account.AccountId.Value);
                w.WriteString("as-of", LogInstants.Format(at));
                Write(w, c.Total);
                w.WriteStartObject("channels");
                foreach (var (channel, row) in Channels(c))
                {
                    w.WriteStartObject(channel);
                    Write(w, row);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary><c>account ID: volume N; open/resolved-by-ai/routed-to-team/closed = a/b/c/d; web-chat a/b/c/d; …</c> (channels with conversations only).</summary>
    internal static string Line(AccountId account, Bulk.ChannelStatusCounts counts)
    {
        var total = counts.Total;
        var channels = Channels(counts).Select(c => c.Channel + " " + Slash(c.Counts));
        return string.Create(CultureInfo.InvariantCulture, $"account {TerminalText.Escape(account.Value)}: volume {total.Total}; {string.Join("/", Statuses.Select(s => s.ToApiName()))} = {Slash(total)}; {string.Join("; ", channels)}");
    }

    private static string Slash(Bulk.StatusCounts counts) =>
        string.Join("/", Statuses.Select(s => counts[s].ToString(CultureInfo.InvariantCulture)));
}
