using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Dashboard;

/// <summary>One row of the conversations table (R18), as of the query's instant.</summary>
/// <remarks>Immutable and thread-safe; built by <see cref="IConversationQuery"/>. <see cref="ToString"/> shows no personal data.</remarks>
public sealed class ConversationRow
{
    internal ConversationRow(Conversation conversation, ConversationStatus status, in ConversationFacts facts)
        : this(conversation.Id, conversation.FirstQuestion, conversation.Header.Profile, status, facts)
    {
    }

    internal ConversationRow(ConversationId id, string firstQuestion, Profile profile, ConversationStatus status, in ConversationFacts facts)
    {
        Id = id;
        Channel = facts.Channel;
        FirstQuestion = firstQuestion;
        Profile = profile.DisplayName;
        Status = status;
        Tags = facts.Tags;
        MessageCount = facts.MessageCount;
        StartedAt = facts.StartedAt;
        LastUpdated = facts.LastMessageAt;
    }

    /// <summary>The conversation's ID.</summary>
    public ConversationId Id { get; }

    /// <summary>The channel.</summary>
    public Channel Channel { get; }

    /// <summary>First question: the shopper's opening message.</summary>
    public string FirstQuestion { get; }

    /// <summary>Profile: the name, else the email, else the phone number, else "Anonymous".</summary>
    public string Profile { get; }

    /// <summary>The status as of the query's instant.</summary>
    public ConversationStatus Status { get; }

    /// <summary>The tags applied by then, in order of first application.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>Messages exchanged by then, shopper and agent.</summary>
    public int MessageCount { get; }

    /// <summary>When the conversation was initiated.</summary>
    public Instant StartedAt { get; }

    /// <summary>Last updated: the instant of the last message by then.</summary>
    public Instant LastUpdated { get; }

    /// <summary>A description without personal data (no profile, no texts).</summary>
    public override string ToString() => $"ConversationRow({Id}, {ChannelWords.Of(Channel)}, {StatusWords.Of(Status)}, {MessageCount} messages, last updated {Preconditions.Format(LastUpdated)})";
}
