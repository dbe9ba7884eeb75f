using CustomerAgent.Conversations;

namespace CustomerAgent.Dashboard;

/// <summary>
/// What a conversations table row shows that the facts do not hold (R18): the shopper's opening message and profile. A host
/// that keeps no texts (the activity-log reader) gives them only for the rows of the page it shows.
/// </summary>
/// <param name="FirstQuestion">The shopper's opening message.</param>
/// <param name="Profile">The shopper's profile.</param>
public sealed record ConversationOpening(string FirstQuestion, Profile Profile);
