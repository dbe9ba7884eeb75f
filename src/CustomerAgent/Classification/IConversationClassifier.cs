using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Classification;

/// <summary>Classifies a conversation's status as of an explicit instant (R1–R5, D1–D3). There is no hidden clock.</summary>
public interface IConversationClassifier
{
    /// <summary>The policy (inactivity timeout) this classifier applies; it classifies only conversations started under an equal policy (D1).</summary>
    ConversationPolicy Policy { get; }

    /// <summary>The status of <paramref name="conversation"/> as of <paramref name="asOf"/>, considering only what had happened by then.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="conversation"/> is null.</exception>
    /// <exception cref="CustomerAgentException"><paramref name="asOf"/> is before the conversation started or the conversation's policy differs from <see cref="Policy"/> (D1), or <paramref name="asOf"/> is outside <see cref="SupportedInstants"/> (H6).</exception>
    StatusClassification Classify(Conversation conversation, Instant asOf);

    /// <summary>The status of a conversation as of <paramref name="asOf"/> from its facts (see <see cref="Conversation.FactsAsOf"/>), which must hold nothing later than <paramref name="asOf"/>.</summary>
    /// <param name="facts">The facts, as of <paramref name="asOf"/> or earlier.</param>
    /// <param name="asOf">The instant.</param>
    /// <returns>The status.</returns>
    /// <exception cref="CustomerAgentException">The facts hold activity after <paramref name="asOf"/> or live by another policy (D1), <paramref name="asOf"/> is outside <see cref="SupportedInstants"/> (H6).</exception>
    /// <exception cref="InvalidOperationException"><paramref name="facts"/> is <c>default</c>.</exception>
    StatusClassification Classify(ConversationFacts facts, Instant asOf);
}
