using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Dashboard;

/// <summary>
/// What the dashboard reads from one conversation as of an instant: only activities at or before it count (D1), so a
/// report as of a past instant never sees later tags, messages or skills.
/// </summary>
internal readonly struct ConversationFacts
{
    private ConversationFacts(IReadOnlyList<string> tags, int messageCount, Instant lastMessageAt)
    {
        Tags = tags;
        MessageCount = messageCount;
        LastMessageAt = lastMessageAt;
    }

    internal IReadOnlyList<string> Tags { get; }

    internal int MessageCount { get; }

    internal Instant LastMessageAt { get; }

    internal static ConversationFacts AsOf(Conversation conversation, Instant asOf)
    {
        if (asOf >= conversation.LastActivityAt)
        {
            return new ConversationFacts(conversation.Tags, conversation.MessageCount, conversation.LastMessageAt);
        }

        List<string>? tags = null;
        var count = 0;
        var last = conversation.StartedAt;
        foreach (var activity in conversation.History)
        {
            if (activity.At > asOf)
            {
                break;
            }

            switch (activity)
            {
                case ShopperMessageSent or AgentMessageSent:
                    count++;
                    last = activity.At;
                    break;
                case TagApplied t when !(tags ??= []).Contains(t.Tag, StringComparer.Ordinal):
                    tags.Add(t.Tag);
                    break;
            }
        }

        return new ConversationFacts(tags is null ? [] : tags.AsReadOnly(), count, last);
    }

    /// <summary>
    /// The skill invocations of the conversation as of <paramref name="asOf"/> (R14, the vendor's skill report): a maximal run
    /// of agent messages with the same skill is one invocation; switching to another skill and back is a second one.
    /// </summary>
    internal static void CountSkillInvocations(Conversation conversation, Instant asOf, Dictionary<string, long> volumes)
    {
        string? current = null;
        foreach (var activity in conversation.History)
        {
            if (activity.At > asOf)
            {
                break;
            }

            if (activity is AgentMessageSent m && !string.Equals(m.Skill, current, StringComparison.Ordinal))
            {
                current = m.Skill;
                volumes[m.Skill] = volumes.GetValueOrDefault(m.Skill) + 1;
            }
        }
    }
}
