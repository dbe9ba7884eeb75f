using System.Text;
using CustomerAgent.Conversations;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerAgent.Tests.Conversations;

/// <summary>
/// R11 on generated contact details: the phone normalization against a reference model written the plain way (strings,
/// <c>Replace</c>, a <c>StringBuilder</c>), and the allocation-free predicates against the normalizers they stand for.
/// </summary>
public sealed class ContactDetailsPropertyTests
{
    private static readonly Gen<string> Phone =
        from pad in Gen.Elements("", " ", "  ", "\t")
        from prefix in Gen.Elements("", "+", "00", "0", "1", "+1", "+33", "+44")
        from trunk in Gen.Elements("", "", "(0)", " (0) ", "(0(0))", "((0))", "0")
        from parts in Gen.Elements("0", "1", "33", "44", "(0)", "(", ")", "0)", " ", "\u00A0", "-", ".", "/", "5", "55", "123", "4567", "999", "x", "\t", "+")
            .ArrayOf()
        select pad + prefix + trunk + string.Concat(parts) + pad;

    private static readonly Gen<string> Email =
        from local in Gen.Elements("", "a", "Ann.Lee", "a b", "a\u0001", "@", "x@y")
        from at in Gen.Elements("@", "", "@@")
        from domain in Gen.Elements("", "example.com", "EXAMPLE.com", "example", ".example.com", "exa_mple.com", "-a.com", "a-.com", "é.fr", "x.y.z")
        from pad in Gen.Elements("", " ", "\t", "\u00A0", "\u3000", "\u2028")
        from inside in Gen.Elements("", "", "\u00A0", "\u200B", "K", "İ")
        select pad + local + inside + at + domain + pad;

    [Property(MaxTest = 3000)]
    public Property R11_phone_numbers_normalize_as_the_reference_model_does()
    {
        var gen = from phone in Phone from code in Gen.Elements<string?>(null, "1", "33", "+44") select (phone, code);
        return Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var (phone, code) = input;
            var expected = Reference(phone.Trim(), code?.TrimStart('+'));
            var actual = Outcome(() => ContactDetails.NormalizePhoneNumber(phone, code));
            Assert.Equal(expected, actual);
            Assert.Equal(expected.Problem is null, ContactDetails.IsValidPhoneNumber(phone, code));
        });
    }

    [Property(MaxTest = 2000)]
    public Property R11_IsValidEmail_holds_exactly_when_NormalizeEmail_accepts()
    {
        return Prop.ForAll(Email.ToArbitrary(), email =>
        {
            var outcome = Outcome(() => ContactDetails.NormalizeEmail(email));
            Assert.Equal(ReferenceEmail(email.Trim()), outcome);
            Assert.Equal(outcome.Problem is null, ContactDetails.IsValidEmail(email));
        });
    }

    /// <summary>The email rule as the reference model: trimmed, one '@' neither first nor last, no white space or control character, a dotted domain of letter, digit and hyphen labels; the domain lower-cased.</summary>
    private static (string? Value, string? Problem) ReferenceEmail(string value)
    {
        string Fail(string why) => new CustomerAgentException("R11", "profile.email", $"<redacted, {value.Length} chars>", why).Message;
        var at = value.IndexOf('@', StringComparison.Ordinal);
        var domain = at < 0 ? string.Empty : value[(at + 1)..];
        var labels = domain.Split('.');
        return value.Length == 0 ? (null, Fail("must not be blank"))
            : value.Length > ContactDetails.MaxEmailLength ? (null, Fail("must be at most 254 characters"))
            : value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) ? (null, Fail("must not contain white space or control characters"))
            : at <= 0 || value.Count(c => c == '@') != 1 || at == value.Length - 1 ? (null, Fail("is not an email address (local@domain, exactly one @)"))
            : labels.Length < 2 || labels.Any(l => l.Length == 0 || l[0] == '-' || l[^1] == '-' || !l.All(c => char.IsLetterOrDigit(c) || c == '-'))
                ? (null, Fail("has no valid domain (labels separated by dots, at least one dot, no empty label)"))
            : (value[..(at + 1)] + domain.ToLowerInvariant(), null);
    }

    [Fact]
    public void R11_long_values_are_judged_like_short_ones()
    {
        var digits = "+33 " + string.Concat(Enumerable.Repeat("1 ", 200));
        Assert.False(ContactDetails.IsValidPhoneNumber(digits));
        Assert.Equal("+33612345678", ContactDetails.NormalizePhoneNumber(new string(' ', 100) + "+33 6 12 34 56 78" + new string(' ', 100)));
        Assert.True(ContactDetails.IsValidPhoneNumber(new string(' ', 100) + "+33 (0)6 12 34 56 78" + new string(' ', 100)));
        Assert.False(ContactDetails.IsValidEmail("a@" + new string('b', 300) + ".com"));

        // Digits only, around the stack buffer's size and far past it: too many digits for E.164, never a buffer overrun.
        foreach (var length in new[] { 60, 63, 64, 65, 68, 400 })
        {
            var phone = "+" + new string('3', length);
            Assert.Equal("R11", Assert.Throws<CustomerAgentException>(() => ContactDetails.NormalizePhoneNumber(phone)).Rule);
            Assert.False(ContactDetails.IsValidPhoneNumber(phone));
            Assert.False(ContactDetails.IsValidPhoneNumber(new string('3', length), "33"));
        }
    }

    private static (string? Value, string? Problem) Outcome(Func<string> normalize)
    {
        try
        {
            return (normalize(), null);
        }
        catch (CustomerAgentException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>The rule as the reference model: drop "(0)" after a leading '+', keep digits, reject other symbols, then the prefixes (a national number by libphonenumber's country rules), lengths and assigned calling codes.</summary>
    private static (string? Value, string? Problem) Reference(string value, string? callingCode)
    {
        string Fail(string why) => new CustomerAgentException("R11", "profile.phoneNumber", $"<redacted, {value.Length} chars>", why).Message;
        if (value.Length == 0)
        {
            return (null, Fail("must not be blank"));
        }

        var international = value[0] == '+';
        var body = international ? value[1..].Replace("(0)", string.Empty, StringComparison.Ordinal) : value;
        var digits = new StringBuilder();
        foreach (var c in body)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (!" \u00A0-.()/".Contains(c, StringComparison.Ordinal))
            {
                return (null, Fail("may hold only digits, a leading '+', and the separators space . - / ( )"));
            }
        }

        var number = digits.ToString();
        if (!international && number.StartsWith("00", StringComparison.Ordinal))
        {
            international = true;
            number = number[2..];
        }

        if (!international)
        {
            if (callingCode is null)
            {
                return (null, Fail("has no country calling code: write it as +<country code><number>, or pass a default calling code"));
            }

            // a national number: the country's own rules, as Google's libphonenumber states them
            var util = PhoneNumbers.PhoneNumberUtil.GetInstance();
            try
            {
                number = util.Format(util.Parse(number, util.GetRegionCodeForCountryCode(int.Parse(callingCode))), PhoneNumbers.PhoneNumberFormat.E164)[1..];
            }
            catch (PhoneNumbers.NumberParseException)
            {
                return (null, Fail("is not a phone number of the default calling code's country as dialled there"));
            }
        }

        if (number.Length is < 8 or > 15 || number[0] == '0')
        {
            return (null, Fail("must have 8 to 15 digits including the country calling code, which does not start with 0 (E.164)"));
        }

        var assigned = PhoneNumbers.PhoneNumberUtil.GetInstance().GetSupportedCallingCodes();
        if (!Enumerable.Range(1, 3).Any(n => assigned.Contains(int.Parse(number[..n]))))
        {
            return (null, Fail("has a country calling code that is not assigned (ITU-T E.164)"));
        }

        return number[0] == '1' && number.Length != 11
            ? (null, Fail("has calling code 1 (North America) and so must have exactly 10 national digits"))
            : ("+" + number, null);
    }
}
