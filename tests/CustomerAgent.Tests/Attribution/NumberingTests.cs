using CustomerAgent.Attribution;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace CustomerAgent.Tests.Attribution;

/// <summary>
/// The attribution engine's numbering of shoppers and identifier keys (R16, R17 group records by them): against a dictionary
/// written here, with hashes that collide on purpose so probing, wrap-around and growth are all reached.
/// </summary>
public sealed class NumberingTests
{
    [Property(MaxTest = 300)]
    public Property R17_keys_are_numbered_in_order_of_first_arrival_whatever_their_hashes_collide()
    {
        var keys = Gen.Choose(0, 60).Select(n => $"k{n}").ListOf();
        var expected = Gen.Choose(0, 40);
        return Prop.ForAll(keys.ToArbitrary(), expected.ToArbitrary(), (list, size) =>
        {
            var oracle = new Dictionary<string, int>(StringComparer.Ordinal);
            using var numbering = new Numbering<string, Colliding>(size);
            foreach (var key in list)
            {
                // A fresh copy of the text: equal keys are found by equality, not by reference.
                var number = numbering.GetOrAdd(new string(key.AsSpan()));
                if (!oracle.TryGetValue(key, out var known))
                {
                    oracle.Add(key, known = oracle.Count);
                }

                Assert.Equal(known, number);
            }

            Assert.Equal(oracle.Count, numbering.Count);
            Assert.Equal(oracle.OrderBy(p => p.Value).Select(p => p.Key), numbering.Keys.ToArray());
            for (var n = 0; n <= 60; n++)
            {
                Assert.Equal(oracle.TryGetValue($"k{n}", out var number) ? number : -1, numbering.IndexOf($"k{n}"));
            }
        });
    }

    [Fact]
    public void R17_shoppers_are_numbered_by_reference_and_identifier_keys_by_text()
    {
        var account = CustomerAgent.Conversations.AccountId.From("acme");
        var (ann, annAgain) = (ShopperIdentity.Create(account, email: "ann@example.com"), ShopperIdentity.Create(account, email: "ann@example.com"));
        using var shoppers = new Numbering<ShopperIdentity, ByReference>(1);
        Assert.Equal((0, 1, 0), (shoppers.GetOrAdd(ann), shoppers.GetOrAdd(annAgain), shoppers.GetOrAdd(ann)));

        using var keys = new Numbering<IdentifierKey, ByText>(1);
        Assert.Equal(0, keys.GetOrAdd(ann.Keys[0]));
        Assert.Equal(0, keys.GetOrAdd(annAgain.Keys[0]));
        Assert.Equal(0, keys.IndexOf(new IdentifierKey(ann.Keys[0].Text)));
        Assert.Equal(-1, keys.IndexOf(new IdentifierKey(ann.Keys[0].Text + "x")));
    }

    /// <summary>Four hash values for sixty keys: long probe chains that wrap around the table.</summary>
    private readonly struct Colliding : IKeyEquality<string>
    {
        public int Hash(string key) => key.Length % 2 == 0 ? int.MaxValue : key.Length;

        public bool Same(string a, string b) => string.Equals(a, b, StringComparison.Ordinal);
    }
}
