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

    /// <summary>
    /// The conversations table from conversations' facts, for a host that keeps no texts: the filters, sorts (but by first
    /// question or profile), keyset paging and cursors of <see cref="Query"/>; only the page's rows get their first question and
    /// profile, from <paramref name="openingOf"/>. A search or a sort by a text is rejected (it needs every row's texts).
    /// </summary>
    /// <param name="conversations">The account's conversations: each ID with its facts as of <paramref name="asOf"/> (<c>default</c> when not started by then).</param>
    /// <param name="query">The query (account, filters, sort, page size).</param>
    /// <param name="asOf">The instant statuses are as of.</param>
    /// <param name="openingOf">The first question and profile of a conversation of the page (called once per row shown).</param>
    /// <param name="cursor">The cursor of the previous page, or null for the first.</param>
    /// <param name="timeline">The account's agent switch timeline (R12), or null.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="CustomerAgentException">The query searches or sorts by a text (R18), a conversation repeats, the cursor is forged or stale (R18), the timeline is another account's (R12), or the facts hold activity after <paramref name="asOf"/> (D1).</exception>
    ConversationPage QueryFacts(IEnumerable<KeyValuePair<ConversationId, ConversationFacts>> conversations, ConversationTableQuery query, Instant asOf, Func<ConversationId, ConversationOpening> openingOf, string? cursor = null, AgentSwitchTimeline? timeline = null);

    /// <summary>The whole thread of one conversation as of <paramref name="asOf"/> (R18: opening a row).</summary>
    /// <param name="conversation">The conversation.</param>
    /// <param name="asOf">The instant.</param>
    /// <returns>Its row and messages.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="conversation"/> is null.</exception>
    /// <exception cref="CustomerAgentException"><paramref name="asOf"/> is before the conversation started (D1) or outside the supported instants (H6).</exception>
    ConversationThread Thread(Conversation conversation, Instant asOf);
}
