using CustomerAgent.Events;
using CustomerAgent.Segments;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerAgent.Tests.Segments;

/// <summary>
/// R21: members are listed by email, phone number, external ID, anonymous ID (ordinal, a missing identifier last). The listing
/// order is computed on packed keys; these tests hold it to a plain sort of the identifiers, on identifiers built to defeat the
/// keys: long shared prefixes, characters around U+00FF, NUL, the library's own anonymous IDs and IDs just beside their prefix.
/// </summary>
public sealed class ListingOrderTests
{
    private static readonly Gen<string> Piece = Gen.Elements("", "a", "b", "\0", "\u00FE", "\u00FF", "\u0100", "\uFFFF", "0", "9", "z", ":", "-");

    private static readonly Gen<string> Prefix = Gen.Elements(
        "",
        "shopper",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        MetricProfile.ConversationAnonymousIdPrefix,
        MetricProfile.ConversationAnonymousIdPrefix + "acme:conv-000000000000000",
        MetricProfile.ConversationAnonymousIdPrefix[..^1],
        MetricProfile.ConversationAnonymousIdPrefix[..^1] + ";",
        MetricProfile.ConversationAnonymousIdPrefix[..^1] + "9",
        "customer-agent-conversation");

    private static readonly Gen<string?> Value =
        Gen.Frequency(
            (1, Gen.Constant<string?>(null)),
            (4, from prefix in Prefix from n in Gen.Choose(0, 4) from pieces in Piece.ArrayOf(n) select (string?)(prefix + string.Concat(pieces))));

    private static readonly Gen<MetricProfile> Profile =
        from email in Value
        from phone in Value
        from external in Value
        from anonymous in Value
        select MetricProfile.OfNormalized(email, phone, external, anonymous);

    /// <summary>The order written the plain way: each kind in turn, a missing one last, ordinal; then the position.</summary>
    private static int[] Reference(MetricProfile[] profiles)
    {
        static int Compare(string? x, string? y) => (x, y) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            _ => string.CompareOrdinal(x, y),
        };

        return [.. Enumerable.Range(0, profiles.Length).Order(Comparer<int>.Create((a, b) =>
        {
            var (x, y) = (profiles[a], profiles[b]);
            var c = Compare(x.Email, y.Email);
            c = c != 0 ? c : Compare(x.PhoneNumber, y.PhoneNumber);
            c = c != 0 ? c : Compare(x.ExternalId, y.ExternalId);
            c = c != 0 ? c : Compare(x.AnonymousId, y.AnonymousId);
            return c != 0 ? c : a.CompareTo(b);
        }))];
    }

    private static int[] Listing(MetricProfile[] profiles) =>
        ProfileActivity.ListingOrderOf([.. profiles.Select(p => new ActivityProfile(p, [], 0, 0))]);

    [Property(MaxTest = 500)]
    public Property R21_the_listing_order_is_the_identifiers_order()
    {
        var gen = from n in Gen.Choose(0, 60) from profiles in Profile.ArrayOf(n) select profiles;
        return Prop.ForAll(gen.ToArbitrary(), profiles => Assert.Equal(Reference(profiles), Listing(profiles)));
    }

    /// <summary>
    /// The key as its definition states it, written independently: the kind of the first identifier (email 0, phone 1, external
    /// ID 2, anonymous ID 3, none 4); for an anonymous ID, 1 when it is one of the library's (then keyed after the prefix), else
    /// 0 or 2 as it sorts before or after the prefix; then 22 characters, one byte each: 0 past the end, and from the first
    /// character of U+00FF or more on, 0xFF to the key's end.
    /// </summary>
    private static byte[] DefinedKey(MetricProfile p)
    {
        const string Ours = MetricProfile.ConversationAnonymousIdPrefix;
        var (kind, text) = p.Email is not null ? (0, p.Email) : p.PhoneNumber is not null ? (1, p.PhoneNumber) : p.ExternalId is not null ? (2, p.ExternalId) : p.AnonymousId is not null ? (3, p.AnonymousId) : (4, "");
        var block = 0;
        if (kind == 3)
        {
            block = text.StartsWith(Ours, StringComparison.Ordinal) ? 1 : string.CompareOrdinal(text, Ours) < 0 ? 0 : 2;
            text = block == 1 ? text[Ours.Length..] : text;
        }

        var key = new byte[24];
        key[0] = (byte)kind;
        key[1] = (byte)block;
        for (var i = 0; i < 22 && i < text.Length; i++)
        {
            if (text[i] >= 0xFF)
            {
                key.AsSpan(i + 2).Fill(0xFF);
                break;
            }

            key[i + 2] = (byte)text[i];
        }

        return key;
    }

    private static byte[] ActualKey(MetricProfile p)
    {
        var (high, mid, low) = ProfileActivity.ListingKeyOf(p);
        var key = new byte[24];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(key, high);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(8), mid);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(16), low);
        return key;
    }

    [Property(MaxTest = 1000)]
    public Property R21_a_profiles_listing_key_is_exactly_its_definition_and_never_contradicts_the_order()
    {
        var gen = from x in Profile from y in Profile select (x, y);
        return Prop.ForAll(gen.ToArbitrary(), pair =>
        {
            var (x, y) = pair;
            Assert.Equal(DefinedKey(x), ActualKey(x));
            var byKey = ((ReadOnlySpan<byte>)ActualKey(x)).SequenceCompareTo(ActualKey(y));
            if (byKey != 0)
            {
                // a smaller key is a smaller profile (equal keys say nothing)
                Assert.Equal(byKey < 0, Reference([x, y]) is [0, 1]);
            }
        });
    }

    [Fact]
    public void R21_the_listing_order_of_many_profiles_sorted_on_two_cores_is_the_identifiers_order()
    {
        // more than the 100,000 profiles from which the halves are sorted apart and merged
        var random = new Random(20261203);
        var pool = Profile.Sample(5_000);
        var profiles = Enumerable.Range(0, 120_000).Select(_ => pool[random.Next(pool.Length)]).ToArray();
        Assert.Equal(Reference(profiles), Listing(profiles));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void R21_the_two_cores_merge_keeps_every_profile_when_one_half_holds_all_the_largest(bool firstHalfLargest)
    {
        // the halves are sorted apart and merged: when every profile of one half sorts after every profile of the other, the
        // merge must still write out the half left over (a pool shared by both halves never leaves one over)
        var profiles = Enumerable.Range(0, 120_000)
            .Select(i => MetricProfile.Create($"{((i < 60_000) == firstHalfLargest ? 'z' : 'a')}{(i * 7919) % 120_000:D6}@example.com", null, null, null))
            .ToArray();
        Assert.Equal(Reference(profiles), Listing(profiles));
    }
}
