using System.Globalization;
using CustomerAgent.Classification;
using CustomerAgent.Serialization;
using Microsoft.AspNetCore.Http;
using NodaTime;

namespace CustomerAgent.Web;

/// <summary>A query parameter the API refuses: answered with 400 and problem details naming it (RFC 9457).</summary>
internal sealed class BadParameterException(string parameter, string detail) : Exception(detail)
{
    internal string Parameter { get; } = parameter;
}

/// <summary>Reads the API's query parameters: each at most once, each refused with its name and the value.</summary>
internal sealed class QueryParameters(IQueryCollection query)
{
    internal string? Text(string name)
    {
        var values = query[name];
        if (values.Count > 1)
        {
            throw new BadParameterException(name, $"{name}: given {values.Count} times; give it once");
        }

        return values.Count == 0 ? null : values[0];
    }

    internal T Parse<T>(string name, T fallback, Func<string, T> parse)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        try
        {
            return parse(text);
        }
        catch (Exception ex) when (ex is FormatException or CustomerAgentException)
        {
            throw new BadParameterException(name, $"{name}: {ex.Message}");
        }
    }

    internal int Int(string name, int fallback, int min, int max) => Parse(name, fallback, text =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new FormatException($"'{text}' is not a whole number from {min} to {max}"));

    internal Instant? AsOf(DashboardAccount account) => Parse<Instant?>("asOf", null, text =>
    {
        var at = InstantText.Parse(text);
        if (!SupportedInstants.Contains(at))
        {
            throw new FormatException($"'{text}' is outside the supported instants, 1900 to 2199 UTC (H6)");
        }

        // D1: the source holds the account's facts as of its own instant; an answer as of an earlier one would see later facts
        return at >= account.AsOf
            ? at
            : throw new FormatException($"'{text}' is before {InstantText.Format(account.AsOf)}, the instant the account's data is as of (D1: an answer as of an instant never sees later facts)");
    });

    internal DateTimeZone? Zone() => Parse<DateTimeZone?>("tz", null, PeriodSelection.ParseZone);

    internal PeriodSelection? Period() => Parse<PeriodSelection?>("period", null, PeriodSelection.Parse);

    internal DashboardGrouping Grouping() => Parse("groupBy", DashboardGrouping.Channel, text =>
        DashboardDocument.ParseGrouping(text) ?? throw new FormatException($"'{text}' is not one of channel, status, tag"));

    internal IReadOnlyList<ConversationStatus>? Statuses() => Parse<IReadOnlyList<ConversationStatus>?>("status", null, text =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } names
            ? names.Select(ApiNames.ParseStatus).ToList()
            : throw new FormatException("names no status: use open, resolved-by-ai, routed-to-team, closed, comma-separated"));
}
