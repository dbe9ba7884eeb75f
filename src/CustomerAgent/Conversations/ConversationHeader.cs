namespace CustomerAgent.Conversations;

/// <summary>
/// The fixed facts of a conversation, known when it starts: its ID, its account, its channel, its mode and the shopper's profile.
/// </summary>
/// <remarks>Immutable and thread-safe. Build it with <see cref="Create"/>, which validates every field.</remarks>
public sealed class ConversationHeader
{
    private ConversationHeader(ConversationId id, AccountId accountId, Channel channel, ConversationMode mode, Profile profile)
    {
        Id = id;
        AccountId = accountId;
        Channel = channel;
        Mode = mode;
        Profile = profile;
    }

    /// <summary>The conversation's ID.</summary>
    public ConversationId Id { get; }

    /// <summary>The merchant account the conversation belongs to.</summary>
    public AccountId AccountId { get; }

    /// <summary>The channel it runs on.</summary>
    public Channel Channel { get; }

    /// <summary>Live or preview (R20).</summary>
    public ConversationMode Mode { get; }

    /// <summary>The shopper's profile.</summary>
    public Profile Profile { get; }

    /// <summary>Creates a validated header.</summary>
    /// <exception cref="CustomerAgentException">An ID is <c>default</c>, an enum value is undefined, or the profile is null.</exception>
    public static ConversationHeader Create(ConversationId id, AccountId accountId, Channel channel, ConversationMode mode = ConversationMode.Live, Profile? profile = null)
    {
        if (id.IsDefault)
        {
            throw new CustomerAgentException("ID", "conversationId", null, "must be set (default(ConversationId) names no conversation)");
        }

        AccountId.CheckSet(accountId);

        Preconditions.CheckDefined(channel, "channel", "R1");
        Preconditions.CheckDefined(mode, "mode", "R20");
        return new ConversationHeader(id, accountId, channel, mode, profile ?? Profile.Anonymous);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Conversation {Id} (account {AccountId}, {Channel}, {Mode})";
}
