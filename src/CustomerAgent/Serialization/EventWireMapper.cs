using System.Text.Json;
using CustomerAgent.Conversations;
using CustomerAgent.Events;
using NodaTime;
using NodaTime.Text;

namespace CustomerAgent.Serialization;

/// <summary>Maps <see cref="MetricEvent"/> to and from the vendor's wire shapes, validating what it reads.</summary>
internal static class EventWireMapper
{
    /// <summary>ISO 8601 with an explicit offset, whole seconds: <c>2026-06-07T10:00:00+00:00</c>.</summary>
    private static readonly OffsetDateTimePattern WritePattern = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>");

    private static readonly OffsetDateTimePattern[] ReadPatterns =
    [
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<+HH:mm>"),
        OffsetDateTimePattern.ExtendedIso,
    ];

    internal static string FormatTime(Instant time) => WritePattern.Format(time.WithOffset(Offset.Zero));

    internal static EventWire ToWire(MetricEvent e, bool withProfile) => new()
    {
        Attributes = new EventAttributesWire
        {
            Properties = new EventPropertiesWire
            {
                ConversationId = e.ConversationId.Value,
                Channel = e.Channel.ToApiName(),
                InitialSkill = e.InitialSkill,
                FinalSkill = e.FinalSkill,
                Tags = e.Kind is MetricKind.ConversationResolved or MetricKind.ConversationEscalated ? [.. e.Tags] : null,
                EscalationReason = e.EscalationReason?.ToApiName(),
                Products = e.Kind == MetricKind.ReceivedProductRecommendation ? [.. e.Products] : null,
            },
            Time = FormatTime(e.Time),
            UniqueId = e.UniqueId,
            Metric = new MetricReferenceWire { Data = new MetricWire { Attributes = new MetricAttributesWire { Name = e.MetricName } } },
            Profile = withProfile ? ToWire(e.Profile) : null,
        },
    };

    internal static ProfileReferenceWire ToWire(MetricProfile p) => new()
    {
        Data = new ProfileWire
        {
            Attributes = new ProfileAttributesWire
            {
                Email = p.Email,
                PhoneNumber = p.PhoneNumber,
                ExternalId = p.ExternalId,
                AnonymousId = p.AnonymousId,
            },
        },
    };

    internal static MetricProfile FromWire(ProfileReferenceWire? wire, string path)
    {
        var data = Require(wire?.Data, path + ".data");
        CheckType(data.Type, ProfileWire.TypeName, path + ".data.type");
        var a = Require(data.Attributes, path + ".data.attributes");
        return Guard(path, () => MetricProfile.Create(a.Email, a.PhoneNumber, a.ExternalId, a.AnonymousId));
    }

    internal static MetricEvent FromWire(EventWire? wire, MetricProfile? profile, string path)
    {
        var e = Require(wire, path);
        CheckType(e.Type, EventWire.TypeName, path + ".type");
        var a = Require(e.Attributes, path + ".attributes");
        var metric = Require(a.Metric?.Data, path + ".attributes.metric.data");
        CheckType(metric.Type, MetricWire.TypeName, path + ".attributes.metric.data.type");
        var name = Require(metric.Attributes?.Name, path + ".attributes.metric.data.attributes.name");
        var p = Require(a.Properties, path + ".attributes.properties");
        var uniqueId = Require(a.UniqueId, path + ".attributes.unique_id");
        var time = ParseTime(Require(a.Time, path + ".attributes.time"), path + ".attributes.time");
        profile ??= FromWire(a.Profile, path + ".attributes.profile");
        return Guard(path, () =>
        {
            var kind = MetricNames.ParseMetricName(name);
            var conversationId = ConversationId.From(Require(p.ConversationId, path + ".attributes.properties.Conversation ID"));
            var channel = ApiNames.ParseChannel(Require(p.Channel, path + ".attributes.properties.Channel"));
            var accountId = AccountOf(uniqueId, kind, conversationId, path + ".attributes.unique_id");
            return new MetricEvent(
                kind,
                uniqueId,
                accountId,
                conversationId,
                channel,
                time,
                profile,
                initialSkill: p.InitialSkill,
                finalSkill: p.FinalSkill,
                tags: p.Tags,
                escalationReason: p.EscalationReason is null ? null : ApiNames.ParseHandoffReason(p.EscalationReason),
                products: p.Products);
        });
    }

    /// <summary>D4: the unique ID names the account, the conversation and the metric; the account is read back from it.</summary>
    private static AccountId AccountOf(string uniqueId, MetricKind kind, ConversationId conversationId, string path)
    {
        if (!EventIds.TryParse(uniqueId, out var account, out var conversation, out var parsedKind) || parsedKind != kind || conversation != conversationId)
        {
            throw new RuleJsonException($"D4: {path} = '{CustomerAgentException.Cut(uniqueId)}' is not the unique ID of a '{kind.ToMetricName()}' event of conversation '{CustomerAgentException.Cut(conversationId.Value)}' ({{account}}:{{conversation}}:{{metric}}).");
        }

        return account;
    }

    private static Instant ParseTime(string text, string path)
    {
        foreach (var pattern in ReadPatterns)
        {
            if (IsoInstantText.TryParse(pattern, text, out var instant))
            {
                return instant;
            }
        }

        throw new RuleJsonException($"D4: {path} = '{CustomerAgentException.Cut(text)}' is not an ISO 8601 date-time with an offset (for example 2026-06-07T10:00:00+00:00).");
    }

    internal static void CheckType(string? actual, string expected, string path)
    {
        if (!string.Equals(actual, expected, StringComparison.Ordinal))
        {
            throw new RuleJsonException($"D4: {path} = {(actual is null ? "<null>" : "'" + CustomerAgentException.Cut(actual) + "'")} must be '{expected}'.");
        }
    }

    internal static T Require<T>(T? value, string path)
        where T : class =>
        value ?? throw new RuleJsonException($"D4: {path} is required.");

    private static T Guard<T>(string path, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (CustomerAgentException ex)
        {
            throw new RuleJsonException($"{path}: {ex.Message}", ex);
        }
    }
}
