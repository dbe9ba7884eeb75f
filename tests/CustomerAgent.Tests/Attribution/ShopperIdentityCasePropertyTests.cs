using CustomerAgent.Attribution;
using CustomerAgent.Conversations;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerAgent.Tests.Attribution;

/// <summary>
/// R11 on random emails whose local parts differ only by case, including letters whose case mappings are not one-to-one (dotless ı
/// and dotted İ, the Kelvin sign K, the long s ſ, ß and ẞ, the three sigmas): equality, the matching rule and attribution must agree.
/// </summary>
public sealed class ShopperIdentityCasePropertyTests
{
    private static readonly AccountId Acct = AttributionData.Acct;

    private static readonly char[] Letters = ['a', 'A', 'i', 'I', '\u0131', '\u0130', 'k', 'K', '\u212A', 's', 'S', '\u017F', '\u00DF', '\u1E9E', '\u03C3', '\u03A3', '\u03C2'];

    private static readonly Gen<string> LocalPart =
        Gen.Elements(Letters).ArrayOf().Select(cs => "x" + new string(cs));

    [Property(MaxTest = 500)]
    public Property R11_for_email_only_shoppers_equality_hash_matching_and_attribution_agree_on_every_case_variant() =>
        Prop.ForAll(
            (from a in LocalPart from b in LocalPart from variant in Gen.Elements(true, false) select (a, b: variant ? a.ToUpperInvariant() : b)).ToArbitrary(),
            pair =>
            {
                var x = ShopperIdentity.Create(Acct, email: pair.a + "@example.com");
                var y = ShopperIdentity.Create(Acct, email: pair.b + "@Example.COM");
                var credited = new WebChatAttributionCalculator().Attribute([AttributionData.OrderAt(AttributionData.H(2), shopper: x)], AttributionEvidence.Create(clicks: [AttributionData.Click(AttributionData.H(1), "chat-1", y)])).Orders.Count == 1;

                Assert.True(x.Equals(y) == x.IsSameShopperAs(y), $"'{pair.a}' and '{pair.b}': Equals {x.Equals(y)}, IsSameShopperAs {x.IsSameShopperAs(y)}");
                Assert.True(x.IsSameShopperAs(y) == credited, $"'{pair.a}' and '{pair.b}': IsSameShopperAs {x.IsSameShopperAs(y)}, credited {credited}");
                Assert.True(!x.Equals(y) || x.GetHashCode() == y.GetHashCode(), $"'{pair.a}' and '{pair.b}': equal with different hash codes");
            });

    /// <summary>
    /// The same agreement on fixed pairs (the property's shrunk counterexamples): a final sigma and a capital sigma, a dotless ı and
    /// I, the Kelvin sign and k, a long s and S; and plain ASCII, which agrees today.
    /// </summary>
    [Theory]
    [InlineData("ann", "ANN")]
    [InlineData("x\u03C2", "X\u03A3")]
    [InlineData("x\u0131", "XI")]
    [InlineData("x\u212A", "xk")]
    [InlineData("x\u017F", "XS")]
    public void R11_an_email_equal_to_another_ignoring_case_is_the_same_shopper_for_matching_and_attribution_and_vice_versa(string a, string b)
    {
        var x = ShopperIdentity.Create(Acct, email: a + "@example.com");
        var y = ShopperIdentity.Create(Acct, email: b + "@example.com");
        var credited = new WebChatAttributionCalculator().Attribute([AttributionData.OrderAt(AttributionData.H(2), shopper: x)], AttributionEvidence.Create(clicks: [AttributionData.Click(AttributionData.H(1), "chat-1", y)])).Orders.Count == 1;

        Assert.Equal((x.Equals(y), x.Equals(y)), (x.IsSameShopperAs(y), credited));
    }
}
