using Microsoft.Extensions.DependencyInjection;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CustomerAgent.ActivityLog;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using CustomerAgent.Serialization;
using CustomerAgent.Web;
using NodaTime;
using Spectre.Console;

namespace CustomerAgent.Cli;

/// <summary><c>conversations</c> (the table: filters, search, sorting, paging) and <c>conversation ID</c> (one whole thread).</summary>
internal static class ConversationsCommand
{
    internal static Command BuildList(CliContext io)
    {
        var common = new LogOptions();
        var now = CliOptions.Instant("--now", "The instant statuses are as of; default: each account's own latest instant");
        var status = CliOptions.Once("--status", "Only these statuses, comma-separated: open, resolved-by-ai, routed-to-team, closed", ParseStatuses, "STATUS[,STATUS]");
        var channel = CliOptions.Once<Channel?>("--channel", "Only this channel: web-chat, sms, email, whatsapp", t => ApiNames.ParseChannel(t), "CHANNEL");
        var tag = CliOptions.Once<string?>("--tag", "Only conversations with this tag", helpName: "TAG");
        var search = CliOptions.Once<string?>("--search", "Case-insensitive text in the first question, the profile or any message", helpName: "TEXT");
        var period = CliOptions.Once<PeriodSpec?>("--period", "Only conversations initiated in this period (as report's --period)", PeriodSpec.Parse, "PERIOD");
        var sort = CliOptions.OneOf("--sort", "Sort column", "last-updated", [.. ConversationSortNames.Names]);
        var order = CliOptions.OneOf("--order", "Sort direction", "desc", "desc", "asc");
        var pageSize = CliOptions.Int("--page-size", "Rows per page", ConversationTableQuery.DefaultPageSize, 1, ConversationTableQuery.MaxPageSize);
        var page = CliOptions.Int("--page", "Which page (1 is the first)", 1, 1, int.MaxValue);
        var format = CliOptions.OneOf("--format", "Output: a table, CSV (one header, an account column), the vendor's conversation list JSON per account, or JSON Lines (an object per row)", "table", "table", "csv", "json", "jsonl");
        var all = CliOptions.Flag("--all", "Every matching row of every account, written as it comes (CSV or JSON Lines; no paging)");
        var output = CliOptions.Out();
        var command = new Command("conversations", "The conversations table of each account: filters, search, sorting and paging, or every row with --all");
        common.AddTo(command);
        foreach (var option in new Option[] { now, status, channel, tag, search, period, sort, order, pageSize, page, all, format, output })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var outPath = parse.GetValue(output);
            var shape = parse.GetRequiredValue(format);
            // a search or a sort by a text needs every conversation's texts (aggregates); otherwise the facts are enough, and only
            // the first questions of the rows shown are read again from the log
            var sortBy = ConversationSortNames.Parse(parse.GetRequiredValue(sort))!.Value;
            var needsTexts = parse.GetValue(search) is not null || sortBy is ConversationSortColumn.FirstQuestion or ConversationSortColumn.Profile;
            var everyRow = parse.GetValue(all);
            if (everyRow)
            {
                if (shape is not ("csv" or "jsonl"))
                {
                    throw new CliException("--all writes every row as CSV or JSON Lines: add --format csv or --format jsonl");
                }

                if (parse.GetResult(page) is { Implicit: false } || parse.GetResult(pageSize) is { Implicit: false })
                {
                    throw new CliException("--all writes every row: it takes no --page or --page-size");
                }

                if (needsTexts)
                {
                    throw new CliException("--all writes the rows from the log's facts: it takes no --search and no --sort first-question or profile");
                }
            }

            var log = common.Load(parse, io, new ActivityLogReaderOptions { AsOf = parse.GetValue(now), KeepConversations = needsTexts }, reread: !needsTexts, ("--out", outPath));
            ConversationTableQuery TableOf(AccountLog account, Instant at) => ConversationTableQuery.Create(
                account.AccountId,
                parse.GetValue(status),
                parse.GetValue(channel),
                parse.GetValue(tag),
                parse.GetValue(period)?.For(account, null, at),
                parse.GetValue(search),
                sortBy,
                parse.GetValue(order) == "asc" ? SortDirection.Ascending : SortDirection.Descending,
                parse.GetValue(pageSize));

            if (everyRow)
            {
                // each account's rows sorted once and written as they come: the table as an export, never page after page
                Output.To(io, outPath, (writer, _) =>
                {
                    if (shape == "csv")
                    {
                        writer.Write(CsvHeader);
                    }

                    foreach (var account in log.Accounts)
                    {
                        var at = LoadedLog.AsOf(account);
                        foreach (var row in account.AllRows(TableOf(account, at), log.FirstQuestion, at))
                        {
                            writer.Write(shape == "csv" ? CsvRow(account.AccountId.Value, row) : JsonLine(account.AccountId.Value, row));
                        }
                    }
                });
                return log.ExitCode;
            }

            var query = io.Services.GetRequiredService<IConversationQuery>();
            var wanted = parse.GetValue(page);
            var pages = new List<(string Account, Instant At, ConversationPage? Page, long Matching)>();
            foreach (var account in log.Accounts)
            {
                var at = LoadedLog.AsOf(account);
                var conversations = log.ConversationsOf(account);
                var table = TableOf(account, at);
                ConversationPage PageAfter(string? cursor) => needsTexts
                    ? query.Query(conversations, table, at, cursor, account.Switches)
                    : account.Table(table, log.FirstQuestion, at, cursor);
                ConversationPage? result = PageAfter(null);
                var matching = result.MatchingCount;
                for (var n = 1; n < wanted && result is not null; n++)
                {
                    // keyset paging: page N is reached by following the cursors; past the last page there is none
                    result = result.NextCursor is { } next ? PageAfter(next) : null;
                }

                pages.Add((account.AccountId.Value, at, result, matching));
            }

            Output.To(io, outPath, (writer, console) =>
            {
                switch (shape)
                {
                    case "json":
                        var array = new JsonArray();
                        foreach (var (account, _, p, matching) in pages)
                        {
                            array.Add(new JsonObject { ["account"] = account, ["matching"] = matching, ["page-number"] = wanted, ["page"] = p is null ? null : JsonNode.Parse(DashboardJson.SerializeConversationPage(p, ReportCommand.ApiBase)) });
                        }

                        writer.WriteLine(array.ToJsonString());
                        break;
                    case "csv":
                        WriteCsv(writer, pages.Where(p => p.Page is not null).Select(p => (p.Account, p.Page!)));
                        break;
                    case "jsonl":
                        foreach (var (account, _, p, _) in pages)
                        {
                            foreach (var row in p?.Rows ?? [])
                            {
                                writer.Write(JsonLine(account, row));
                            }
                        }

                        break;
                    default:
                        foreach (var (account, at, p, matching) in pages)
                        {
                            var more = p?.NextCursor is null ? string.Empty : $"; --page {wanted + 1} for more";
                            console.Write(new Rule(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{TerminalText.Escape(account)}: page {wanted}, {p?.Rows.Count ?? 0} of {matching} matching conversations as of {LogInstants.Format(at)}{more}"))).LeftJustified());
                            if (p is null || p.Rows.Count == 0)
                            {
                                console.WriteLine(p is null ? "  (past the last page)" : "  (no conversation matches)");
                            }
                            else
                            {
                                console.Write(Table(p.Rows));
                            }
                        }

                        break;
                }
            });

            return log.ExitCode;
        });
        return command;
    }

    internal static Command BuildThread(CliContext io)
    {
        var common = new LogOptions();
        var now = CliOptions.Instant("--now", "The instant the thread and status are as of; default: its account's own latest instant");
        var format = CliOptions.OneOf("--format", "Output: text or the vendor's message list JSON", "text", "text", "json");
        var id = new Argument<string>("ID") { Description = "The conversation's ID" };
        var output = CliOptions.Out();
        var command = new Command("conversation", "One conversation's whole thread, with its row of the table");
        command.Arguments.Add(id);
        common.AddTo(command);
        command.Options.Add(now);
        command.Options.Add(format);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var wanted = parse.GetRequiredValue(id);
            // only the conversation shown is kept with its texts; every other one is facts only
            var outPath = parse.GetValue(output);
            var log = common.Load(parse, io, new ActivityLogReaderOptions { AsOf = parse.GetValue(now), KeepConversation = (_, c) => c.Value == wanted }, reread: false, ("--out", outPath));
            var found = log.Accounts.SelectMany(a => log.ConversationsOf(a)).Where(c => c.Id.Value == wanted).ToList();
            if (found.Count == 0)
            {
                throw new CliException($"no conversation '{wanted}' in {log.Input.Name}" + (log.Accounts.Count < log.Log.Accounts.Count ? $" for account {log.Accounts[0].AccountId}" : string.Empty));
            }

            if (found.Count > 1)
            {
                throw new CliException($"conversation '{wanted}' is in several accounts ({string.Join(", ", found.Select(c => c.Header.AccountId.Value))}): name one with --account");
            }

            var conversation = found[0];
            var at = LoadedLog.AsOf(log.Accounts.First(a => a.AccountId == conversation.Header.AccountId));
            var thread = io.Services.GetRequiredService<IConversationQuery>().Thread(conversation, at);
            Output.To(io, outPath, (o, _) =>
            {
                if (parse.GetValue(format) == "json")
                {
                    o.WriteLine(DashboardJson.SerializeThread(thread, ReportCommand.ApiBase));
                    return;
                }

                var row = thread.Row;
                var inv = CultureInfo.InvariantCulture;
                o.WriteLine($"conversation {TerminalText.Escape(row.Id.Value)} · account {TerminalText.Escape(conversation.Header.AccountId.Value)} · {row.Channel.ToApiName()}{(conversation.IsCountedInMetrics ? string.Empty : " · preview (not counted, R20)")}");
                o.WriteLine($"profile: {TerminalText.Escape(row.Profile)}");
                o.WriteLine(string.Create(inv, $"status as of {LogInstants.Format(at)}: {row.Status.ToApiName()}; {row.MessageCount} messages; started {LogInstants.Format(row.StartedAt)}, last updated {LogInstants.Format(row.LastUpdated)}"));
                o.WriteLine($"tags: {(row.Tags.Count == 0 ? "none" : TerminalText.Escape(string.Join(", ", row.Tags)))}");
                o.WriteLine();
                foreach (var m in thread.Messages)
                {
                    var who = m.Author == MessageAuthor.Shopper ? "shopper" : $"agent ({TerminalText.Escape(m.Skill)})";
                    o.WriteLine($"{LogInstants.Format(m.At)}  {who}: {TerminalText.Escape(m.Text)}{(m.Products.Count == 0 ? string.Empty : $"  [products: {TerminalText.Escape(string.Join(", ", m.Products))}]")}");
                }
            });

            return log.ExitCode;
        });
        return command;
    }

    /// <summary>The table's rows as a terminal table.</summary>
    internal static Table Table(IReadOnlyList<ConversationRow> rows)
    {
        // R18's columns; the channel and exact instants are in --format csv and json
        var table = new Table().Border(TableBorder.Simple);
        foreach (var (name, right, wrap) in new[] { ("id", false, false), ("profile", false, true), ("status", false, false), ("msgs", true, false), ("last updated (UTC)", false, false), ("tags", false, true), ("first question", false, true) })
        {
            var column = new TableColumn(name).PadLeft(0).PadRight(2);
            column = right ? column.RightAligned() : column;
            table.AddColumn(wrap ? column : column.NoWrap());
        }

        foreach (var r in rows)
        {
            table.AddRow(
                new Text(TerminalText.Escape(r.Id.Value)), new Text(Cut(r.Profile, 20)), new Text(r.Status.ToApiName()),
                new Text(r.MessageCount.ToString(CultureInfo.InvariantCulture)),
                new Text(r.LastUpdated.ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture)),
                new Text(Cut(string.Join(", ", r.Tags), 16)), new Text(Cut(r.FirstQuestion, 30)));
        }

        return table;
    }

    /// <summary>RFC 4180 CSV, one header, the account first; a cell that a spreadsheet would run as a formula is prefixed with '.</summary>
    internal static void WriteCsv(TextWriter writer, IEnumerable<(string Account, ConversationPage Page)> pages)
    {
        writer.Write(CsvHeader);
        foreach (var (account, page) in pages)
        {
            foreach (var r in page.Rows)
            {
                writer.Write(CsvRow(account, r));
            }
        }
    }

    private const string CsvHeader = "account,id,channel,profile,status,messages,started,last_updated,tags,first_question\r\n";

    private static string CsvRow(string account, ConversationRow r)
    {
        string[] cells =
        [
            account, r.Id.Value, r.Channel.ToApiName(), r.Profile, r.Status.ToApiName(), r.MessageCount.ToString(CultureInfo.InvariantCulture),
            LogInstants.Format(r.StartedAt), LogInstants.Format(r.LastUpdated), string.Join(";", r.Tags), r.FirstQuestion,
        ];
        return string.Join(",", cells.Select(Csv)) + "\r\n";
    }

    /// <summary>One row as a JSON Lines line: the CSV's columns, with the tags as an array and the message count as a number.</summary>
    private static string JsonLine(string account, ConversationRow r) => new JsonObject
    {
        ["account"] = account,
        ["id"] = r.Id.Value,
        ["channel"] = r.Channel.ToApiName(),
        ["profile"] = r.Profile,
        ["status"] = r.Status.ToApiName(),
        ["messages"] = r.MessageCount,
        ["started"] = LogInstants.Format(r.StartedAt),
        ["last_updated"] = LogInstants.Format(r.LastUpdated),
        ["tags"] = new JsonArray([.. r.Tags.Select(t => (JsonNode?)t)]),
        ["first_question"] = r.FirstQuestion,
    }.ToJsonString(JsonLineOptions) + "\n";

    private static readonly System.Text.Json.JsonSerializerOptions JsonLineOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A CSV cell (RFC 4180); a cell that a spreadsheet would run as a formula is prefixed with '.</summary>
    internal static string Csv(string cell)
    {
        if (cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            cell = "'" + cell;
        }

        return cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }

    private static ConversationStatus[] ParseStatuses(string text)
    {
        var names = Enum.GetValues<ConversationStatus>().ToDictionary(s => s.ToApiName(), s => s, StringComparer.Ordinal);
        return text.Split(',', StringSplitOptions.TrimEntries).Select(t => names.TryGetValue(t, out var s)
            ? s
            : throw new FormatException($"'{t}' is not a status: use {string.Join(", ", names.Keys)}")).ToArray();
    }

    private static string Cut(string text, int width)
    {
        var flat = TerminalText.Escape(text.ReplaceLineEndings(" "));
        return flat.Length <= width ? flat : flat[..(width - 1)] + "…";
    }
}
