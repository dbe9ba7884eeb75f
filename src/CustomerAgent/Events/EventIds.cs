using System.Globalization;
using System.Text;
using CustomerAgent.Conversations;

namespace CustomerAgent.Events;

/// <summary>
/// D4: the deterministic unique IDs of the metric events, and the anonymous ID of a shopper with no identifier, built so
/// that they never collide across accounts or conversations.
/// </summary>
/// <remarks>
/// <para>Format: <c>{account}:{conversation}:started</c>, <c>:resolved</c>, <c>:escalated</c>, and
/// <c>{account}:{conversation}:recommendation:{n}</c> where <c>n</c> is the number of the agent message (1 for the agent's first
/// message, counting agent messages only), so tags, clicks and shopper messages never change it.</para>
/// <para>Each ID component is escaped (<c>%</c> as <c>%25</c>, <c>:</c> as <c>%3A</c>) so that the colon only ever separates
/// components: the encoding is injective and the account and conversation can be read back (<see cref="TryParse"/>).</para>
/// </remarks>
internal static class EventIds
{
    internal const string Started = "started";
    internal const string Resolved = "resolved";
    internal const string Escalated = "escalated";
    internal const string Recommendation = "recommendation";

    /// <summary>The unique ID of the one event of <paramref name="kind"/> in a conversation (R6–R8), or of the R9 event of agent message number <paramref name="agentMessageNumber"/>.</summary>
    internal static string For(MetricKind kind, AccountId account, ConversationId conversation, int agentMessageNumber = 0)
    {
        var prefix = Escape(account.Value) + ":" + Escape(conversation.Value) + ":";
        return kind switch
        {
            MetricKind.StartedConversation => prefix + Started,
            MetricKind.ConversationResolved => prefix + Resolved,
            MetricKind.ConversationEscalated => prefix + Escalated,
            _ => prefix + Recommendation + ":" + agentMessageNumber.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The anonymous ID given to a shopper with no identifier: one per account and conversation (R11).</summary>
    internal static string AnonymousId(AccountId account, ConversationId conversation) =>
        MetricProfile.ConversationAnonymousIdPrefix + Escape(account.Value) + ":" + Escape(conversation.Value);

    /// <summary>Reads the account, the conversation and the kind back from a unique ID; false when it is not one this library writes.</summary>
    internal static bool TryParse(string uniqueId, out AccountId account, out ConversationId conversation, out MetricKind kind)
    {
        account = default;
        conversation = default;
        kind = default;
        var parts = uniqueId.Split(':');
        if (parts.Length < 3 || !TryUnescape(parts[0], out var a) || !TryUnescape(parts[1], out var c)
            || string.IsNullOrWhiteSpace(a) || string.IsNullOrWhiteSpace(c))
        {
            return false;
        }

        var parsedKind = (parts.Length, parts[2]) switch
        {
            (3, Started) => MetricKind.StartedConversation,
            (3, Resolved) => MetricKind.ConversationResolved,
            (3, Escalated) => MetricKind.ConversationEscalated,
            (4, Recommendation) when IsAgentMessageNumber(parts[3]) => MetricKind.ReceivedProductRecommendation,
            _ => (MetricKind?)null,
        };
        if (parsedKind is null)
        {
            return false;
        }

        account = AccountId.From(a);
        conversation = ConversationId.From(c);
        kind = parsedKind.Value;
        return true;
    }

    private static bool IsAgentMessageNumber(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
        && string.Equals(n.ToString(CultureInfo.InvariantCulture), text, StringComparison.Ordinal);

    internal static string Escape(string text) =>
        text.Contains('%', StringComparison.Ordinal) || text.Contains(':', StringComparison.Ordinal)
            ? text.Replace("%", "%25", StringComparison.Ordinal).Replace(":", "%3A", StringComparison.Ordinal)
            : text;

    internal static bool TryUnescape(string text, out string value)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '%')
            {
                builder.Append(text[i]);
                continue;
            }

            var code = text.AsSpan(i + 1, Math.Min(2, text.Length - i - 1));
            if (code.SequenceEqual("25"))
            {
                builder.Append('%');
            }
            else if (code.SequenceEqual("3A"))
            {
                builder.Append(':');
            }
            else
            {
                value = string.Empty;
                return false;
            }

            i += 2;
        }

        value = builder.ToString();
        return true;
    }
}
