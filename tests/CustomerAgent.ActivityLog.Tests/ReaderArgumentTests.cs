using System.Text;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using NodaTime;

namespace CustomerAgent.ActivityLog.Tests;

/// <summary>
/// The reader's and an account log's argument checks name the argument or the field (not an exception from deeper down), and
/// <see cref="ActivityLogReader.ReadLineAt"/> / <see cref="ActivityLogReader.ReadOpeningMessage"/> read back exactly one line.
/// </summary>
public sealed class ReaderArgumentTests
{
    private static readonly AccountId Acme = AccountId.From("acme");

    private static AccountLog Acct() => Assert.Single(Logs.Read(Logs.Open, Logs.Next).Accounts);

    private static ReportingPeriod Day => ReportingPeriod.ForDates(AccountReportingSettings.Create(Acme, "UTC"), new LocalDate(2026, 6, 7), new LocalDate(2026, 6, 7));

    [Fact]
    public void Missing_arguments_are_named()
    {
        var account = Acct();
        var query = ConversationTableQuery.Create(Acme);
        Func<ConversationSummary, string> first = _ => "q";

        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => ActivityLogReader.Read(null!)).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => ActivityLogReader.ReadLineAt(null!, 0)).ParamName);
        Assert.Equal("conversation", Assert.Throws<ArgumentNullException>(() => ActivityLogReader.ReadOpeningMessage(new MemoryStream(), null!)).ParamName);
        Assert.Equal("period", Assert.Throws<ArgumentNullException>(() => account.Accumulate(null!)).ParamName);
        Assert.Equal("period", Assert.Throws<ArgumentNullException>(() => account.Sales(null!)).ParamName);
        Assert.Equal("query", Assert.Throws<ArgumentNullException>(() => account.Table(null!, first)).ParamName);
        Assert.Equal("firstQuestionOf", Assert.Throws<ArgumentNullException>(() => account.Table(query, null!)).ParamName);
        Assert.Equal("query", Assert.Throws<ArgumentNullException>(() => account.AllRows(null!, first).ToList()).ParamName);
        Assert.Equal("firstQuestionOf", Assert.Throws<ArgumentNullException>(() => account.AllRows(query, null!).ToList()).ParamName);
    }

    [Fact]
    public void R18_H6_another_accounts_query_and_unsupported_instants_are_refused_naming_the_field()
    {
        var account = Acct();
        var theirs = ConversationTableQuery.Create(AccountId.From("globex"));

        Assert.Equal("R18", Assert.Throws<CustomerAgentException>(() => account.Table(theirs, _ => "q")).Rule);
        Assert.Equal("R18", Assert.Throws<CustomerAgentException>(() => account.AllRows(theirs, _ => "q").ToList()).Rule);
        var rows = account.AllRows(ConversationTableQuery.Create(Acme), s => s.Id.Value + "?").ToList();
        Assert.Equal("c1?", Assert.Single(rows).FirstQuestion);

        var asOf = Assert.Throws<CustomerAgentException>(() => account.Accumulate(Day, SupportedInstants.End));
        Assert.Equal(("H6", "asOf"), (asOf.Rule, asOf.Field));
        var end = Assert.Throws<CustomerAgentException>(() => account.Events(Instant.FromUtc(2026, 6, 7, 0, 0), SupportedInstants.End + Duration.FromDays(1)).ToList());
        Assert.Equal(("H6", "endExclusive"), (end.Rule, end.Field));
    }

    [Fact]
    public void A_line_is_read_back_whole_without_its_carriage_return_even_holding_a_NUL_byte()
    {
        var log = Encoding.UTF8.GetBytes("first\r\nse\0cond\r\nthird");
        var stream = new MemoryStream(log);

        Assert.Equal("first"u8.ToArray(), ActivityLogReader.ReadLineAt(stream, 0));
        Assert.Equal("se\0cond"u8.ToArray(), ActivityLogReader.ReadLineAt(stream, 7));
        Assert.Equal("third"u8.ToArray(), ActivityLogReader.ReadLineAt(stream, 16));
        Assert.Equal("\r"u8.ToArray(), ActivityLogReader.ReadLineAt(new MemoryStream("\r\r\n"u8.ToArray()), 0));
    }

    [Fact]
    public void The_opening_message_is_read_only_from_the_conversations_own_opening_line()
    {
        var bytes = Logs.Bytes(Logs.Open, Logs.Next);
        var summary = Assert.Single(Assert.Single(ActivityLogReader.Read(new MemoryStream(bytes)).Accounts).Conversations);

        Assert.Equal("Hi", ActivityLogReader.ReadOpeningMessage(new MemoryStream(bytes), summary));
        var other = Logs.Bytes(Logs.Open.Replace("\"c1\"", "\"c9\"", StringComparison.Ordinal), Logs.Next);
        Assert.Throws<InvalidDataException>(() => ActivityLogReader.ReadOpeningMessage(new MemoryStream(other), summary));
        var noText = Logs.Bytes(Logs.Open.Replace("\"text\"", "\"txt\"", StringComparison.Ordinal), Logs.Next);
        Assert.Throws<InvalidDataException>(() => ActivityLogReader.ReadOpeningMessage(new MemoryStream(noText), summary));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_log_with_carriage_returns_hands_back_each_line_without_its_carriage_return(bool keep)
    {
        var log = Encoding.UTF8.GetBytes(Logs.Open + "\r\n" + "not json\r\n" + Logs.Next + "\r\n");
        var accepted = new List<string>();
        var result = ActivityLogReader.Read(new MemoryStream(log), new ActivityLogReaderOptions { KeepConversations = keep, OnAccepted = (_, line) => accepted.Add(Encoding.UTF8.GetString(line)) });

        Assert.Equal([Logs.Open, Logs.Next], accepted);
        Assert.Equal("not json"u8.ToArray(), Assert.Single(result.Rejections).Bytes.ToArray());
    }

    /// <summary>
    /// R16: the only conversation of a log, a web chat whose shopper clicked a recommended product, earns the order that shopper
    /// then placed: the conversation's first (and only) recommendation and click are evidence like any other.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void R16_the_first_click_of_a_log_earns_its_order(bool keep)
    {
        var log = Logs.Bytes(
            """{"conversation":"w1","account":"acme","channel":"web-chat","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"Shoes?","profile":{"email":"ann@example.com"}}""",
            """{"conversation":"w1","account":"acme","at":"2026-06-07T10:01:00Z","type":"agent-message","text":"These","skill":"product-recommendations","products":["SKU-1"]}""",
            """{"conversation":"w1","account":"acme","at":"2026-06-07T10:02:00Z","type":"product-click","product":"SKU-1"}""",
            """{"type":"order","account":"acme","at":"2026-06-07T11:00:00Z","order":"o-1","shopper":{"email":"ann@example.com"},"amount":59.90,"currency":"EUR","items":["SKU-1"]}""");
        var account = Assert.Single(Logs.Read(log, keep).Accounts);

        var sales = account.Sales(Day);
        Assert.Equal("o-1", Assert.Single(sales.Orders).Order.Id);
    }
}
