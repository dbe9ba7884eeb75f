using CustomerAgent.Conversations;

namespace CustomerAgent.Tests.Conversations;

public sealed class ContactDetailsTests
{
    [Fact]
    public void R11_an_email_is_trimmed_with_its_domain_lower_cased()
    {
        Assert.Equal("Ann.Lee@example.com", ContactDetails.NormalizeEmail("  Ann.Lee@EXAMPLE.Com "));
        Assert.Equal("Ann.Lee@example.com", Profile.Create(email: " Ann.Lee@Example.COM").Email);
    }

    [Theory]
    [InlineData("ann.example.com")]
    [InlineData("ann@@example.com")]
    [InlineData("ann lee@example.com")]
    [InlineData("ann@localhost")]
    [InlineData("ann@example..com")]
    [InlineData("@example.com")]
    public void R11_an_invalid_email_is_rejected_without_echoing_it(string email)
    {
        var ex = Assert.Throws<CustomerAgentException>(() => Profile.Create(email: email));

        Assert.Equal("R11", ex.Rule);
        Assert.Equal("profile.email", ex.Field);
        Assert.DoesNotContain(email.Trim(), ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("<redacted", ex.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+33 6 12 34 56 78", null, "+33612345678")]
    [InlineData("0033 6 12 34 56 78", null, "+33612345678")]
    [InlineData("+44 (0) 20 7946 0958", null, "+442079460958")]
    [InlineData("(555) 123-4567", "1", "+15551234567")]
    [InlineData("1-555-123-4567", "+1", "+15551234567")]
    [InlineData("06.12.34.56.78", "33", "+33612345678")]
    [InlineData("+15551234567", null, "+15551234567")]
    public void R11_phone_numbers_are_normalized_to_e164(string input, string? callingCode, string expected)
    {
        Assert.Equal(expected, ContactDetails.NormalizePhoneNumber(input, callingCode));
        Assert.Equal(expected, Profile.Create(phoneNumber: input, defaultCallingCode: callingCode).PhoneNumber);
    }

    [Theory]
    [InlineData("(555) 123-4567", null, "has no country calling code")]
    [InlineData("+1 555 123 456", null, "exactly 10 national digits")]
    [InlineData("+33 6 12 34 56 78 ext 9", null, "may hold only digits")]
    [InlineData("+12", null, "8 to 15 digits")]
    public void R11_an_ambiguous_or_malformed_phone_number_is_rejected_clearly_without_echoing_it(string input, string? callingCode, string why)
    {
        var ex = Assert.Throws<CustomerAgentException>(() => Profile.Create(phoneNumber: input, defaultCallingCode: callingCode));

        Assert.Equal("R11", ex.Rule);
        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(input, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R11_a_malformed_default_calling_code_is_rejected()
    {
        Assert.Equal("defaultCallingCode", Assert.Throws<CustomerAgentException>(() => ContactDetails.NormalizePhoneNumber("0612345678", "0033")).Field);
    }

    [Fact]
    public void R11_profile_to_string_shows_only_redacted_email_and_phone()
    {
        var text = Profile.Create("Ann", "ann.lee@example.com", "+33 6 12 34 56 78").ToString();

        Assert.DoesNotContain("ann.lee", text, StringComparison.Ordinal);
        Assert.DoesNotContain("612345678", text, StringComparison.Ordinal);
        Assert.Contains("a***@***.com", text, StringComparison.Ordinal);
        Assert.Contains("+*********78", text, StringComparison.Ordinal);
    }
}
