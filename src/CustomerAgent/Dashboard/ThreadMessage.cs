using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Dashboard;

/// <summary>One message of a conversation's thread (R18: opening a row shows the whole thread).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ThreadMessage
{
    internal ThreadMessage(int index, MessageAuthor author, Instant at, string text, string? skill, IReadOnlyList<string> products)
    {
        Index = index;
        Author = author;
        At = at;
        Text = text;
        Skill = skill;
        Products = products;
    }

    /// <summary>The message's number among the conversation's messages, from 0 (the vendor message ID is <c>{conversation}:{index}</c>; tags, clicks and other activities between messages never change it).</summary>
    public int Index { get; }

    /// <summary>Who wrote it (the vendor's <c>user</c> or <c>agent</c> role).</summary>
    public MessageAuthor Author { get; }

    /// <summary>When it was sent.</summary>
    public Instant At { get; }

    /// <summary>The text.</summary>
    public string Text { get; }

    /// <summary>The agent's skill, or <see langword="null"/> for a shopper message.</summary>
    public string? Skill { get; }

    /// <summary>Products recommended in the message (R9); empty when none.</summary>
    public IReadOnlyList<string> Products { get; }

    /// <summary>A description without the text (which may hold personal data).</summary>
    public override string ToString() => $"ThreadMessage({Index}, {Author}, {Preconditions.Format(At)}{(Skill is null ? string.Empty : ", " + Skill)})";
}
