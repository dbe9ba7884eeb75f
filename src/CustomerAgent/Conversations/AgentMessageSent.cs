using System.Text;
using NodaTime;

namespace CustomerAgent.Conversations;

/// <summary>The agent sent a message using a skill, optionally with a product card or list (R9, R10).</summary>
/// <remarks>Equality compares <see cref="Products"/> element by element, so equal histories compare equal.</remarks>
/// <param name="At">When it was sent.</param>
/// <param name="Text">The message text.</param>
/// <param name="Skill">The skill the agent used (order tracking, product recommendations, …).</param>
/// <param name="Products">The product IDs or SKUs recommended in this message; empty when none.</param>
public sealed record AgentMessageSent(Instant At, string Text, string Skill, IReadOnlyList<string> Products) : ConversationActivity(At)
{
    /// <summary>Whether the message carries a product card or list (R9).</summary>
    public bool HasProducts => Products.Count > 0;

    /// <inheritdoc/>
    public bool Equals(AgentMessageSent? other) =>
        other is not null
        && base.Equals(other)
        && string.Equals(Text, other.Text, StringComparison.Ordinal)
        && string.Equals(Skill, other.Skill, StringComparison.Ordinal)
        && (ReferenceEquals(Products, other.Products) || (Products is not null && other.Products is not null && Products.SequenceEqual(other.Products, StringComparer.Ordinal)));

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(base.GetHashCode());
        hash.Add(Text, StringComparer.Ordinal);
        hash.Add(Skill, StringComparer.Ordinal);
        foreach (var product in Products ?? [])
        {
            hash.Add(product, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>Prints the members with the product list spelled out.</summary>
    protected override bool PrintMembers(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append("At = ").Append(At.ToString()).Append(", Text = ").Append(Text).Append(", Skill = ").Append(Skill)
            .Append(", Products = [").AppendJoin(", ", Products ?? []).Append(']');
        return true;
    }
}
