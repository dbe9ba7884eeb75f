using System.Text.Json;
using System.Text.Json.Nodes;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using CustomerAgent.Serialization;
using NodaTime;

namespace CustomerAgent.Tests.Serialization;

public sealed class DashboardJsonTests
{
    private const string Values = "query_customer_agent_values_beta.json";
    private const string Skills = "query_customer_agent_skill_values_beta.json";
    private const string List = "list_customer_agent_conversations_beta.json";
    private const string Messages = "get_agent_messages_for_customer_agent_conversation_beta.json";
    private static readonly Uri Base = new("https://a.klaviyo.com/");
    private static readonly AccountId Acct = AccountId.From("acct-1");
    private static readonly Instant Now = Instant.FromUtc(2026, 6, 12, 0, 0);
    private static readonly ReportingPeriod Week = ReportingPeriod.ForDates(AccountReportingSettings.Create(Acct, "Europe/Paris"), new LocalDate(2026, 6, 1), new LocalDate(2026, 6, 7));

    private static Conversation[] Sample()
    {
        var a = Conversation.Start(ConversationHeader.Create(ConversationId.From("conv a/1"), Acct, Channel.WebChat), Instant.FromUtc(2026, 6, 2, 8, 0), "Where is my order?");
        a.RecordAgentMessage(Instant.FromUtc(2026, 6, 2, 8, 1), "It ships today.", "order-tracking");
        a.ApplyTag(Instant.FromUtc(2026, 6, 2, 8, 1, 30), "shipping");
        a.RecordAgentMessage(Instant.FromUtc(2026, 6, 2, 8, 2).PlusNanoseconds(500_000_000), "Anything else?", "general-qa");
        a.Close(Instant.FromUtc(2026, 6, 2, 8, 3), ClosedBy.Visitor);
        var b = Conversation.Start(ConversationHeader.Create(ConversationId.From("conv-b"), Acct, Channel.Sms), Instant.FromUtc(2026, 6, 3, 8, 0), "Necesito ayuda «ahora»");
        b.TriggerHandoff(Instant.FromUtc(2026, 6, 3, 8, 1), HandoffKind.CustomMessage, HandoffMode.Soft, HandoffReason.KnowledgeGap);
        var c = Conversation.Start(ConversationHeader.Create(ConversationId.From("conv-c"), Acct, Channel.Sms), Instant.FromUtc(2026, 6, 4, 8, 0), "Hello?");
        return [a, b, c];
    }

    private static DashboardReport Report(params Conversation[] conversations) =>
        new OverviewDashboard(ConversationClassifier.Default).Build(conversations, Week, Now);

    private static void AssertValid(string file, string schema, string json)
    {
        Assert.Empty(VendorSchemas.Validate(file, schema, json));
        Assert.Empty(VendorSchemas.Validate(file, schema, json, closed: true));
    }

    /// <summary>The list endpoint declares a single-object wrapper; a collection is checked element by element (see PROVENANCE.md).</summary>
    private static void AssertValidCollection(string file, string element, string json)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        Assert.Equal(["data", "links"], root.Select(kv => kv.Key));
        foreach (var item in root["data"]!.AsArray())
        {
            AssertValid(file, element, item!.ToJsonString());
        }

        AssertValid(file, "ObjectLinks", new JsonObject { ["self"] = root["links"]!["self"]!.DeepClone() }.ToJsonString());
    }

    [Theory]
    [InlineData(ValuesReportGrouping.Overall)]
    [InlineData(ValuesReportGrouping.Channel)]
    [InlineData(ValuesReportGrouping.Status)]
    public void R15_the_values_report_validates_against_the_vendors_schema(ValuesReportGrouping grouping)
    {
        AssertValid(Values, "CustomerAgentValuesReportResponseDataWrapper", DashboardJson.SerializeValuesReport(Report(Sample()), grouping, Base));
        AssertValid(Values, "CustomerAgentValuesReportResponseDataWrapper", DashboardJson.SerializeValuesReport(Report(), grouping, Base));
    }

    [Fact]
    public void R15_the_values_report_carries_volume_and_exact_resolution_rate_per_bucket_and_null_for_no_volume()
    {
        var report = Report(Sample());

        var overall = JsonNode.Parse(DashboardJson.SerializeValuesReport(report, ValuesReportGrouping.Overall, Base))!["data"]!;
        Assert.Equal("customer-agent-values-report", (string?)overall["type"]);
        var row = overall["attributes"]!["results"]![0]!;
        Assert.Empty(row["groupings"]!.AsObject());
        Assert.Equal(3, (long)row["statistics"]!["volume"]!);
        Assert.Equal(1m / 3m, (decimal)row["statistics"]!["resolution-rate"]!);

        var byChannel = JsonNode.Parse(DashboardJson.SerializeValuesReport(report, ValuesReportGrouping.Channel, Base))!["data"]!["attributes"]!["results"]!.AsArray();
        Assert.Equal(["web-chat:1:1", "sms:2:0", "email:0:null", "whatsapp:0:null"], byChannel.Select(r => $"{r!["groupings"]!["channel"]}:{r["statistics"]!["volume"]}:{r["statistics"]!["resolution-rate"]?.ToJsonString() ?? "null"}"));

        var byStatus = JsonNode.Parse(DashboardJson.SerializeValuesReport(report, ValuesReportGrouping.Status, Base))!["data"]!["attributes"]!["results"]!.AsArray();
        Assert.Equal(["open:0:null", "resolved-by-ai:1:1", "routed-to-team:1:0", "closed:1:0"], byStatus.Select(r => $"{r!["groupings"]!["status"]}:{r["statistics"]!["volume"]}:{r["statistics"]!["resolution-rate"]?.ToJsonString() ?? "null"}"));

        var empty = JsonNode.Parse(DashboardJson.SerializeValuesReport(Report(), ValuesReportGrouping.Overall, Base))!["data"]!["attributes"]!["results"]![0]!["statistics"]!;
        Assert.Equal("{\"volume\":0,\"resolution-rate\":null}", empty.ToJsonString());
    }

    [Fact]
    public void R14_the_skill_values_report_counts_invocations_and_validates()
    {
        var json = DashboardJson.SerializeSkillValuesReport(Report(Sample()), Base);

        AssertValid(Skills, "CustomerAgentSkillValuesReportResponseDataWrapper", json);
        var results = JsonNode.Parse(json)!["data"]!["attributes"]!["results"]!.AsArray();
        Assert.Equal(["general-qa=1", "order-tracking=1"], results.Select(r => $"{r!["groupings"]!["skill"]}={r["statistics"]!["volume"]}"));
        Assert.Equal("customer-agent-skill-values-report", (string?)JsonNode.Parse(json)!["data"]!["type"]);
    }

    [Fact]
    public void R18_a_page_of_the_table_is_the_list_endpoints_collection_with_a_next_link()
    {
        var table = new ConversationQuery(ConversationClassifier.Default);
        var query = ConversationTableQuery.Create(Acct, pageSize: 2, sortBy: ConversationSortColumn.Started, direction: SortDirection.Ascending);
        var page = table.Query(Sample(), query, Now);

        var json = DashboardJson.SerializeConversationPage(page, Base);

        AssertValidCollection(List, "ConversationResponseData", json);
        var root = JsonNode.Parse(json)!;
        var first = root["data"]![0]!;
        Assert.Equal("conv a/1", (string?)first["id"]);
        Assert.Equal("customer-agent-conversation", (string?)first["type"]);
        Assert.Equal("resolved-by-ai", (string?)first["attributes"]!["status"]);
        Assert.Equal("2026-06-02T08:00:00+00:00", (string?)first["attributes"]!["created_at"]);
        Assert.Equal("2026-06-02T08:02:00.5+00:00", (string?)first["attributes"]!["updated_at"]);
        // message IDs number the messages (0, 1, 2 …), so a tag or click between two messages never changes an ID
        Assert.Equal(["conv a/1:0", "conv a/1:1", "conv a/1:2"], first["relationships"]!["customer-agent-messages"]!["data"]!.AsArray().Select(m => (string?)m!["id"]));
        Assert.Equal("https://a.klaviyo.com/api/customer-agent-conversations/conv%20a%2F1", (string?)first["links"]!["self"]);
        Assert.Equal("routed-to-team", (string?)root["data"]![1]!["attributes"]!["status"]);
        var next = (string?)root["links"]!["next"];
        Assert.Equal($"https://a.klaviyo.com/api/customer-agent-conversations?page%5Bcursor%5D={Uri.EscapeDataString(page.NextCursor!)}", next);

        var last = DashboardJson.SerializeConversationPage(table.Query(Sample(), query, Now, page.NextCursor), Base);
        AssertValidCollection(List, "ConversationResponseData", last);
        Assert.Null(JsonNode.Parse(last)!["links"]!["next"]);
    }

    [Fact]
    public void R18_a_thread_is_the_messages_endpoints_collection()
    {
        var thread = new ConversationQuery(ConversationClassifier.Default).Thread(Sample()[1], Now);

        var json = DashboardJson.SerializeThread(thread, Base);

        AssertValidCollection(Messages, "MessageResponseData", json);
        var data = JsonNode.Parse(json)!["data"]!.AsArray();
        Assert.Single(data);
        Assert.Equal("user", (string?)data[0]!["attributes"]!["role"]);
        Assert.Equal("Necesito ayuda «ahora»", (string?)data[0]!["attributes"]!["content"]);
        Assert.Contains("«ahora»", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_check_is_not_vacuous_for_the_dashboard_shapes()
    {
        var values = DashboardJson.SerializeValuesReport(Report(Sample()), ValuesReportGrouping.Overall, Base);
        Assert.NotEmpty(VendorSchemas.Validate(Values, "CustomerAgentValuesReportResponseDataWrapper", values.Replace("customer-agent-values-report\"", "customer-agent-value-report\"", StringComparison.Ordinal)));
        Assert.NotEmpty(VendorSchemas.Validate(Values, "CustomerAgentValuesReportResponseDataWrapper", values.Replace("\"results\"", "\"result\"", StringComparison.Ordinal)));

        var page = DashboardJson.SerializeConversationPage(new ConversationQuery(ConversationClassifier.Default).Query(Sample(), ConversationTableQuery.Create(Acct), Now), Base);
        var item = JsonNode.Parse(page)!["data"]![0]!.ToJsonString();
        Assert.NotEmpty(VendorSchemas.Validate(List, "ConversationResponseData", item.Replace("\"status\":\"", "\"status\":\"un", StringComparison.Ordinal)));
        Assert.NotEmpty(VendorSchemas.Validate(List, "ConversationResponseData", item.Replace("created_at", "createdAt", StringComparison.Ordinal), closed: true));
    }

    [Fact]
    public void Links_need_an_absolute_base_address()
    {
        Assert.Throws<ArgumentException>(() => DashboardJson.SerializeSkillValuesReport(Report(), new Uri("/api", UriKind.Relative)));
        Assert.Equal("R15", Assert.Throws<CustomerAgentException>(() => DashboardJson.SerializeValuesReport(Report(), (ValuesReportGrouping)7, Base)).Rule);
        Assert.Contains("\"self\":\"https://example.com/v/api/customer-agent-skill-values-reports\"", DashboardJson.SerializeSkillValuesReport(Report(), new Uri("https://example.com/v")), StringComparison.Ordinal);
    }

    [Fact]
    public void R18_a_thread_gives_each_message_its_role_content_and_link_and_links_to_the_conversations_messages()
    {
        var thread = new ConversationQuery(ConversationClassifier.Default).Thread(Sample()[0], Now);

        var json = DashboardJson.SerializeThread(thread, Base);

        // the shopper's message is the user's, the Customer Agent's answers the agent's; the tag between them is no message
        static string Message(int index, string role, string content, string at) =>
            $"{{\"type\":\"customer-agent-message\",\"id\":\"conv a/1:{index}\",\"attributes\":{{\"role\":\"{role}\",\"content\":\"{content}\",\"created_at\":\"{at}\",\"updated_at\":\"{at}\"}},"
            + $"\"links\":{{\"self\":\"https://a.klaviyo.com/api/customer-agent-messages/conv%20a%2F1%3A{index}\"}}}}";
        Assert.Equal(
            "{\"data\":["
            + Message(0, "user", "Where is my order?", "2026-06-02T08:00:00+00:00") + ","
            + Message(1, "agent", "It ships today.", "2026-06-02T08:01:00+00:00") + ","
            + Message(2, "agent", "Anything else?", "2026-06-02T08:02:00.5+00:00")
            + "],\"links\":{\"self\":\"https://a.klaviyo.com/api/customer-agent-conversations/conv%20a%2F1/customer-agent-messages\"}}",
            json);
    }

    /// <summary>A conversation resolved by the Customer Agent (the visitor closes after its answer) that starts on <paramref name="day"/> of June.</summary>
    private static Conversation ResolvedOn(string id, int day)
    {
        var c = Conversation.Start(ConversationHeader.Create(ConversationId.From(id), Acct, Channel.WebChat), Instant.FromUtc(2026, 6, day, 8, 0), "Where is my order?");
        c.RecordAgentMessage(Instant.FromUtc(2026, 6, day, 8, 1), "It ships today.", "order-tracking");
        c.Close(Instant.FromUtc(2026, 6, day, 8, 3), ClosedBy.Visitor);
        return c;
    }

    [Fact]
    public void R14_R15_a_status_buckets_volume_adds_up_the_conversations_of_every_day()
    {
        var report = Report(ResolvedOn("r-1", 2), ResolvedOn("r-2", 2), ResolvedOn("r-3", 5));

        var byStatus = JsonNode.Parse(DashboardJson.SerializeValuesReport(report, ValuesReportGrouping.Status, Base))!["data"]!["attributes"]!["results"]!.AsArray();

        // two on June 2 and one on June 5: three in the resolved-by-ai bucket, whose rate is 1
        Assert.Equal(
            ["open:0:null", "resolved-by-ai:3:1", "routed-to-team:0:null", "closed:0:null"],
            byStatus.Select(r => $"{r!["groupings"]!["status"]}:{r["statistics"]!["volume"]}:{r["statistics"]!["resolution-rate"]?.ToJsonString() ?? "null"}"));
    }

    [Fact]
    public void H4_R15_an_undefined_grouping_is_rejected_naming_the_field_and_the_value()
    {
        var ex = Assert.Throws<CustomerAgentException>(() => DashboardJson.SerializeValuesReport(Report(), (ValuesReportGrouping)7, Base));

        Assert.Equal(("R15", "grouping", "7"), (ex.Rule, ex.Field, ex.Value));
    }

    /// <summary>R14, R15, R18: argument misuse is an <see cref="ArgumentNullException"/> naming the parameter, before anything is written.</summary>
    [Fact]
    public void R14_R15_R18_every_dashboard_writer_names_a_null_argument()
    {
        var report = Report(Sample());
        var page = new ConversationQuery(ConversationClassifier.Default).Query(Sample(), ConversationTableQuery.Create(Acct), Now);
        var thread = new ConversationQuery(ConversationClassifier.Default).Thread(Sample()[1], Now);
        using var w = new Utf8JsonWriter(Stream.Null);
        static string? Param(Action write) => Assert.Throws<ArgumentNullException>(write).ParamName;

        Assert.Equal("w", Param(() => DashboardJson.WriteValuesReport(null!, report, ValuesReportGrouping.Overall, Base)));
        Assert.Equal("report", Param(() => DashboardJson.WriteValuesReport(w, null!, ValuesReportGrouping.Overall, Base)));
        Assert.Equal("baseAddress", Param(() => DashboardJson.WriteValuesReport(w, report, ValuesReportGrouping.Overall, null!)));
        Assert.Equal("w", Param(() => DashboardJson.WriteSkillValuesReport(null!, report, Base)));
        Assert.Equal("report", Param(() => DashboardJson.WriteSkillValuesReport(w, null!, Base)));
        Assert.Equal("baseAddress", Param(() => DashboardJson.WriteSkillValuesReport(w, report, null!)));
        Assert.Equal("w", Param(() => DashboardJson.WriteConversationPage(null!, page, Base)));
        Assert.Equal("page", Param(() => DashboardJson.WriteConversationPage(w, null!, Base)));
        Assert.Equal("baseAddress", Param(() => DashboardJson.WriteConversationPage(w, page, null!)));
        Assert.Equal("thread", Param(() => DashboardJson.SerializeThread(null!, Base)));
        Assert.Equal("baseAddress", Param(() => DashboardJson.SerializeThread(thread, null!)));
        Assert.Equal(0, w.BytesCommitted + w.BytesPending);
    }
}
