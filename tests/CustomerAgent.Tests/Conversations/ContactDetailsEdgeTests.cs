using CustomerAgent.Conversations;

namespace CustomerAgent.Tests.Conversations;

/// <summary>Boundaries of the R11 normalization the first Stryker run showed untested.</summary>
public sealed class ContactDetailsEdgeTests
{
    [Theory]
    [InlineData("", "must not be blank")]
    [InlineData("a b@example.com", "must not contain white space or control characters")]
    [InlineData("a\u0001b@example.com", "must not contain white space or control characters")]
    [InlineData("@example.com", "is not an email address")]
    [InlineData("a@b@example.com", "is not an email address")]
    [InlineData("ann@", "is not an email address")]
    [InlineData("ann@example", "has no valid domain")]
    [InlineData("ann@.example.com", "has no valid domain")]
    [InlineData("ann@exa_mple.com", "has no valid domain")]
    public void R11_each_invalid_email_gets_its_own_reason_without_echoing_it(string email, string reason)
    {
        var ex = Assert.Throws<CustomerAgentException>(() => ContactDetails.NormalizeEmail(email));

        Assert.Equal("R11", ex.Rule);
        Assert.Equal("profile.email", ex.Field);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        if (email.Length > 3)
        {
            Assert.DoesNotContain(email, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void R11_an_email_of_exactly_the_maximum_length_is_accepted_and_one_more_is_not()
    {
        var local = new string('a', 64);
        var domain = string.Join('.', Enumerable.Repeat(new string('b', 61), 3)) + ".com";
        var email = (local + "@" + domain)[..ContactDetails.MaxEmailLength];
        email = email.TrimEnd('.');
        var exact = local + "@" + new string('c', ContactDetails.MaxEmailLength - local.Length - 1 - 4) + ".com";

        Assert.Equal(ContactDetails.MaxEmailLength, exact.Length);
        Assert.Equal(exact, ContactDetails.NormalizeEmail(exact));
        var tooLong = "x" + exact;
        Assert.Contains($"at most {ContactDetails.MaxEmailLength} characters", Assert.Throws<CustomerAgentException>(() => ContactDetails.NormalizeEmail(tooLong)).Message, StringComparison.Ordinal);
        Assert.NotEmpty(email);
    }

    [Theory]
    [InlineData("1", "(555) 123-4567", "+15551234567")]
    [InlineData("+1", "1 555 123 4567", "+15551234567")]
    [InlineData("33", "06 12 34 56 78", "+33612345678")]
    [InlineData("44", "20 7946 0958", "+442079460958")]
    [InlineData("39", "06 6982 0000", "+390669820000")]
    public void R11_national_numbers_take_the_default_calling_code(string code, string national, string e164)
    {
        Assert.Equal(e164, ContactDetails.NormalizePhoneNumber(national, code));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("1234")]
    [InlineData("+")]
    [InlineData("a1")]
    [InlineData("12a")]
    public void R11_a_malformed_default_calling_code_is_rejected_naming_it(string code)
    {
        var ex = Assert.Throws<CustomerAgentException>(() => ContactDetails.NormalizePhoneNumber("06 12 34 56 78", code));
        Assert.Equal("defaultCallingCode", ex.Field);
    }

    [Theory]
    [InlineData("+3334567", false)]
    [InlineData("+33345678", true)]
    [InlineData("+333456789012345", true)]
    [InlineData("+3334567890123456", false)]
    [InlineData("+0234567890", false)]
    public void R11_an_e164_number_has_8_to_15_digits_and_no_leading_zero(string number, bool valid)
    {
        if (valid)
        {
            Assert.Equal(number, ContactDetails.NormalizePhoneNumber(number));
        }
        else
        {
            Assert.Contains("8 to 15 digits", Assert.Throws<CustomerAgentException>(() => ContactDetails.NormalizePhoneNumber(number)).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void R11_redaction_keeps_only_what_identifies_nobody()
    {
        Assert.Equal("a***@***.com", ContactDetails.RedactEmail("ann@example.com"));
        Assert.Equal("a***@***.fr", ContactDetails.RedactEmail("a@b.c.fr"));
        Assert.Equal("+*********78", ContactDetails.RedactPhoneNumber("+33612345678"));
        Assert.Equal("+**34", ContactDetails.RedactPhoneNumber("+1234"));
        foreach (var invalid in new[] { "@example.com", "nodot@", "a.b@c", "x" })
        {
            Assert.DoesNotContain("@", ContactDetails.RedactEmail(invalid).Replace("***@***", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("123", ContactDetails.RedactPhoneNumber("123"), StringComparison.Ordinal);
        Assert.DoesNotContain("4567", ContactDetails.RedactPhoneNumber("1234567"), StringComparison.Ordinal);

        // The boundaries: no '@' or a dot only before it, the shortest redactable phone, no '+'.
        Assert.Equal("<redacted, 3 chars>", ContactDetails.RedactEmail("a.b"));
        Assert.Equal("<redacted, 9 chars>", ContactDetails.RedactEmail("a.b@c-com"));
        Assert.Equal("a***@***.c", ContactDetails.RedactEmail("a@b.c"));
        Assert.Equal("<redacted, 3 chars>", ContactDetails.RedactPhoneNumber("+12"));
        Assert.Equal("+*34", ContactDetails.RedactPhoneNumber("+134"));
        Assert.Equal("<redacted, 5 chars>", ContactDetails.RedactPhoneNumber("12345"));
    }
}
