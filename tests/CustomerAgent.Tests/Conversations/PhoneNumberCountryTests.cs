using CustomerAgent.Conversations;

namespace CustomerAgent.Tests.Conversations;

/// <summary>Issue 16, phone numbers (R11): national numbers to E.164 by their country's own rules; unassigned calling codes rejected.</summary>
public sealed class PhoneNumberCountryTests
{
    [Theory]
    [InlineData("06 6982 0000", "39", "+390669820000")] // Rome: Italian numbers keep their 0
    [InlineData("333 123 4567", "+39", "+393331234567")] // an Italian mobile
    [InlineData("06 12 34 56 78", "33", "+33612345678")]
    [InlineData("020 7946 0958", "44", "+442079460958")]
    [InlineData("030 123456", "49", "+4930123456")]
    [InlineData("8 495 123-45-67", "7", "+74951234567")] // Russia's trunk prefix is 8
    [InlineData("06 1 234 5678", "36", "+3612345678")] // Hungary's is 06
    [InlineData("1 (212) 555-0123", "1", "+12125550123")]
    [InlineData("(212) 555-0123", "1", "+12125550123")]
    [InlineData("1234 5678", "800", "+80012345678")] // a non-geographic code: its digits follow the code
    public void R11_a_national_number_becomes_e164_by_its_countrys_rules(string national, string code, string e164)
    {
        Assert.Equal(e164, ContactDetails.NormalizePhoneNumber(national, code));
        Assert.True(ContactDetails.IsValidPhoneNumber(national, code));
        Assert.Equal(e164, Profile.Create(phoneNumber: national, defaultCallingCode: code).PhoneNumber);
    }

    [Theory]
    [InlineData("+99912345678")]
    [InlineData("0099912345678")]
    [InlineData("+28 1234 5678")]
    [InlineData("+80 1234 5678")]
    public void R11_a_number_with_an_unassigned_calling_code_is_rejected(string phone)
    {
        var ex = Assert.Throws<CustomerAgentException>(() => ContactDetails.NormalizePhoneNumber(phone));

        Assert.Equal("R11", ex.Rule);
        Assert.Contains("country calling code that is not assigned", ex.Message, StringComparison.Ordinal);
        Assert.False(ContactDetails.IsValidPhoneNumber(phone));
    }

    [Fact]
    public void R11_an_unassigned_default_calling_code_is_rejected_naming_it()
    {
        var ex = Assert.Throws<CustomerAgentException>(() => ContactDetails.NormalizePhoneNumber("1234567", "999"));

        Assert.Equal("defaultCallingCode", ex.Field);
        Assert.Contains("not an assigned country calling code", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R11_a_national_number_that_is_not_one_of_its_country_is_rejected()
    {
        var ex = Assert.Throws<CustomerAgentException>(() => ContactDetails.NormalizePhoneNumber("0", "33"));

        Assert.Contains("is not a phone number of the default calling code's country", ex.Message, StringComparison.Ordinal);
        Assert.False(ContactDetails.IsValidPhoneNumber("0", "33"));
    }

    [Fact]
    public void R11_the_table_of_assigned_calling_codes_is_libphonenumbers() =>
        Assert.Equal(PhoneNumbers.PhoneNumberUtil.GetInstance().GetSupportedCallingCodes().Order(), ContactDetails.AssignedCallingCodes);
}
