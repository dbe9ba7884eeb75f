using CustomerAgent.Conversations;

namespace CustomerAgent.Events;

/// <summary>
/// The identifiers of the profile an event is about (R11), as the vendor's Events API takes them: email, phone number
/// (E.164), external ID and anonymous ID. The shopper's name is not sent.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. It always holds at least one identifier: a fully anonymous shopper gets the anonymous ID
/// <c>customer-agent-conversation:{account}:{conversation}</c> (<see cref="For"/>; <c>%</c> and <c>:</c> escaped in each part),
/// so the vendor accepts the events, every event of the conversation lands on the same profile, and two accounts' conversations
/// with the same ID never share one. <see cref="ToString"/> shows the email and phone only in redacted form.
/// </remarks>
public sealed class MetricProfile : IEquatable<MetricProfile>
{
    /// <summary>The prefix of the anonymous ID given to a shopper with no identifier at all.</summary>
    public const string ConversationAnonymousIdPrefix = "customer-agent-conversation:";

    private MetricProfile(string? email, string? phoneNumber, string? externalId, string? anonymousId)
    {
        Email = email;
        PhoneNumber = phoneNumber;
        ExternalId = externalId;
        AnonymousId = anonymousId;
    }

    /// <summary>The normalized email address, or null.</summary>
    public string? Email { get; }

    /// <summary>The phone number in E.164, or null.</summary>
    public string? PhoneNumber { get; }

    /// <summary>The host's identifier for the shopper, or null.</summary>
    public string? ExternalId { get; }

    /// <summary>The anonymous ID, or null.</summary>
    public string? AnonymousId { get; }

    /// <summary>The identifiers of <paramref name="profile"/>; when it has none, the anonymous ID derived from the account and the conversation.</summary>
    /// <param name="profile">The shopper's profile.</param>
    /// <param name="accountId">The account the conversation belongs to.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <returns>The event profile.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> is null.</exception>
    /// <exception cref="CustomerAgentException">The account or conversation ID is <c>default</c>.</exception>
    public static MetricProfile For(Profile profile, AccountId accountId, ConversationId conversationId)
    {
        ArgumentNullException.ThrowIfNull(profile);
        AccountId.CheckSet(accountId);

        if (conversationId.IsDefault)
        {
            throw new CustomerAgentException("ID", "conversationId", null, "must be set (default(ConversationId) names no conversation)");
        }

        return Of(profile, accountId, conversationId);
    }

    /// <summary>Whether <see cref="For"/> needs the conversation for a profile with these identifiers: it has none (R11).</summary>
    internal static bool NeedsConversation(string? email, string? phoneNumber, string? externalId, string? anonymousId) =>
        email is null && phoneNumber is null && externalId is null && anonymousId is null;

    /// <summary><see cref="For"/> on checked arguments; <paramref name="conversationId"/> is read only when <see cref="NeedsConversation"/>.</summary>
    internal static MetricProfile Of(Profile profile, AccountId accountId, ConversationId conversationId) =>
        Of(profile.Email, profile.PhoneNumber, profile.ExternalId, profile.AnonymousId, accountId, conversationId);

    /// <summary>
    /// <see cref="For"/> on a profile's identifiers as <see cref="Profile.Create"/> keeps them (<see cref="Profile.NormalizeIdentifiers"/>),
    /// without the profile itself; <paramref name="conversationId"/> is read only when <see cref="NeedsConversation"/>.
    /// </summary>
    internal static MetricProfile Of(string? email, string? phoneNumber, string? externalId, string? anonymousId, AccountId accountId, ConversationId conversationId) =>
        new(
            email,
            phoneNumber,
            externalId,
            NeedsConversation(email, phoneNumber, externalId, anonymousId) ? EventIds.AnonymousId(accountId, conversationId) : anonymousId);

    /// <summary>Creates a profile from identifiers read back from JSON; the email and phone number are validated and normalized.</summary>
    /// <exception cref="CustomerAgentException">No identifier is given, or the email or phone number is invalid (R11).</exception>
    public static MetricProfile Create(string? email, string? phoneNumber, string? externalId, string? anonymousId)
    {
        (email, phoneNumber, externalId) = Profile.NormalizeIdentifiers(email, phoneNumber, externalId);
        anonymousId = Preconditions.TrimToNull(anonymousId);
        if (email is null && phoneNumber is null && externalId is null && anonymousId is null)
        {
            throw new CustomerAgentException("R11", "profile", null, "must hold at least one identifier (email, phone_number, external_id or anonymous_id)");
        }

        return new MetricProfile(email, phoneNumber, externalId, anonymousId);
    }

    /// <summary>A profile of identifiers already normalized (each read from another profile or identity); at least one is set.</summary>
    internal static MetricProfile OfNormalized(string? email, string? phoneNumber, string? externalId, string? anonymousId) =>
        new(email, phoneNumber, externalId, anonymousId);

    /// <inheritdoc/>
    public bool Equals(MetricProfile? other) =>
        other is not null
        && string.Equals(Email, other.Email, StringComparison.Ordinal)
        && string.Equals(PhoneNumber, other.PhoneNumber, StringComparison.Ordinal)
        && string.Equals(ExternalId, other.ExternalId, StringComparison.Ordinal)
        && string.Equals(AnonymousId, other.AnonymousId, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as MetricProfile);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Email, PhoneNumber, ExternalId, AnonymousId);

    /// <summary>A redacted description: the email and phone number only in redacted form.</summary>
    public override string ToString() =>
        $"MetricProfile(email: {(Email is null ? "-" : ContactDetails.RedactEmail(Email))}, phone: {(PhoneNumber is null ? "-" : ContactDetails.RedactPhoneNumber(PhoneNumber))}, externalId: {ExternalId ?? "-"}, anonymousId: {AnonymousId ?? "-"})";
}
