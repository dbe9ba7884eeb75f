using CustomerAgent.Conversations;

namespace CustomerAgent.Attribution;

/// <summary>
/// Who an order, a touch or a click belongs to: a merchant account and the shopper's identifiers within it, normalized
/// exactly as the events normalize them (R11): the email (trimmed, domain lower-cased), the phone number in E.164 and the
/// host's external ID. At least one identifier is required.
/// </summary>
/// <remarks>
/// <para>Two records are the same shopper when they are in the same account and share at least one identifier of the
/// same kind (same email, or same phone number, or same external ID). Identifiers are never compared across accounts:
/// one account's clicks never earn another account's orders.</para>
/// <para>Immutable and thread-safe. <see cref="ToString"/> never shows the email or phone number, only redacted forms.</para>
/// </remarks>
public sealed class ShopperIdentity : IEquatable<ShopperIdentity>
{
    private ShopperIdentity(AccountId accountId, string? email, string? phoneNumber, string? externalId)
    {
        AccountId = accountId;
        Email = email;
        PhoneNumber = phoneNumber;
        ExternalId = externalId;
        MatchingEmail = email is null ? null : MatchingEmailOf(email);
        var prefix = accountId.Value.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + accountId.Value;
        var keys = new List<IdentifierKey>(3);
        if (externalId is not null)
        {
            keys.Add(new IdentifierKey(prefix + "|x|" + externalId));
        }

        if (email is not null)
        {
            // R11: an email matches case-insensitively (as profiles compare them): Ann@Example.com and ann@example.com are one shopper.
            keys.Add(new IdentifierKey(prefix + "|e|" + MatchingEmail));
        }

        if (phoneNumber is not null)
        {
            keys.Add(new IdentifierKey(prefix + "|p|" + phoneNumber));
        }

        Keys = [.. keys];
    }

    /// <summary>The merchant account.</summary>
    public AccountId AccountId { get; }

    /// <summary>The normalized email address, or null.</summary>
    public string? Email { get; }

    /// <summary>The phone number in E.164, or null.</summary>
    public string? PhoneNumber { get; }

    /// <summary>The host's identifier for the shopper, or null.</summary>
    public string? ExternalId { get; }

    /// <summary>The email as it matches (lower-cased, invariant culture): the one form that equality, hashing and the matching keys use (R11).</summary>
    private string? MatchingEmail { get; }

    /// <summary>R11: the form in which an email matches another (lower-cased, invariant culture): Ann@Example.com and ann@example.com are one shopper.</summary>
    internal static string MatchingEmailOf(string email) => email.ToLowerInvariant();

    /// <summary>One matching key per identifier, account included (what the calculators group by).</summary>
    internal IdentifierKey[] Keys { get; }

    /// <summary>Creates an identity. Blank identifiers count as absent.</summary>
    /// <param name="accountId">The merchant account.</param>
    /// <param name="email">The email address, normalized by <see cref="ContactDetails.NormalizeEmail"/>.</param>
    /// <param name="phoneNumber">The phone number, normalized to E.164 by <see cref="ContactDetails.NormalizePhoneNumber"/>.</param>
    /// <param name="externalId">The host's identifier for the shopper (trimmed).</param>
    /// <param name="defaultCallingCode">The calling code for a national phone number; null to require an international one.</param>
    /// <exception cref="CustomerAgentException">The account is <c>default</c> (ID); no identifier is given, or the email or phone number is invalid (R11).</exception>
    public static ShopperIdentity Create(AccountId accountId, string? email = null, string? phoneNumber = null, string? externalId = null, string? defaultCallingCode = null)
    {
        AccountId.CheckSet(accountId);

        (email, phoneNumber, externalId) = Profile.NormalizeIdentifiers(email, phoneNumber, externalId, defaultCallingCode);
        if (email is null && phoneNumber is null && externalId is null)
        {
            throw new CustomerAgentException("R11", "shopper", null, "must hold at least one identifier (email, phone number or external ID)");
        }

        return new ShopperIdentity(accountId, email, phoneNumber, externalId);
    }

    /// <summary>
    /// The identity of a conversation's shopper (its header's account and profile), or <see langword="null"/> when the
    /// profile has no email, phone number or external ID (an anonymous shopper cannot be matched to an order).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="header"/> is null.</exception>
    public static ShopperIdentity? FromConversation(ConversationHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return FromProfile(header.AccountId, header.Profile);
    }

    /// <summary>
    /// The identity of the shopper of <paramref name="profile"/> in <paramref name="accountId"/>, or <see langword="null"/> when the
    /// profile has no email, phone number or external ID (an anonymous shopper cannot be matched to an order). The profile's
    /// contact details are already normalized (R11).
    /// </summary>
    /// <param name="accountId">The account.</param>
    /// <param name="profile">A conversation's profile.</param>
    /// <returns>The identity, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> is null.</exception>
    /// <exception cref="CustomerAgentException">The account is <c>default</c> (ID).</exception>
    public static ShopperIdentity? FromProfile(AccountId accountId, Profile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        AccountId.CheckSet(accountId);
        return profile.Email is null && profile.PhoneNumber is null && profile.ExternalId is null
            ? null
            : new ShopperIdentity(accountId, profile.Email, profile.PhoneNumber, profile.ExternalId);
    }

    /// <summary>Whether both are in the same account and share an identifier of the same kind (the matching rule; emails compare case-insensitively).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public bool IsSameShopperAs(ShopperIdentity other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var key in Keys)
        {
            foreach (var otherKey in other.Keys)
            {
                if (IdentifierKey.Comparer.Equals(key, otherKey))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <inheritdoc/>
    public bool Equals(ShopperIdentity? other) =>
        other is not null
        && AccountId == other.AccountId
        && string.Equals(MatchingEmail, other.MatchingEmail, StringComparison.Ordinal)
        && string.Equals(PhoneNumber, other.PhoneNumber, StringComparison.Ordinal)
        && string.Equals(ExternalId, other.ExternalId, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ShopperIdentity);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(AccountId, MatchingEmail, PhoneNumber, ExternalId);

    /// <summary>The account and the identifiers, email and phone redacted.</summary>
    public override string ToString() =>
        $"Shopper(account: {AccountId}, email: {(Email is null ? "-" : ContactDetails.RedactEmail(Email))}, phone: {(PhoneNumber is null ? "-" : ContactDetails.RedactPhoneNumber(PhoneNumber))}, externalId: {ExternalId ?? "-"})";
}
