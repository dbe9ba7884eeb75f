using System.Reflection;
using System.Text.Json;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using CustomerAgent.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace CustomerAgent.Web;

/// <summary>
/// Maps the overview dashboard into a host: the page (HTML, CSS and JavaScript embedded in this assembly; nothing fetched from
/// the internet) and the read-only JSON API it uses, under <c>/api/</c>. See docs/web.md for every endpoint and parameter.
/// </summary>
public static class DashboardEndpoints
{
    private const string Json = "application/json; charset=utf-8";

    private static readonly Dictionary<string, string> Assets = new(StringComparer.Ordinal)
    {
        ["dashboard.css"] = "text/css; charset=utf-8",
        ["dashboard.js"] = "text/javascript; charset=utf-8",
    };

    /// <summary>
    /// Maps the page at the group's root (<c>/</c>), its assets under <c>/assets/</c> and the API under <c>/api/</c>, over
    /// <paramref name="source"/>. Every endpoint is a GET; an invalid query parameter gives 400 with problem details naming it,
    /// an unknown account or conversation 404.
    /// </summary>
    /// <param name="endpoints">The host's routes (a <c>WebApplication</c>, or a group such as <c>app.MapGroup("/dashboard")</c>).</param>
    /// <param name="source">What the page shows.</param>
    /// <returns>The group of the dashboard's endpoints (to add authorization or other conventions).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static RouteGroupBuilder MapCustomerAgentDashboard(this IEndpointRouteBuilder endpoints, IDashboardSource source)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(source);
        var group = endpoints.MapGroup(string.Empty);
        group.MapGet("/", (HttpContext context) => Page(context));
        group.MapGet("/assets/{name}", (HttpContext context, string name) => Asset(context, name));
        group.MapGet("/api/accounts", () => Answer(() => Utf8(w => WriteAccounts(w, source))));
        group.MapGet("/api/accounts/{account}", (string account) => Answer(() =>
        {
            var a = Account(source, account);
            return Utf8(w => WriteAccount(w, source, a));
        }));
        group.MapGet("/api/accounts/{account}/report", (HttpContext context, string account) => Answer(() =>
        {
            var (dashboard, grouping) = Report(context, source, account, rowsParameter: true);
            return Utf8(w => DashboardDocument.Write(w, dashboard, grouping));
        }));
        group.MapGet("/api/accounts/{account}/kpis", (HttpContext context, string account) => Answer(() =>
        {
            var (dashboard, _) = Report(context, source, account, rowsParameter: false);
            return Utf8(w => Part(w, dashboard, "kpis", () => DashboardDocument.WriteKpis(w, dashboard.Report.Kpis, dashboard.Sales)));
        }));
        group.MapGet("/api/accounts/{account}/days", (HttpContext context, string account) => Answer(() =>
        {
            var (dashboard, grouping) = Report(context, source, account, rowsParameter: false);
            return Utf8(w => Part(w, dashboard, "days", () => DashboardDocument.WriteDays(w, dashboard.Report, grouping), grouping));
        }));
        group.MapGet("/api/accounts/{account}/values-report", (HttpContext context, string account) => Answer(() =>
        {
            var (dashboard, grouping) = Report(context, source, account, rowsParameter: false);
            var vendor = grouping switch { DashboardGrouping.Channel => ValuesReportGrouping.Channel, DashboardGrouping.Status => ValuesReportGrouping.Status, _ => ValuesReportGrouping.Overall };
            return Utf8(w => DashboardJson.WriteValuesReport(w, dashboard.Report, vendor, DashboardDocument.ApiBase));
        }));
        group.MapGet("/api/accounts/{account}/skill-values-report", (HttpContext context, string account) => Answer(() =>
        {
            var (dashboard, _) = Report(context, source, account, rowsParameter: false);
            return Utf8(w => DashboardJson.WriteSkillValuesReport(w, dashboard.Report, DashboardDocument.ApiBase));
        }));
        group.MapGet("/api/accounts/{account}/conversations", (HttpContext context, string account) => Answer(() => Conversations(context, source, account)));
        group.MapGet("/api/accounts/{account}/conversations/{conversation}", (HttpContext context, string account, string conversation) => Answer(() => Thread(context, source, account, conversation)));
        return group;
    }

    private static IResult Page(HttpContext context)
    {
        // the page's links are relative: under a group (/dashboard) it must be addressed with its final slash
        var path = context.Request.PathBase + context.Request.Path;
        if (!path.HasValue || !path.Value!.EndsWith('/'))
        {
            return Results.Redirect(path + "/" + context.Request.QueryString);
        }

        Secure(context);
        return Results.Bytes(Resource("index.html"), "text/html; charset=utf-8");
    }

    private static IResult Asset(HttpContext context, string name)
    {
        if (!Assets.TryGetValue(name, out var type))
        {
            return Results.NotFound();
        }

        Secure(context);
        return Results.Bytes(Resource(name), type);
    }

    /// <summary>Nothing but this host: no script, style, image or connection from elsewhere.</summary>
    private static void Secure(HttpContext context)
    {
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-cache";
    }

    private static byte[] Resource(string name)
    {
        using var stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream("CustomerAgent.Web.Assets." + name)
            ?? throw new InvalidOperationException($"The page's asset {name} is not embedded in {typeof(DashboardEndpoints).Assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Runs a request: its JSON, or the problem (400 naming the parameter, 404 for an unknown account or conversation).</summary>
    private static IResult Answer(Func<byte[]> body)
    {
        try
        {
            return Results.Bytes(body(), Json);
        }
        catch (BadParameterException ex)
        {
            return Results.Problem(
                title: "Invalid query parameter",
                detail: ex.Message,
                statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["parameter"] = ex.Parameter });
        }
        catch (NotFoundException ex)
        {
            return Results.Problem(title: ex.Title, detail: ex.Message, statusCode: StatusCodes.Status404NotFound);
        }
    }

    private static DashboardAccount Account(IDashboardSource source, string account) =>
        source.Accounts.FirstOrDefault(a => string.Equals(a.Id.Value, account, StringComparison.Ordinal))
            ?? throw new NotFoundException("Unknown account", $"No account '{account}'; the accounts are: {string.Join(", ", source.Accounts.Select(a => a.Id.Value))}.");

    private static (AccountDashboard Dashboard, DashboardGrouping Grouping) Report(HttpContext context, IDashboardSource source, string accountId, bool rowsParameter)
    {
        var account = Account(source, accountId);
        var q = new QueryParameters(context.Request.Query);
        var at = q.AsOf(account) ?? account.AsOf;
        var selection = q.Period() ?? PeriodSelection.Of(ReportingPreset.Last7Days);
        var zone = q.Zone();
        var grouping = q.Grouping();
        var rows = rowsParameter ? q.Int("rows", 10, 0, ConversationTableQuery.MaxPageSize) : 0;
        var period = PeriodOf(source, account, selection, zone, at);
        return (source.Report(period, at, rows), grouping);
    }

    /// <summary>The period in the account's zone in force at <paramref name="at"/> (or <paramref name="zone"/>), with its first day of the week; refused by R13 as the <c>period</c> parameter.</summary>
    private static ReportingPeriod PeriodOf(IDashboardSource source, DashboardAccount account, PeriodSelection selection, DateTimeZone? zone, Instant at)
    {
        var inForce = source.ReportingSettings(account.Id, at);
        try
        {
            return selection.For(inForce, at, zone);
        }
        catch (CustomerAgentException ex)
        {
            throw new BadParameterException("period", $"period: {ex.Message}");
        }
    }

    /// <summary>The account, period and as-of instant of a part of the report, then the part.</summary>
    private static void Part(Utf8JsonWriter w, AccountDashboard dashboard, string name, Action write, DashboardGrouping? grouping = null)
    {
        w.WriteStartObject();
        w.WriteString("account", dashboard.Report.Period.AccountId.Value);
        w.WritePropertyName("period");
        DashboardDocument.WritePeriod(w, dashboard.Report.Period);
        w.WriteString("as-of", InstantText.Format(dashboard.Report.AsOf));
        if (grouping is { } g)
        {
            w.WriteString("group-by", DashboardDocument.NameOf(g));
        }

        w.WritePropertyName(name);
        write();
        w.WriteEndObject();
    }

    private static void WriteAccounts(Utf8JsonWriter w, IDashboardSource source)
    {
        w.WriteStartObject();
        w.WriteStartArray("accounts");
        foreach (var account in source.Accounts)
        {
            WriteAccount(w, source, account);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteAccount(Utf8JsonWriter w, IDashboardSource source, DashboardAccount account)
    {
        var settings = source.ReportingSettings(account.Id, account.AsOf);
        w.WriteStartObject();
        w.WriteString("account", account.Id.Value);
        w.WriteString("as-of", InstantText.Format(account.AsOf));
        w.WriteString("timezone", settings.Zone.Id);
        w.WriteString("first-day-of-week", settings.FirstDayOfWeek.ToString().ToLowerInvariant());
        w.WriteString("today", NodaTime.Text.LocalDatePattern.Iso.Format(account.AsOf.InZone(settings.Zone).Date));
        w.WriteNumber("conversations", account.ConversationCount);
        w.WriteEndObject();
    }

    private static byte[] Conversations(HttpContext context, IDashboardSource source, string accountId)
    {
        var account = Account(source, accountId);
        var q = new QueryParameters(context.Request.Query);
        var at = q.AsOf(account) ?? account.AsOf;
        var statuses = q.Statuses();
        var channel = q.Parse<Channel?>("channel", null, t => ApiNames.ParseChannel(t));
        var tag = q.Parse<string?>("tag", null, t => string.IsNullOrWhiteSpace(t) ? throw new FormatException("a tag is not blank") : t);
        var search = q.Text("search");
        var selection = q.Period();
        var zone = q.Zone();
        var sort = q.Parse("sort", ConversationSortColumn.LastUpdated, t => ConversationSortNames.Parse(t) ?? throw new FormatException($"'{t}' is not one of {string.Join(", ", ConversationSortNames.Names)}"));
        var order = q.Parse("order", SortDirection.Descending, t => t switch
        {
            "desc" => SortDirection.Descending,
            "asc" => SortDirection.Ascending,
            _ => throw new FormatException($"'{t}' is not asc or desc"),
        });
        var pageSize = q.Int("pageSize", ConversationTableQuery.DefaultPageSize, 1, ConversationTableQuery.MaxPageSize);
        var cursor = q.Parse<string?>("cursor", null, t => t.Length == 0 ? throw new FormatException("a cursor is not empty: give the next-cursor of the previous page") : t);
        var period = selection is null ? null : PeriodOf(source, account, selection, zone, at);
        var table = ConversationTableQuery.Create(account.Id, statuses, channel, tag, period, string.IsNullOrWhiteSpace(search) ? null : search, sort, order, pageSize);
        ConversationPage page;
        try
        {
            page = source.Conversations(table, at, cursor);
        }
        catch (CustomerAgentException ex) when (cursor is not null)
        {
            // R18: a cursor names its query and instant; another query's, a stale or a forged one is refused
            throw new BadParameterException("cursor", $"cursor: {ex.Message}");
        }

        return Utf8(w =>
        {
            w.WriteStartObject();
            w.WriteString("account", account.Id.Value);
            w.WriteString("as-of", InstantText.Format(page.AsOf));
            if (period is not null)
            {
                w.WritePropertyName("period");
                DashboardDocument.WritePeriod(w, period);
            }

            w.WriteString("sort", ConversationSortNames.NameOf(sort));
            w.WriteString("order", order == SortDirection.Ascending ? "asc" : "desc");
            w.WriteNumber("matching", page.MatchingCount);
            w.WriteString("next-cursor", page.NextCursor);
            w.WriteStartArray("rows");
            foreach (var row in page.Rows)
            {
                WriteRow(w, row);
            }

            w.WriteEndArray();
            w.WritePropertyName("page");
            DashboardJson.WriteConversationPage(w, page, DashboardDocument.ApiBase);
            w.WriteEndObject();
        });
    }

    private static void WriteRow(Utf8JsonWriter w, ConversationRow row)
    {
        w.WriteStartObject();
        w.WriteString("id", row.Id.Value);
        w.WriteString("channel", row.Channel.ToApiName());
        w.WriteString("status", row.Status.ToApiName());
        w.WriteString("profile", row.Profile);
        w.WriteString("first-question", row.FirstQuestion);
        WriteStrings(w, "tags", row.Tags);
        w.WriteNumber("messages", row.MessageCount);
        w.WriteString("started", InstantText.Format(row.StartedAt));
        w.WriteString("last-updated", InstantText.Format(row.LastUpdated));
        w.WriteEndObject();
    }

    private static byte[] Thread(HttpContext context, IDashboardSource source, string accountId, string conversationId)
    {
        var account = Account(source, accountId);
        var q = new QueryParameters(context.Request.Query);
        var at = q.AsOf(account) ?? account.AsOf;
        var conversation = (string.IsNullOrWhiteSpace(conversationId) ? null : source.FindConversation(account.Id, ConversationId.From(conversationId)))
            ?? throw new NotFoundException("Unknown conversation", $"No conversation '{conversationId}' in account '{account.Id}'.");
        var classifier = new ConversationClassifier(conversation.Policy);
        var thread = new ConversationQuery(classifier).Thread(conversation, at);
        var status = classifier.Classify(conversation, at);
        return Utf8(w =>
        {
            w.WriteStartObject();
            w.WriteString("account", account.Id.Value);
            w.WriteString("as-of", InstantText.Format(at));
            w.WriteBoolean("preview", !conversation.IsCountedInMetrics);
            w.WritePropertyName("conversation");
            WriteRow(w, thread.Row);
            w.WriteStartObject("classification");
            w.WriteString("status", status.Status.ToApiName());
            w.WriteString("since", InstantText.Format(status.StatusSince));
            w.WriteString("closed-at", status.ClosedAt is { } closed ? InstantText.Format(closed) : null);
            w.WriteString("close-reason", status.CloseReason is { } reason ? Words(reason.ToString()) : null);
            w.WriteString("auto-close-at", InstantText.Format(status.AutoCloseAt));
            w.WriteEndObject();
            WriteStrings(w, "skills", conversation.FactsAsOf(at).SkillsUsed);
            w.WriteStartArray("timeline");
            foreach (var activity in conversation.History.Where(a => a.At <= at))
            {
                WriteActivity(w, activity);
            }

            w.WriteEndArray();
            w.WritePropertyName("messages");
            w.WriteRawValue(DashboardJson.SerializeThread(thread, DashboardDocument.ApiBase));
            w.WriteEndObject();
        });
    }

    /// <summary>Writes a property holding an array of strings.</summary>
    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void WriteActivity(Utf8JsonWriter w, ConversationActivity activity)
    {
        w.WriteStartObject();
        w.WriteString("at", InstantText.Format(activity.At));
        switch (activity)
        {
            case ShopperMessageSent m:
                w.WriteString("type", "shopper-message");
                w.WriteString("text", m.Text);
                break;
            case AgentMessageSent m:
                w.WriteString("type", "agent-message");
                w.WriteString("text", m.Text);
                w.WriteString("skill", m.Skill);
                WriteStrings(w, "products", m.Products);
                break;
            case ProductCardClicked c:
                w.WriteString("type", "product-click");
                w.WriteString("product", c.ProductId);
                break;
            case TagApplied t:
                w.WriteString("type", "tag");
                w.WriteString("tag", t.Tag);
                break;
            case HandoffTriggered h:
                w.WriteString("type", "handoff");
                w.WriteString("kind", Words(h.Kind.ToString()));
                w.WriteString("mode", h.Mode.ToApiName());
                w.WriteString("reason", h.Reason.ToApiName());
                break;
            case SupportTicketOffered o:
                w.WriteString("type", "support-ticket-offer");
                w.WriteString("mode", o.Mode.ToApiName());
                w.WriteString("reason", o.Reason.ToApiName());
                break;
            case SupportTicketAnswered a:
                w.WriteString("type", "support-ticket-answer");
                w.WriteBoolean("accepted", a.Accepted);
                break;
            case ConversationClosed c:
                w.WriteString("type", "close");
                w.WriteString("by", Words(c.By.ToString()));
                break;
            default:
                w.WriteString("type", Words(activity.GetType().Name));
                break;
        }

        w.WriteEndObject();
    }

    /// <summary>An enumeration's name in the wire's words: <c>TransferToHuman</c> → <c>transfer-to-human</c>.</summary>
    private static string Words(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i == 0 ? string.Empty : "-") + char.ToLowerInvariant(c) : c.ToString()));

    private static byte[] Utf8(Action<Utf8JsonWriter> body) => DashboardDocument.Utf8(body);

    private sealed class NotFoundException(string title, string detail) : Exception(detail)
    {
        internal string Title { get; } = title;
    }
}
