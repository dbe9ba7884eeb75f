using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Web;

/// <summary>An account a <see cref="IDashboardSource"/> serves: its ID, the instant its dashboard is as of by default and how many conversations it holds.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class DashboardAccount
{
    /// <summary>Creates the description.</summary>
    /// <param name="id">The account.</param>
    /// <param name="asOf">The default instant of its dashboard, and the earliest the source answers for (D1: an answer never sees later facts, and the source holds the facts as of this instant).</param>
    /// <param name="conversationCount">Its conversations (preview ones included).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="conversationCount"/> is negative.</exception>
    public DashboardAccount(AccountId id, Instant asOf, long conversationCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(conversationCount);
        Id = id;
        AsOf = asOf;
        ConversationCount = conversationCount;
    }

    /// <summary>The account.</summary>
    public AccountId Id { get; }

    /// <summary>The default instant of the account's dashboard, and the earliest the source answers for.</summary>
    public Instant AsOf { get; }

    /// <summary>The account's conversations (preview ones included).</summary>
    public long ConversationCount { get; }

    /// <inheritdoc/>
    public override string ToString() => $"DashboardAccount({Id}, as of {InstantText.Format(AsOf)}, {ConversationCount} conversations)";
}
