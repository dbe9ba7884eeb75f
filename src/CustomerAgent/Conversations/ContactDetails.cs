using System.Globalization;

namespace CustomerAgent.Conversations;

/// <summary>
/// Validation, normalization and redaction of a shopper's personal contact details (email address and phone number),
/// as the vendor's Events API expects them on a profile (R11). Nothing here ever places the value itself in an exception.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class ContactDetails
{
    /// <summary>The longest email address accepted (RFC 5321 path limit).</summary>
    public const int MaxEmailLength = 254;

    private static readonly string EmailTooLong = string.Create(CultureInfo.InvariantCulture, $"must be at most {MaxEmailLength} characters");

    /// <summary>Phone numbers up to this length are normalized in a stack buffer.</summary>
    private const int StackPhoneLength = 64;

    /// <summary>
    /// Validates and normalizes an email address: surrounding white space is trimmed and the domain is lower-cased
    /// (the local part is kept as written: it may be case-sensitive).
    /// </summary>
    /// <param name="email">The address as entered.</param>
    /// <returns>The normalized address, for example <c>Ann.Lee@example.com</c> for <c>" Ann.Lee@EXAMPLE.com "</c>.</returns>
    /// <exception cref="CustomerAgentException">The value is blank, longer than <see cref="MaxEmailLength"/>, has white space or
    /// control characters inside, or is not <c>local@domain.tld</c> with exactly one <c>@</c>. The message shows only a redacted form.</exception>
    public static string NormalizeEmail(string email)
    {
        var trimmed = email?.Trim() ?? string.Empty;
        if (EmailProblem(trimmed, out var at) is { } problem)
        {
            throw new CustomerAgentException("R11", "profile.email", RedactInvalid(trimmed), problem);
        }

        return string.Create(trimmed.Length, (Email: trimmed, At: at), static (destination, state) =>
        {
            state.Email.AsSpan(0, state.At + 1).CopyTo(destination);
            state.Email.AsSpan(state.At + 1).ToLowerInvariant(destination[(state.At + 1)..]);
        });
    }

    /// <summary>Whether <see cref="NormalizeEmail"/> accepts <paramref name="email"/>, checked without allocating (for importers that validate many values).</summary>
    /// <param name="email">The address as entered.</param>
    /// <returns>True when <see cref="NormalizeEmail"/> would return a normalized address, false when it would throw.</returns>
    public static bool IsValidEmail(ReadOnlySpan<char> email) => EmailProblem(email.Trim(), out _) is null;

    /// <summary>R11: why a trimmed email address is not accepted, or null; <paramref name="at"/> is the index of its <c>@</c>.</summary>
    private static string? EmailProblem(ReadOnlySpan<char> trimmed, out int at)
    {
        at = trimmed.IndexOf('@');
        return trimmed.Length == 0 ? "must not be blank"
            : trimmed.Length > MaxEmailLength ? EmailTooLong
            : HasWhiteSpaceOrControl(trimmed) ? "must not contain white space or control characters"
            : at <= 0 || at != trimmed.LastIndexOf('@') || at == trimmed.Length - 1 ? "is not an email address (local@domain, exactly one @)"
            : !IsDomain(trimmed[(at + 1)..]) ? "has no valid domain (labels separated by dots, at least one dot, no empty label)"
            : null;
    }

    /// <summary>
    /// Validates and normalizes a phone number to E.164 (<c>+</c> then 8 to 15 digits, for example <c>+33612345678</c>).
    /// </summary>
    /// <remarks>
    /// <para>Spaces, dots, dashes, slashes and parentheses are separators and are dropped. A number written with its country
    /// calling code (<c>+33 6 12 34 56 78</c>, or <c>0033 6 12 34 56 78</c> with the international prefix 00) needs nothing else;
    /// the UK-style <c>(0)</c> after the country code is dropped.</para>
    /// <para>A national number (<c>(555) 123-4567</c>, <c>06 12 34 56 78</c>) needs <paramref name="defaultCallingCode"/>; without it
    /// the number is ambiguous and rejected. With it, one leading trunk <c>0</c> is dropped (France, the UK, Germany… — not
    /// right for Italy, whose numbers keep their 0: write Italian numbers with +39), and for calling code 1 a leading trunk
    /// <c>1</c> of an 11-digit number is dropped. Numbers with calling code 1 (North America) must have 10 national digits.</para>
    /// </remarks>
    /// <param name="phoneNumber">The number as entered.</param>
    /// <param name="defaultCallingCode">The country calling code for national numbers, such as <c>"1"</c> or <c>"+33"</c>; null when none.</param>
    /// <returns>The number in E.164.</returns>
    /// <exception cref="CustomerAgentException">The default calling code is not 1 to 3 digits, or the number has letters or other
    /// symbols, is national with no default calling code, or does not have 8 to 15 digits in all. The message shows only a redacted form.</exception>
    public static string NormalizePhoneNumber(string phoneNumber, string? defaultCallingCode = null)
    {
        var callingCode = CheckCallingCode(defaultCallingCode);
        var trimmed = phoneNumber?.Trim() ?? string.Empty;
        var buffer = trimmed.Length <= StackPhoneLength ? stackalloc char[StackPhoneLength + 4] : new char[trimmed.Length + 4];
        if (ToE164(trimmed, callingCode, buffer, out var e164) is { } problem)
        {
            throw new CustomerAgentException("R11", "profile.phoneNumber", RedactInvalid(trimmed), problem);
        }

        return new string(e164);
    }

    /// <summary>Whether <see cref="NormalizePhoneNumber"/> accepts <paramref name="phoneNumber"/>, checked without allocating for numbers of up to 64 characters (for importers that validate many values).</summary>
    /// <param name="phoneNumber">The number as entered.</param>
    /// <param name="defaultCallingCode">As for <see cref="NormalizePhoneNumber"/>.</param>
    /// <returns>True when <see cref="NormalizePhoneNumber"/> would return a number, false when it would throw for this number.</returns>
    /// <exception cref="CustomerAgentException">The default calling code is not 1 to 3 digits (as <see cref="NormalizePhoneNumber"/>).</exception>
    public static bool IsValidPhoneNumber(ReadOnlySpan<char> phoneNumber, string? defaultCallingCode = null)
    {
        var callingCode = CheckCallingCode(defaultCallingCode);
        var trimmed = phoneNumber.Trim();
        var buffer = trimmed.Length <= StackPhoneLength ? stackalloc char[StackPhoneLength + 4] : new char[trimmed.Length + 4];
        return ToE164(trimmed, callingCode, buffer, out _) is null;
    }

    /// <summary>A redacted form of a normalized email address for logs: first character of the local part and the top-level domain, for example <c>a***@***.com</c>.</summary>
    /// <param name="email">A normalized email address.</param>
    public static string RedactEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var at = email.IndexOf('@', StringComparison.Ordinal);
        var dot = email.LastIndexOf('.');
        return at <= 0 || dot < at ? RedactInvalid(email) : $"{email[0]}***@***{email[dot..]}";
    }

    /// <summary>A redacted form of an E.164 phone number for logs: the plus sign and the last two digits, for example <c>+*********78</c>.</summary>
    /// <param name="phoneNumber">A normalized phone number.</param>
    public static string RedactPhoneNumber(string phoneNumber)
    {
        ArgumentNullException.ThrowIfNull(phoneNumber);
        return phoneNumber.Length < 4 || phoneNumber[0] != '+'
            ? RedactInvalid(phoneNumber)
            : "+" + new string('*', phoneNumber.Length - 3) + phoneNumber[^2..];
    }

    private static string RedactInvalid(string value) =>
        string.Create(CultureInfo.InvariantCulture, $"<redacted, {value.Length} chars>");

    private static bool HasWhiteSpaceOrControl(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDomain(ReadOnlySpan<char> domain)
    {
        if (domain.IndexOf('.') < 0)
        {
            return false;
        }

        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.IsEmpty || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!(char.IsLetterOrDigit(c) || c == '-'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static string? CheckCallingCode(string? code)
    {
        if (code is null)
        {
            return null;
        }

        var digits = code.Trim().TrimStart('+');
        if (digits.Length is < 1 or > 3 || !digits.All(char.IsAsciiDigit) || digits[0] == '0')
        {
            throw new CustomerAgentException("R11", "defaultCallingCode", code, "must be a country calling code of 1 to 3 digits, optionally after '+', not starting with 0 (for example \"1\" or \"+33\")");
        }

        return digits;
    }

    /// <summary>
    /// R11: a trimmed phone number in E.164, written into <paramref name="buffer"/> (at least the value's length + 4 characters),
    /// or why it is not accepted. Separators are dropped, and after a leading <c>+</c> every <c>(0)</c> (left to right, not
    /// overlapping).
    /// </summary>
    private static string? ToE164(ReadOnlySpan<char> value, string? callingCode, Span<char> buffer, out ReadOnlySpan<char> e164)
    {
        e164 = default;
        if (value.Length == 0)
        {
            return "must not be blank";
        }

        // The digits go after 4 spare characters: room for '+' and a calling code of up to 3 digits.
        const int Spare = 4;
        var international = value[0] == '+';
        var body = international ? value[1..] : value;
        var length = 0;
        for (var k = 0; k < body.Length; k++)
        {
            var c = body[k];
            if (international && body[k..].StartsWith("(0)", StringComparison.Ordinal))
            {
                k += 2;
            }
            else if (char.IsAsciiDigit(c))
            {
                buffer[Spare + length++] = c;
            }
            else if (c is not (' ' or '\u00A0' or '-' or '.' or '(' or ')' or '/'))
            {
                return "may hold only digits, a leading '+', and the separators space . - / ( )";
            }
        }

        var start = Spare;
        if (!international && length >= 2 && buffer[start] == '0' && buffer[start + 1] == '0')
        {
            international = true;
            start += 2;
            length -= 2;
        }

        if (!international)
        {
            if (callingCode is null)
            {
                return "has no country calling code: write it as +<country code><number>, or pass a default calling code";
            }

            if (callingCode == "1" && length == 11 && buffer[start] == '1')
            {
                start++;
                length--;
            }
            else if (length > 0 && buffer[start] == '0')
            {
                start++;
                length--;
            }

            start -= callingCode.Length;
            length += callingCode.Length;
            callingCode.AsSpan().CopyTo(buffer[start..]);
        }

        if (length is < 8 or > 15 || buffer[start] == '0')
        {
            return "must have 8 to 15 digits including the country calling code, which does not start with 0 (E.164)";
        }

        if (buffer[start] == '1' && length != 11)
        {
            return "has calling code 1 (North America) and so must have exactly 10 national digits";
        }

        buffer[start - 1] = '+';
        e164 = buffer.Slice(start - 1, length + 1);
        return null;
    }
}
