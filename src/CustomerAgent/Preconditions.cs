using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace CustomerAgent;

/// <summary>Tiny argument and rule checks used by public factories; internal constructors trust their callers.</summary>
internal static class Preconditions
{
    internal static string CheckText(string? value, string field, string rule)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new CustomerAgentException(rule, field, value, "must be a non-empty, non-blank string");
        }

        return value;
    }

    /// <summary>A trimmed value, or <see langword="null"/> when it is null, empty or blank (optional identity fields).</summary>
    internal static string? TrimToNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal static T CheckDefined<T>(T value, string field, string rule)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new CustomerAgentException(rule, field, Convert.ToString(value, CultureInfo.InvariantCulture), $"is not a defined {typeof(T).Name} value");
        }

        return value;
    }

    /// <summary>Rejects an instant outside <see cref="SupportedInstants"/> (H6).</summary>
    internal static Instant CheckInstant(Instant value, string field)
    {
        if (!SupportedInstants.Contains(value))
        {
            throw new CustomerAgentException("H6", field, Format(value), $"is outside the supported range [{Format(SupportedInstants.Start)}, {Format(SupportedInstants.End)})");
        }

        return value;
    }

    /// <summary>A value cut to a readable length for an explanation (see <see cref="CustomerAgentException.Cut"/>).</summary>
    internal static string Echo(string value) => CustomerAgentException.Cut(value)!;

    internal static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    internal static string Format(Duration duration) => DurationPattern.Roundtrip.Format(duration);
}
