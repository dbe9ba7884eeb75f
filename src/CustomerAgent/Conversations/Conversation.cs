using System.Collections.ObjectModel;
using NodaTime;

namespace CustomerAgent.Conversations;

/// <summary>
/// The conversation aggregate: one session between a shopper and the agent, as a time-ordered history of activities.
/// </summary>
/// <remarks>
/// <para>
/// State changes only through the named methods (or <see cref="Apply"/>, which dispatches to them). Each checks the current
/// state first and either records the activity or throws <see cref="CustomerAgentException"/> with the aggregate left
/// exactly as it was. The rules enforced (see <c>docs/rules.md</c>):
/// </para>
/// <list type="bullet">
/// <item><description>R6/H5: a conversation starts with a shopper message (<see cref="Start"/>).</description></item>
/// <item><description>H1: activities never go back in time (equal instants are allowed and keep their order).</description></item>
/// <item><description>D2: once closed (explicitly, or by inactivity at last message + <see cref="ConversationPolicy.AutoCloseAfter"/>) it takes no more messages, handoffs, ticket answers or closes; tags and product-card clicks are still recorded.</description></item>
/// <item><description>H2: a click names a product the agent recommended earlier in this conversation.</description></item>
/// <item><description>H3: a ticket answer needs a pending offer, and only one offer is pending at a time.</description></item>
/// <item><description>H4: texts, skills, tags and product IDs are not blank; a product list is not empty and has no duplicates.</description></item>
/// </list>
/// <para>Not thread-safe for writes. Concurrent reads are safe while nothing writes.</para>
/// </remarks>
public sealed class Conversation
{
    private readonly List<ConversationActivity> _history = [];
    private readonly List<string> _tags = [];
    private readonly List<string> _skills = [];
    private readonly HashSet<string> _recommended = new(StringComparer.Ordinal);
    private readonly ReadOnlyCollection<ConversationActivity> _historyView;
    private readonly ReadOnlyCollection<string> _tagsView;
    private readonly ReadOnlyCollection<string> _skillsView;

    /// <summary>The offer awaiting an answer in the recorded history (H3); an answer or an explicit close clears it.</summary>
    private SupportTicketOffered? _pendingOffer;

    private Conversation(ConversationHeader header, ConversationPolicy policy, ShopperMessageSent first)
    {
        Header = header;
        Policy = policy;
        _historyView = _history.AsReadOnly();
        _tagsView = _tags.AsReadOnly();
        _skillsView = _skills.AsReadOnly();
        _history.Add(first);
        StartedAt = first.At;
        FirstQuestion = first.Text;
        LastMessageAt = first.At;
        LastMessageAuthor = MessageAuthor.Shopper;
        LastActivityAt = first.At;
        MessageCount = 1;
    }

    /// <summary>The fixed facts: ID, account, channel, mode, profile.</summary>
    public ConversationHeader Header { get; }

    /// <summary>The policy (inactivity timeout) this conversation lives by.</summary>
    public ConversationPolicy Policy { get; }

    /// <summary>The conversation's ID (shortcut for <c>Header.Id</c>).</summary>
    public ConversationId Id => Header.Id;

    /// <summary>The channel (shortcut for <c>Header.Channel</c>).</summary>
    public Channel Channel => Header.Channel;

    /// <summary>Whether the conversation counts in production conversations and metrics: live, not preview (R20).</summary>
    public bool IsCountedInMetrics => Header.Mode == ConversationMode.Live;

    /// <summary>Every activity in the order it was recorded (time order). The first is always a <see cref="ShopperMessageSent"/>.</summary>
    public IReadOnlyList<ConversationActivity> History => _historyView;

    /// <summary>When the shopper's opening message was sent: the instant the conversation was initiated (R6, R14).</summary>
    public Instant StartedAt { get; }

    /// <summary>The shopper's opening message: the table's "first question" (R18).</summary>
    public string FirstQuestion { get; }

    /// <summary>The instant of the last shopper or agent message: the table's "last updated" (R18).</summary>
    public Instant LastMessageAt { get; private set; }

    /// <summary>Who wrote the last message (R2 a).</summary>
    public MessageAuthor LastMessageAuthor { get; private set; }

    /// <summary>The instant of the latest activity of any kind.</summary>
    public Instant LastActivityAt { get; private set; }

    /// <summary>Messages exchanged, shopper and agent together (R18).</summary>
    public int MessageCount { get; private set; }

    /// <summary>The skill of the agent's first message, or <see langword="null"/> before the agent has answered (R10).</summary>
    public string? InitialSkill => _skills.Count == 0 ? null : _skills[0];

    /// <summary>The skill of the agent's latest message, or <see langword="null"/> before the agent has answered (R10).</summary>
    public string? FinalSkill { get; private set; }

    /// <summary>The distinct skills the agent used, in order of first use.</summary>
    public IReadOnlyList<string> SkillsUsed => _skillsView;

    /// <summary>The distinct tags applied, in order of first application.</summary>
    public IReadOnlyList<string> Tags => _tagsView;

    /// <summary>The effective handoff (R3, R4), or <see langword="null"/> when none happened. Later handoffs are recorded in <see cref="History"/> but never replace it (D2).</summary>
    public Handoff? Handoff { get; private set; }

    /// <summary>
    /// The support-ticket offer awaiting the shopper's answer as of <paramref name="asOf"/>, or <see langword="null"/>: none was
    /// made by then, it was answered, or the conversation had closed by then (explicitly or by inactivity), when an unanswered
    /// offer lapses without a handoff (R4).
    /// </summary>
    /// <param name="asOf">The instant the question is asked about.</param>
    /// <returns>The pending offer, or <see langword="null"/>.</returns>
    public SupportTicketOffered? PendingTicketOfferAsOf(Instant asOf)
    {
        if (IsClosedAsOf(asOf))
        {
            return null;
        }

        SupportTicketOffered? pending = null;
        for (var i = 1; i < _history.Count && _history[i].At <= asOf; i++)
        {
            pending = _history[i] switch
            {
                SupportTicketOffered offer => offer,
                SupportTicketAnswered => null,
                _ => pending,
            };
        }

        return pending;
    }

    /// <summary>The explicit close, or <see langword="null"/> when nobody closed the conversation (it may still have closed by inactivity).</summary>
    public ConversationClosed? ExplicitClose { get; private set; }

    /// <summary>When the conversation closes (or closed) by inactivity if nobody closes it first: last message + the policy's timeout (D1).</summary>
    public Instant AutoCloseAt => LastMessageAt + Policy.AutoCloseAfter;

    /// <summary>Starts a conversation with the shopper's opening message (R6).</summary>
    /// <param name="header">The conversation's fixed facts.</param>
    /// <param name="at">When the shopper sent the opening message.</param>
    /// <param name="text">The opening message.</param>
    /// <param name="policy">The policy; <see cref="ConversationPolicy.Default"/> when omitted.</param>
    /// <exception cref="ArgumentNullException"><paramref name="header"/> is null.</exception>
    /// <exception cref="CustomerAgentException">The text is blank (H4).</exception>
    public static Conversation Start(ConversationHeader header, Instant at, string text, ConversationPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        Preconditions.CheckInstant(at, "at");
        Preconditions.CheckText(text, "text", "H4");
        return new Conversation(header, policy ?? ConversationPolicy.Default, new ShopperMessageSent(at, text));
    }

    /// <summary>Rebuilds a conversation from its recorded history (a fold of <see cref="Apply"/>).</summary>
    /// <param name="header">The conversation's fixed facts.</param>
    /// <param name="history">The activities in time order; the first must be a <see cref="ShopperMessageSent"/>.</param>
    /// <param name="policy">The policy; <see cref="ConversationPolicy.Default"/> when omitted.</param>
    /// <exception cref="ArgumentNullException">An argument or an activity is null.</exception>
    /// <exception cref="CustomerAgentException">The history is empty, does not start with a shopper message (H5), or an activity breaks a rule.</exception>
    public static Conversation Replay(ConversationHeader header, IEnumerable<ConversationActivity> history, ConversationPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(history);
        using var e = history.GetEnumerator();
        if (!e.MoveNext())
        {
            throw new CustomerAgentException("H5", "history", "[]", "must start with the shopper's opening message (R6)");
        }

        if (e.Current is not ShopperMessageSent first)
        {
            throw new CustomerAgentException("H5", "history[0]", e.Current?.GetType().Name, "must be a ShopperMessageSent: a conversation starts with a shopper message (R6)");
        }

        var conversation = Start(header, first.At, first.Text, policy);
        while (e.MoveNext())
        {
            conversation.Apply(e.Current);
        }

        return conversation;
    }

    /// <summary>Applies one recorded activity by dispatching to the named method for its kind.</summary>
    /// <returns>The activity as recorded (a defensive copy where the input holds a collection).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="activity"/> is null.</exception>
    /// <exception cref="CustomerAgentException">The activity breaks a rule; the conversation is unchanged.</exception>
    public ConversationActivity Apply(ConversationActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity switch
        {
            ShopperMessageSent m => RecordShopperMessage(m.At, m.Text),
            AgentMessageSent m => RecordAgentMessage(m.At, m.Text, m.Skill, m.Products),
            ProductCardClicked c => RecordProductCardClick(c.At, c.ProductId),
            TagApplied t => ApplyTag(t.At, t.Tag),
            HandoffTriggered h => TriggerHandoff(h.At, h.Kind, h.Mode, h.Reason),
            SupportTicketOffered o => OfferSupportTicket(o.At, o.Mode, o.Reason),
            SupportTicketAnswered a => AnswerSupportTicketOffer(a.At, a.Accepted),
            ConversationClosed c => Close(c.At, c.By),
            _ => throw new CustomerAgentException("H4", "activity", activity.GetType().Name, "is not a known activity kind"),
        };
    }

    /// <summary>Records a shopper message.</summary>
    /// <exception cref="CustomerAgentException">Time goes backwards (H1), the conversation is closed (D2), or the text is blank (H4).</exception>
    public ShopperMessageSent RecordShopperMessage(Instant at, string text)
    {
        CheckOpenAt(at, "message");
        Preconditions.CheckText(text, "text", "H4");
        var message = new ShopperMessageSent(at, text);
        AddMessage(message, MessageAuthor.Shopper);
        return message;
    }

    /// <summary>Records an agent message sent with <paramref name="skill"/>, optionally carrying a product card or list (R9).</summary>
    /// <param name="at">When it was sent.</param>
    /// <param name="text">The message text.</param>
    /// <param name="skill">The skill the agent used.</param>
    /// <param name="products">Product IDs or SKUs recommended in the message; null or empty for none.</param>
    /// <exception cref="CustomerAgentException">Time goes backwards (H1), the conversation is closed (D2), or a text, skill or product ID is blank or a product repeats (H4).</exception>
    public AgentMessageSent RecordAgentMessage(Instant at, string text, string skill, IReadOnlyList<string>? products = null)
    {
        CheckOpenAt(at, "message");
        Preconditions.CheckText(text, "text", "H4");
        Preconditions.CheckText(skill, "skill", "H4");
        var copy = CopyProducts(products);
        var message = new AgentMessageSent(at, text, skill, copy);
        if (!_skills.Contains(skill, StringComparer.Ordinal))
        {
            _skills.Add(skill);
        }

        FinalSkill = skill;
        foreach (var product in copy)
        {
            _recommended.Add(product);
        }

        AddMessage(message, MessageAuthor.Agent);
        return message;
    }

    /// <summary>Records the shopper's click on a product card (R16). Allowed after the close: the card stays in the transcript.</summary>
    /// <exception cref="CustomerAgentException">Time goes backwards (H1), the product ID is blank (H4), or the agent never recommended it here (H2).</exception>
    public ProductCardClicked RecordProductCardClick(Instant at, string productId)
    {
        CheckTime(at);
        Preconditions.CheckText(productId, "productId", "H4");
        if (!_recommended.Contains(productId))
        {
            throw new CustomerAgentException("H2", "productId", productId, $"was never recommended in conversation {Preconditions.Echo(Id.Value)}; a click must name a recommended product");
        }

        var click = new ProductCardClicked(at, productId);
        Record(click);
        return click;
    }

    /// <summary>Applies a topic tag. Re-applying a tag is recorded in the history; <see cref="Tags"/> keeps it once.</summary>
    /// <exception cref="CustomerAgentException">Time goes backwards (H1) or the tag is blank (H4).</exception>
    public TagApplied ApplyTag(Instant at, string tag)
    {
        CheckTime(at);
        Preconditions.CheckText(tag, "tag", "H4");
        var applied = new TagApplied(at, tag);
        if (!_tags.Contains(tag, StringComparer.Ordinal))
        {
            _tags.Add(tag);
        }

        Record(applied);
        return applied;
    }

    /// <summary>
    /// Records an immediate handoff: custom handoff message (R3), transfer to a human or custom closing message (R2 b).
    /// The first handoff makes the conversation <em>Not resolved by AI</em> for good (D2).
    /// </summary>
    /// <exception cref="CustomerAgentException">Time goes backwards (H1), the conversation is closed (D2), an enum value is undefined, or <paramref name="kind"/> is <see cref="HandoffKind.SupportTicket"/> (H3: tickets go through <see cref="OfferSupportTicket"/>).</exception>
    public HandoffTriggered TriggerHandoff(Instant at, HandoffKind kind, HandoffMode mode, HandoffReason reason)
    {
        CheckOpenAt(at, "handoff");
        Preconditions.CheckDefined(kind, "kind", "R3");
        Preconditions.CheckDefined(mode, "mode", "R3");
        Preconditions.CheckDefined(reason, "reason", "R8");
        if (kind == HandoffKind.SupportTicket)
        {
            throw new CustomerAgentException("H3", "kind", nameof(HandoffKind.SupportTicket), "is not an immediate handoff: offer the ticket and record the shopper's answer (R4)");
        }

        var triggered = new HandoffTriggered(at, kind, mode, reason);
        Handoff ??= new Handoff(at, kind, mode, reason);
        Record(triggered);
        return triggered;
    }

    /// <summary>Records the agent's offer to create a support ticket. Not a handoff until the shopper answers "yes" (R4).</summary>
    /// <exception cref="CustomerAgentException">Time goes backwards (H1), the conversation is closed (D2), an enum value is undefined, or an offer is already pending (H3).</exception>
    public SupportTicketOffered OfferSupportTicket(Instant at, HandoffMode mode, HandoffReason reason)
    {
        CheckOpenAt(at, "ticketOffer");
        Preconditions.CheckDefined(mode, "mode", "R4");
        Preconditions.CheckDefined(reason, "reason", "R8");
        if (_pendingOffer is { } pending)
        {
            throw new CustomerAgentException("H3", "ticketOffer", Preconditions.Format(at), $"cannot be made while the offer of {Preconditions.Format(pending.At)} awaits an answer");
        }

        var offer = new SupportTicketOffered(at, mode, reason);
        _pendingOffer = offer;
        Record(offer);
        return offer;
    }

    /// <summary>Records the shopper's answer to the pending ticket offer. "Yes" is a handoff at this instant (R4); "no" is not.</summary>
    /// <exception cref="CustomerAgentException">Time goes backwards (H1), the conversation is closed (D2), or no offer is pending (H3).</exception>
    public SupportTicketAnswered AnswerSupportTicketOffer(Instant at, bool accepted)
    {
        CheckOpenAt(at, "ticketAnswer");
        if (_pendingOffer is not { } offer)
        {
            throw new CustomerAgentException("H3", "ticketAnswer", accepted ? "yes" : "no", $"has no pending support-ticket offer to answer in conversation {Preconditions.Echo(Id.Value)}");
        }

        var answer = new SupportTicketAnswered(at, accepted);
        if (accepted)
        {
            Handoff ??= new Handoff(at, HandoffKind.SupportTicket, offer.Mode, offer.Reason);
        }

        _pendingOffer = null;
        Record(answer);
        return answer;
    }

    /// <summary>Closes the conversation explicitly (R2 c). A pending ticket offer lapses unanswered: no handoff (R4).</summary>
    /// <exception cref="CustomerAgentException">Time goes backwards (H1), the conversation is already closed, explicitly or by inactivity (D2), or <paramref name="by"/> is undefined.</exception>
    public ConversationClosed Close(Instant at, ClosedBy by)
    {
        CheckOpenAt(at, "close");
        Preconditions.CheckDefined(by, "by", "R2");
        var closed = new ConversationClosed(at, by);
        ExplicitClose = closed;
        _pendingOffer = null;
        Record(closed);
        return closed;
    }

    /// <summary>Whether the conversation is closed as of <paramref name="instant"/>: explicitly closed by then, or inactive since its last message for the policy's timeout (D1, inclusive).</summary>
    public bool IsClosedAsOf(Instant instant) => CloseInstant(out _) <= instant;

    /// <summary>The instant the conversation closes or closed: the explicit close, else <see cref="AutoCloseAt"/>.</summary>
    internal Instant CloseInstant(out bool explicitly)
    {
        explicitly = ExplicitClose is not null;
        return ExplicitClose?.At ?? AutoCloseAt;
    }

    /// <summary>The author and instant of the last message at or before <paramref name="instant"/>; the opening message when none is later.</summary>
    internal (MessageAuthor Author, Instant At) LastMessageAsOf(Instant instant)
    {
        if (instant >= LastMessageAt)
        {
            return (LastMessageAuthor, LastMessageAt);
        }

        for (var i = _history.Count - 1; i > 0; i--)
        {
            switch (_history[i])
            {
                case ShopperMessageSent m when m.At <= instant:
                    return (MessageAuthor.Shopper, m.At);
                case AgentMessageSent m when m.At <= instant:
                    return (MessageAuthor.Agent, m.At);
            }
        }

        return (MessageAuthor.Shopper, StartedAt);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Header} with {_history.Count} activities";

    private void CheckTime(Instant at)
    {
        Preconditions.CheckInstant(at, "at");
        if (at < LastActivityAt)
        {
            throw new CustomerAgentException("H1", "at", Preconditions.Format(at), $"is earlier than the previous activity at {Preconditions.Format(LastActivityAt)}; time never goes backwards");
        }
    }

    private void CheckOpenAt(Instant at, string field)
    {
        CheckTime(at);
        if (ExplicitClose is { } close)
        {
            throw new CustomerAgentException("D2", field, Preconditions.Format(at), $"comes after conversation {Preconditions.Echo(Id.Value)} was closed by the {close.By.ToString().ToLowerInvariant()} at {Preconditions.Format(close.At)}; a new shopper message starts a new conversation");
        }

        if (at >= AutoCloseAt)
        {
            throw new CustomerAgentException("D2", field, Preconditions.Format(at), $"comes after conversation {Preconditions.Echo(Id.Value)} closed by inactivity at {Preconditions.Format(AutoCloseAt)} (D1: last message + {Preconditions.Format(Policy.AutoCloseAfter)}); a new shopper message starts a new conversation");
        }
    }

    private static ReadOnlyCollection<string> CopyProducts(IReadOnlyList<string>? products)
    {
        if (products is null || products.Count == 0)
        {
            return ReadOnlyCollection<string>.Empty;
        }

        var copy = new string[products.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < copy.Length; i++)
        {
            var product = Preconditions.CheckText(products[i], $"products[{i}]", "H4");
            if (!seen.Add(product))
            {
                throw new CustomerAgentException("H4", $"products[{i}]", product, "repeats a product already in this recommendation");
            }

            copy[i] = product;
        }

        return Array.AsReadOnly(copy);
    }

    private void AddMessage(ConversationActivity message, MessageAuthor author)
    {
        LastMessageAt = message.At;
        LastMessageAuthor = author;
        MessageCount++;
        Record(message);
    }

    private void Record(ConversationActivity activity)
    {
        _history.Add(activity);
        LastActivityAt = activity.At;
    }
}
