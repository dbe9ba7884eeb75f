using CustomerAgent.Conversations;

namespace CustomerAgent.Tests.Conversations;

/// <summary>
/// R11's normalization returns an address or number already in its normal form as the same instance (no copy for the usual
/// stored value) and lowercases exactly the domain otherwise: the first and last capital letters, a non-ASCII capital, and a
/// capital in the local part (kept as it is).
/// </summary>
public sealed class ContactDetailsInstanceTests
{
    [Theory]
    [InlineData("ann@example.com")]
    [InlineData("aN@example.com")]
    [InlineData("ANN@ex.am.ple")]
    [InlineData("z@zeta.com")]
    public void R11_an_email_whose_domain_is_already_lowercase_is_returned_as_the_same_instance(string email)
    {
        Assert.Same(email, ContactDetails.NormalizeEmail(email));
    }

    [Theory]
    [InlineData("ann@exAmple.com", "ann@example.com")]
    [InlineData("ann@Zeta.com", "ann@zeta.com")]
    [InlineData("aN@examplE.COM", "aN@example.com")]
    [InlineData("ann@exÄmple.com", "ann@exämple.com")]
    [InlineData(" ann@example.com ", "ann@example.com")]
    public void R11_an_email_is_returned_with_its_domain_lowercased(string email, string normalized)
    {
        Assert.Equal(normalized, ContactDetails.NormalizeEmail(email));
    }

    [Fact]
    public void R11_a_phone_number_already_in_E164_is_returned_as_the_same_instance()
    {
        var phone = "+33612345678";

        Assert.Same(phone, ContactDetails.NormalizePhoneNumber(phone));
        Assert.Equal(phone, ContactDetails.NormalizePhoneNumber(" +33 6 12 34 56 78 "));
    }
}
