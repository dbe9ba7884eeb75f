namespace CustomerAgent.Conversations;

/// <summary>
/// The shopper's profile as the agent knows it: a name, an email, a phone number, an external ID, an anonymous (web
/// tracking) ID, or none (anonymous). Every metric event names it (R11).
/// </summary>
/// <remarks>
/// Immutable and thread-safe. The email is trimmed with its domain lower-cased and the phone number is in E.164
/// (see <see cref="ContactDetails"/>). <see cref="ToString"/> never shows the email or phone number, only redacted forms;
/// use <see cref="DisplayName"/> where the dashboard shows a profile (R18).
/// </remarks>
public sealed class Profile : IEquatable<Profile>
{
    /// <summary>The text shown for a profile with no name, email or phone (R18).</summary>
    public const string AnonymousDisplayName = "Anonymous";

    private Profile(string? name, string? email, string? phoneNumber, string? externalId, string? anonymousId)
    {
        Name = name;
        Email = email;
        PhoneNumber = phoneNumber;
        ExternalId = externalId;
        AnonymousId = anonymousId;
    }

    /// <summary>A profile that carries no identity at all.</summary>
    public static Profile Anonymous { get; } = new(null, null, null, null, null);

    /// <summary>The shopper's name, if known.</summary>
    public string? Name { get; }

    /// <summary>The shopper's email address, normalized (trimmed, domain lower-cased), if known.</summary>
    public string? Email { get; }

    /// <summary>The shopper's phone number in E.164 (for example <c>+33612345678</c>), if known.</summary>
    public string? PhoneNumber { get; }

    /// <summary>The host's own identifier for the shopper, if known.</summary>
    public string? ExternalId { get; }

    /// <summary>An anonymous web-tracking identifier (the vendor's <c>anonymous_id</c>), if known. It does not make the profile known: <see cref="IsAnonymous"/> ignores it.</summary>
    public string? AnonymousId { get; }

    /// <summary>
    /// Whether the profile has no name, email or phone number, which is exactly when <see cref="DisplayName"/> is "Anonymous"
    /// (R18). The external and anonymous IDs identify the shopper to the events API (R11) but are never shown, so they do not
    /// make the profile known.
    /// </summary>
    public bool IsAnonymous => Name is null && Email is null && PhoneNumber is null;

    /// <summary>What the conversations table shows (R18): the name, else the email, else the phone number, else "Anonymous".</summary>
    public string DisplayName => Name ?? Email ?? PhoneNumber ?? AnonymousDisplayName;

    /// <summary>
    /// Creates a profile. Blank values count as absent; values are trimmed; the email and phone number are validated and
    /// normalized by <see cref="ContactDetails.NormalizeEmail"/> and <see cref="ContactDetails.NormalizePhoneNumber"/>.
    /// </summary>
    /// <param name="name">The shopper's name.</param>
    /// <param name="email">The email address.</param>
    /// <param name="phoneNumber">The phone number, international (<c>+33 6 12 34 56 78</c>) or national with <paramref name="defaultCallingCode"/>.</param>
    /// <param name="externalId">The host's identifier for the shopper.</param>
    /// <param name="anonymousId">An anonymous web-tracking identifier.</param>
    /// <param name="defaultCallingCode">The country calling code for a national phone number (<c>"1"</c> for <c>(555) 123-4567</c>); null to require an international number.</param>
    /// <exception cref="CustomerAgentException">The email or phone number is invalid, or the calling code is malformed (R11). The message never echoes the email or phone number.</exception>
    public static Profile Create(string? name = null, string? email = null, string? phoneNumber = null, string? externalId = null, string? anonymousId = null, string? defaultCallingCode = null)
    {
        name = Preconditions.TrimToNull(name);
        (email, phoneNumber, externalId) = NormalizeIdentifiers(email, phoneNumber, externalId, defaultCallingCode);
        anonymousId = Preconditions.TrimToNull(anonymousId);
        return name is null && email is null && phoneNumber is null && externalId is null && anonymousId is null
            ? Anonymous
            : new Profile(name, email, phoneNumber, externalId, anonymousId);
    }

    /// <summary>
    /// The email, phone number and external ID as <see cref="Create"/> keeps them (R11): blank as absent, trimmed, the email and
    /// phone number validated and normalized: the one normalization of a shopper's identifiers, also for <see cref="Events.MetricProfile"/>,
    /// <see cref="Attribution.ShopperIdentity"/> and readers that need only the identifiers.
    /// </summary>
    /// <exception cref="CustomerAgentException">As <see cref="Create"/>.</exception>
    internal static (string? Email, string? PhoneNumber, string? ExternalId) NormalizeIdentifiers(string? email, string? phoneNumber, string? externalId, string? defaultCallingCode = null) =>
        (Preconditions.TrimToNull(email) is { } e ? ContactDetails.NormalizeEmail(e) : null,
            Preconditions.TrimToNull(phoneNumber) is { } p ? ContactDetails.NormalizePhoneNumber(p, defaultCallingCode) : null,
            Preconditions.TrimToNull(externalId));

    /// <inheritdoc/>
    public bool Equals(Profile? other) =>
        other is not null
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && string.Equals(Email, other.Email, StringComparison.Ordinal)
        && string.Equals(PhoneNumber, other.PhoneNumber, StringComparison.Ordinal)
        && string.Equals(ExternalId, other.ExternalId, StringComparison.Ordinal)
        && string.Equals(AnonymousId, other.AnonymousId, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Profile);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Email, PhoneNumber, ExternalId, AnonymousId);

    /// <summary>A redacted description: the name only as "set", the email and phone only in redacted form (<see cref="ContactDetails.RedactEmail"/>, <see cref="ContactDetails.RedactPhoneNumber"/>).</summary>
    public override string ToString() =>
        IsAnonymous && ExternalId is null && AnonymousId is null
            ? "Profile(Anonymous)"
            : $"Profile(name: {(Name is null ? "-" : "set")}, email: {(Email is null ? "-" : ContactDetails.RedactEmail(Email))}, phone: {(PhoneNumber is null ? "-" : ContactDetails.RedactPhoneNumber(PhoneNumber))}, externalId: {ExternalId ?? "-"}, anonymousId: {AnonymousId ?? "-"})";
}
