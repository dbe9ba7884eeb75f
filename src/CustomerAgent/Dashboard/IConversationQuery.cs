using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Dashboard;

/// <summary>The conversations table of the overview (R18, R19): filter, search, sort and page an account's conversations, and open one thread.</summary>
public interface IConversationQuery
{
    /// <summary>
    /// One page of the table. Rows are the account's live conversations (R20) initiated by <paramref name="asOf"/> (and, with a
    /// timeline, while the agent was live on the channel, R12) that match the query; statuses and row facts are as of
    /// <paramref name="asOf"/>. Paging is keyset: following <see cref="ConversationPage.NextCursor"/> with the same query and
    /// instant visits every matching row exactly once.
    /// </summary>
    /// <param name="conversations">The account's conversations (the host's store, or one shard of it); IDs must be unique.</param>
    /// <param name="query">Filters, search, sort and page size.</param>
    /// <param name="asOf">The instant statuses are as of ("now"); pass the page's <see cref="ConversationPage.AsOf"/> again with its cursor.</param>
    /// <param name="cursor">The previous page's <see cref="ConversationPage.NextCursor"/>, or null for the first page.</param>
    /// <param name="timeline">The account's agent switch timeline (R12), or null.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentNullException">A required argument or a conversation is null.</exception>
    /// <exception cref="CustomerAgentException">A conversation or the timeline belongs to another account, two conversations share an ID, the cursor is forged or stale (R18), or <paramref name="asOf"/> is outside the supported instants (H6).</exception>
    ConversationPage Query(IEnumerable<Conversation> conversations, ConversationTableQuery query, Instant asOf, string? cursor = null, AgentSwitchTimeline? timeline = null);

    /// <summary>The whole thread of one conversation as of <paramref name="asOf"/> (R18: opening a row).</summary>
    /// <param name="conversation">The conversation.</param>
    /// <param name="asOf">The instant.</param>
    /// <returns>Its row and messages.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="conversation"/> is null.</exception>
    /// <exception cref="CustomerAgentException"><paramref name="asOf"/> is before the conversation started (D1) or outside the supported instants (H6).</exception>
    ConversationThread Thread(Conversation conversation, Instant asOf);
}
