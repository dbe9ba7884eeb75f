namespace CustomerAgent.Conversations;

/// <summary>
/// The shopper's profile as the agent knows it: a name, an email, a phone number, an external ID, or none (anonymous).
/// </summary>
/// <remarks>
/// Immutable and thread-safe. <see cref="ToString"/> never shows the email or phone number; use <see cref="DisplayName"/>
/// where the dashboard shows a profile (R18).
/// </remarks>
public sealed class Profile : IEquatable<Profile>
{
    /// <summary>The text shown for a profile with no name, email or phone (R18).</summary>
    public const string AnonymousDisplayName = "Anonymous";

    private Profile(string? name, string? email, string? phoneNumber, string? externalId)
    {
        Name = name;
        Email = email;
        PhoneNumber = phoneNumber;
        ExternalId = externalId;
    }

    /// <summary>A profile that carries no identity at all.</summary>
    public static Profile Anonymous { get; } = new(null, null, null, null);

    /// <summary>The shopper's name, if known.</summary>
    public string? Name { get; }

    /// <summary>The shopper's email address, if known.</summary>
    public string? Email { get; }

    /// <summary>The shopper's phone number, if known.</summary>
    public string? PhoneNumber { get; }

    /// <summary>The host's own identifier for the shopper, if known.</summary>
    public string? ExternalId { get; }

    /// <summary>Whether the profile has no name, email, phone number or external ID.</summary>
    public bool IsAnonymous => Name is null && Email is null && PhoneNumber is null && ExternalId is null;

    /// <summary>What the conversations table shows (R18): the name, else the email, else the phone number, else "Anonymous".</summary>
    public string DisplayName => Name ?? Email ?? PhoneNumber ?? AnonymousDisplayName;

    /// <summary>
    /// Creates a profile. Blank values count as absent; values are trimmed.
    /// </summary>
    /// <exception cref="CustomerAgentException">The email has no <c>@</c> with text on both sides (the message does not echo it).</exception>
    public static Profile Create(string? name = null, string? email = null, string? phoneNumber = null, string? externalId = null)
    {
        name = Clean(name);
        email = Clean(email);
        phoneNumber = Clean(phoneNumber);
        externalId = Clean(externalId);
        if (email is not null)
        {
            var at = email.IndexOf('@', StringComparison.Ordinal);
            if (at <= 0 || at == email.Length - 1 || email.Contains(' ', StringComparison.Ordinal))
            {
                throw new CustomerAgentException("R18", "profile.email", "<redacted>", "is not an email address (local@domain)");
            }
        }

        return name is null && email is null && phoneNumber is null && externalId is null
            ? Anonymous
            : new Profile(name, email, phoneNumber, externalId);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <inheritdoc/>
    public bool Equals(Profile? other) =>
        other is not null
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && string.Equals(Email, other.Email, StringComparison.Ordinal)
        && string.Equals(PhoneNumber, other.PhoneNumber, StringComparison.Ordinal)
        && string.Equals(ExternalId, other.ExternalId, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Profile);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Email, PhoneNumber, ExternalId);

    /// <summary>A redacted description: which identity fields are present, never the email or phone themselves.</summary>
    public override string ToString() =>
        IsAnonymous
            ? "Profile(Anonymous)"
            : $"Profile(name: {(Name is null ? "-" : "set")}, email: {(Email is null ? "-" : "redacted")}, phone: {(PhoneNumber is null ? "-" : "redacted")}, externalId: {ExternalId ?? "-"})";
}
