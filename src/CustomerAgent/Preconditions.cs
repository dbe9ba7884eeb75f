using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace CustomerAgent;

/// <summary>Tiny argument and rule checks used by public factories and by the activity-log reader (on UTF-8 bytes); internal constructors trust their callers.</summary>
internal static class Preconditions
{
    private const string NotBlank = "must be a non-empty, non-blank string";

    /// <summary>Rejects a text that is null, empty or only white space (the caller names the rule: ID, H4, R13, …).</summary>
    internal static string CheckText(string? value, string field, string rule)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new CustomerAgentException(rule, field, value, NotBlank);
        }

        return value;
    }

    /// <summary>
    /// As <see cref="CheckText(string?, string, string)"/> on UTF-8 bytes (the activity-log reader's values): allocates nothing
    /// unless it rejects, when the bytes are decoded to word the rejection.
    /// </summary>
    internal static void CheckText(ReadOnlySpan<byte> utf8, string field, string rule)
    {
        if (IsBlank(utf8))
        {
            throw new CustomerAgentException(rule, field, Encoding.UTF8.GetString(utf8), NotBlank);
        }
    }

    /// <summary>As <see cref="CheckText(ReadOnlySpan{byte}, string, string)"/> for element <paramref name="index"/> of a list (field <c>field[index]</c>, built only to word a rejection).</summary>
    internal static void CheckText(ReadOnlySpan<byte> utf8, string field, int index, string rule)
    {
        if (IsBlank(utf8))
        {
            throw new CustomerAgentException(rule, string.Create(CultureInfo.InvariantCulture, $"{field}[{index}]"), Encoding.UTF8.GetString(utf8), NotBlank);
        }
    }

    /// <summary>
    /// Whether UTF-8 bytes are empty or only white space, exactly as <see cref="string.IsNullOrWhiteSpace"/> says of their
    /// decoded text (an invalid sequence decodes to U+FFFD, which is not white space); decodes rune by rune, allocating nothing.
    /// </summary>
    internal static bool IsBlank(ReadOnlySpan<byte> utf8)
    {
        while (!utf8.IsEmpty)
        {
            var b = utf8[0];
            if (b < 0x80)
            {
                if (b is not ((byte)' ' or (>= 9 and <= 13)))
                {
                    return false;
                }

                utf8 = utf8[1..];
                continue;
            }

            if (Rune.DecodeFromUtf8(utf8, out var rune, out var consumed) != System.Buffers.OperationStatus.Done || !Rune.IsWhiteSpace(rune))
            {
                return false;
            }

            utf8 = utf8[consumed..];
        }

        return true;
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
            throw SupportedInstants.OutOfRange(field, Format(value));
        }

        return value;
    }

    /// <summary>A value cut to a readable length for an explanation (see <see cref="CustomerAgentException.Cut"/>).</summary>
    internal static string Echo(string value) => CustomerAgentException.Cut(value)!;

    internal static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    internal static string Format(Duration duration) => DurationPattern.Roundtrip.Format(duration);
}
