using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Classification;

/// <summary>Classifies a conversation's status as of an explicit instant (R1–R5, D1–D3). There is no hidden clock.</summary>
public interface IConversationClassifier
{
    /// <summary>The status of <paramref name="conversation"/> as of <paramref name="asOf"/>, considering only what had happened by then.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="conversation"/> is null.</exception>
    /// <exception cref="CustomerAgentException"><paramref name="asOf"/> is before the conversation started (D1).</exception>
    StatusClassification Classify(Conversation conversation, Instant asOf);
}
