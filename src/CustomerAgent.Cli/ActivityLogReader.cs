using System.Text.Json;
using CustomerAgent.Conversations;
using NodaTime;
using NodaTime.Text;

namespace CustomerAgent.Cli;

/// <summary>One line of the activity log that was not applied, and why. Nothing valid is dropped silently.</summary>
internal sealed record LogRejection(int LineNumber, string? ConversationId, string Reason);

/// <summary>What reading an activity log produced: the conversations (in first-seen order) and the rejected lines.</summary>
internal sealed record ActivityLog(IReadOnlyList<Conversation> Conversations, IReadOnlyList<LogRejection> Rejections, Instant? LatestInstant);

/// <summary>
/// Reads the JSON Lines activity log described in docs/activity-log.md into conversation aggregates.
/// Each line is applied through the aggregate, so every domain rule holds; a line that breaks one is reported with its
/// line number and the rule's message, and the conversation goes on without it.
/// </summary>
internal static class ActivityLogReader
{
    internal static ActivityLog Read(TextReader reader)
    {
        var conversations = new Dictionary<(string Account, string Id), Conversation>();
        var order = new List<Conversation>();
        var rejections = new List<LogRejection>();
        Instant? latest = null;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            string? id = null;
            try
            {
                using var document = JsonDocument.Parse(line);
                var e = document.RootElement;
                if (e.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException("a line must be a JSON object");
                }

                id = Required(e, "conversation");
                var account = Required(e, "account");
                var at = ParseInstant(Required(e, "at"));
                var type = Required(e, "type");
                var key = (account, id);
                if (!conversations.TryGetValue(key, out var conversation))
                {
                    if (type != "shopper-message")
                    {
                        throw new CustomerAgentException("H5", "type", type, $"cannot open conversation {id}: its first line must be a shopper-message (R6)");
                    }

                    var header = ConversationHeader.Create(
                        ConversationId.From(id),
                        AccountId.From(account),
                        ApiNames.ParseChannel(Required(e, "channel")),
                        ParseMode(Optional(e, "mode")),
                        ParseProfile(e));
                    conversation = Conversation.Start(header, at, Required(e, "text"));
                    conversations.Add(key, conversation);
                    order.Add(conversation);
                }
                else
                {
                    if (Optional(e, "channel") is { } channel && ApiNames.ParseChannel(channel) != conversation.Channel)
                    {
                        throw new CustomerAgentException("R1", "channel", channel, $"differs from conversation {id}'s channel {conversation.Channel.ToApiName()}");
                    }

                    conversation.Apply(ToActivity(e, type, at));
                }

                latest = latest is null || at > latest ? at : latest;
            }
            catch (Exception ex) when (ex is CustomerAgentException or JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
            {
                rejections.Add(new LogRejection(lineNumber, id, ex.Message));
            }
        }

        return new ActivityLog(order, rejections, latest);
    }

    private static ConversationActivity ToActivity(JsonElement e, string type, Instant at) => type switch
    {
        "shopper-message" => new ShopperMessageSent(at, Required(e, "text")),
        "agent-message" => new AgentMessageSent(at, Required(e, "text"), Required(e, "skill"), Products(e)),
        "product-click" => new ProductCardClicked(at, Required(e, "product")),
        "tag" => new TagApplied(at, Required(e, "tag")),
        "handoff" => new HandoffTriggered(at, ParseKind(Required(e, "kind")), ApiNames.ParseHandoffMode(Required(e, "mode")), ApiNames.ParseHandoffReason(Required(e, "reason"))),
        "ticket-offer" => new SupportTicketOffered(at, ApiNames.ParseHandoffMode(Required(e, "mode")), ApiNames.ParseHandoffReason(Required(e, "reason"))),
        "ticket-answer" => new SupportTicketAnswered(at, e.TryGetProperty("accepted", out var a) && a.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? a.GetBoolean()
            : throw new FormatException("field 'accepted' must be true or false")),
        "close" => new ConversationClosed(at, Required(e, "by") switch
        {
            "visitor" => ClosedBy.Visitor,
            "host" => ClosedBy.Host,
            var other => throw new CustomerAgentException("R2", "by", other, "is not one of visitor, host"),
        }),
        _ => throw new CustomerAgentException("LOG", "type", type, "is not one of shopper-message, agent-message, product-click, tag, handoff, ticket-offer, ticket-answer, close"),
    };

    private static string Required(JsonElement e, string name) =>
        Optional(e, name) ?? throw new FormatException($"field '{name}' is missing or not a string");

    private static string? Optional(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string[] Products(JsonElement e)
    {
        if (!e.TryGetProperty("products", out var products) || products.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return products.ValueKind == JsonValueKind.Array
            ? products.EnumerateArray().Select(p => p.GetString() ?? throw new FormatException("field 'products' must hold strings")).ToArray()
            : throw new FormatException("field 'products' must be an array of strings");
    }

    private static Profile ParseProfile(JsonElement e) =>
        e.TryGetProperty("profile", out var p) && p.ValueKind == JsonValueKind.Object
            ? Profile.Create(Optional(p, "name"), Optional(p, "email"), Optional(p, "phone"), Optional(p, "externalId"))
            : Profile.Anonymous;

    internal static Instant ParseInstant(string text)
    {
        var result = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (result.Success)
        {
            return result.Value.ToInstant();
        }

        var instant = InstantPattern.ExtendedIso.Parse(text);
        return instant.Success
            ? instant.Value
            : throw new FormatException($"'{text}' is not an ISO 8601 instant such as 2026-06-07T10:00:00Z");
    }

    private static ConversationMode ParseMode(string? mode) => mode switch
    {
        null or "live" => ConversationMode.Live,
        "preview" => ConversationMode.Preview,
        _ => throw new CustomerAgentException("R20", "mode", mode, "is not one of live, preview"),
    };

    private static HandoffKind ParseKind(string kind) => kind switch
    {
        "custom-message" => HandoffKind.CustomMessage,
        "transfer-to-human" => HandoffKind.TransferToHuman,
        "custom-closing-message" => HandoffKind.CustomClosingMessage,
        _ => throw new CustomerAgentException("R3", "kind", kind, "is not one of custom-message, transfer-to-human, custom-closing-message (tickets use ticket-offer and ticket-answer)"),
    };

    /// <summary>How the log (and the report) writes an instant: ISO 8601 in UTC, <c>2026-06-07T10:00:00Z</c>.</summary>
    internal static string Format(Instant instant) => InstantPattern.General.Format(instant);
}
