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

        if (ReferenceEquals(trimmed, email) && !HasUpper(email.AsSpan(at + 1)))
        {
            // already normalized (the usual case for stored addresses): the same instance
            return email;
        }

        return string.Create(trimmed.Length, (Email: trimmed, At: at), static (destination, state) =>
        {
            state.Email.AsSpan(0, state.At + 1).CopyTo(destination);
            state.Email.AsSpan(state.At + 1).ToLowerInvariant(destination[(state.At + 1)..]);
        });
    }

    /// <summary>Whether <paramref name="text"/> may change when lower-cased: an ASCII capital, or any non-ASCII character (left to the full conversion).</summary>
    private static bool HasUpper(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c >= 0x80 || c is >= 'A' and <= 'Z')
            {
                return true;
            }
        }

        return false;
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
    /// the UK-style <c>(0)</c> after the country code is dropped. Its calling code must be one assigned by the ITU
    /// (<c>+99912345678</c> is rejected).</para>
    /// <para>A national number (<c>(555) 123-4567</c>, <c>06 12 34 56 78</c>) needs <paramref name="defaultCallingCode"/>; without it
    /// the number is ambiguous and rejected. With it, the number becomes E.164 by the rules of that calling code's country
    /// (Google's libphonenumber metadata): its trunk prefix is dropped where the country dials one (<c>0</c> in France, the UK,
    /// Germany; <c>8</c> in Russia; <c>06</c> in Hungary; <c>1</c> in North America) and kept where it is part of the number
    /// (Italy: <c>06 6982 0000</c> with 39 is <c>+390669820000</c>). Numbers with calling code 1 (North America) must have 10
    /// national digits.</para>
    /// </remarks>
    /// <param name="phoneNumber">The number as entered.</param>
    /// <param name="defaultCallingCode">The country calling code for national numbers, such as <c>"1"</c> or <c>"+33"</c>; null when none.</param>
    /// <returns>The number in E.164.</returns>
    /// <exception cref="CustomerAgentException">The default calling code is not an assigned calling code of 1 to 3 digits, or the
    /// number has letters or other symbols, is national with no default calling code or not a number of that country, has a
    /// calling code that is not assigned, or does not have 8 to 15 digits in all. The message shows only a redacted form.</exception>
    public static string NormalizePhoneNumber(string phoneNumber, string? defaultCallingCode = null)
    {
        var callingCode = CheckCallingCode(defaultCallingCode);
        var trimmed = phoneNumber?.Trim() ?? string.Empty;
        var buffer = trimmed.Length <= StackPhoneLength ? stackalloc char[StackPhoneLength + 4] : new char[trimmed.Length + 4];
        if (ToE164(trimmed, callingCode, buffer, out var e164) is { } problem)
        {
            throw new CustomerAgentException("R11", "profile.phoneNumber", RedactInvalid(trimmed), problem);
        }

        // already in E.164 (the usual case for stored numbers): the same instance
        return e164.SequenceEqual(phoneNumber) ? phoneNumber! : new string(e164);
    }

    /// <summary>Whether <see cref="NormalizePhoneNumber"/> accepts <paramref name="phoneNumber"/>, checked without allocating for numbers in international form of up to 64 characters (for importers that validate many values).</summary>
    /// <param name="phoneNumber">The number as entered.</param>
    /// <param name="defaultCallingCode">As for <see cref="NormalizePhoneNumber"/>.</param>
    /// <returns>True when <see cref="NormalizePhoneNumber"/> would return a number, false when it would throw for this number.</returns>
    /// <exception cref="CustomerAgentException">The default calling code is not an assigned calling code of 1 to 3 digits (as <see cref="NormalizePhoneNumber"/>).</exception>
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

        if (!Assigned[int.Parse(digits, CultureInfo.InvariantCulture)])
        {
            throw new CustomerAgentException("R11", "defaultCallingCode", code, "is not an assigned country calling code (ITU-T E.164)");
        }

        return digits;
    }

    /// <summary>
    /// The country calling codes assigned by the ITU (ITU-T E.164, as listed by libphonenumber 9.0.43's metadata, which a test
    /// compares with this table): calling codes are prefix-free, so a number's code is the one of these its digits start with.
    /// A table, so that a number in international form is checked without loading the metadata.
    /// </summary>
    private static readonly bool[] Assigned = AssignedTable(
        1, 7, 20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56, 57, 58, 60, 61, 62, 63, 64,
        65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98, 211, 212, 213, 216, 218, 220, 221, 222, 223, 224, 225, 226, 227, 228, 229,
        230, 231, 232, 233, 234, 235, 236, 237, 238, 239, 240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251, 252, 253, 254,
        255, 256, 257, 258, 260, 261, 262, 263, 264, 265, 266, 267, 268, 269, 290, 291, 297, 298, 299, 350, 351, 352, 353, 354, 355,
        356, 357, 358, 359, 370, 371, 372, 373, 374, 375, 376, 377, 378, 380, 381, 382, 383, 385, 386, 387, 389, 420, 421, 423, 500,
        501, 502, 503, 504, 505, 506, 507, 508, 509, 590, 591, 592, 593, 594, 595, 596, 597, 598, 599, 670, 672, 673, 674, 675, 676,
        677, 678, 679, 680, 681, 682, 683, 685, 686, 687, 688, 689, 690, 691, 692, 800, 808, 850, 852, 853, 855, 856, 870, 878, 880,
        881, 882, 883, 886, 888, 960, 961, 962, 963, 964, 965, 966, 967, 968, 970, 971, 972, 973, 974, 975, 976, 977, 979, 992, 993,
        994, 995, 996, 998);

    /// <summary>The assigned calling codes (for the test that compares the table with libphonenumber's).</summary>
    internal static IEnumerable<int> AssignedCallingCodes => Enumerable.Range(1, 999).Where(c => Assigned[c]);

    private static bool[] AssignedTable(params int[] codes)
    {
        var table = new bool[1000];
        foreach (var code in codes)
        {
            table[code] = true;
        }

        return table;
    }

    /// <summary>Whether E.164 digits (no '+') start with an assigned calling code.</summary>
    private static bool HasAssignedCallingCode(ReadOnlySpan<char> digits)
    {
        var code = 0;
        for (var i = 0; i < 3 && i < digits.Length; i++)
        {
            code = (code * 10) + (digits[i] - '0');
            if (Assigned[code])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A national number's digits in E.164 by the rules of <paramref name="callingCode"/>'s country (libphonenumber: its trunk
    /// prefix, Italy's leading 0), <c>+</c> included; null when they are not a number of that country.
    /// </summary>
    private static string? NationalToE164(ReadOnlySpan<char> digits, string callingCode)
    {
        var util = PhoneNumbers.PhoneNumberUtil.GetInstance();
        var code = int.Parse(callingCode, CultureInfo.InvariantCulture);
        var region = util.GetRegionCodeForCountryCode(code);
        try
        {
            // a non-geographic calling code (800, 882…) has no national form: its digits follow the code
            var number = region == "001"
                ? util.Parse("+" + callingCode + digits.ToString(), "ZZ")
                : util.Parse(digits.ToString(), region);
            return util.Format(number, PhoneNumbers.PhoneNumberFormat.E164);
        }
        catch (PhoneNumbers.NumberParseException)
        {
            return null;
        }
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

            // a national number: that country's own rules (not the fast path, which cannot know its trunk prefix)
            var national = NationalToE164(buffer.Slice(start, length), callingCode);
            if (national is null)
            {
                return "is not a phone number of the default calling code's country as dialled there";
            }

            var problem = E164Problem(national.AsSpan(1));
            e164 = problem is null ? national.AsSpan() : default;
            return problem;
        }

        if (E164Problem(buffer.Slice(start, length)) is { } e164Problem)
        {
            return e164Problem;
        }

        buffer[start - 1] = '+';
        e164 = buffer.Slice(start - 1, length + 1);
        return null;
    }

    /// <summary>R11: why E.164 digits (no '+') are not a number, or null.</summary>
    private static string? E164Problem(ReadOnlySpan<char> digits) =>
        digits.Length is < 8 or > 15 || digits[0] == '0' ? "must have 8 to 15 digits including the country calling code, which does not start with 0 (E.164)"
        : !HasAssignedCallingCode(digits) ? "has a country calling code that is not assigned (ITU-T E.164)"
        : digits[0] == '1' && digits.Length != 11 ? "has calling code 1 (North America) and so must have exactly 10 national digits"
        : null;
}
