using System.Collections.ObjectModel;
using System.Text;
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
    private readonly ReadOnlyCollection<ConversationActivity> _historyView;

    /// <summary>The conversation's facts, one row per version: row <c>i</c> holds the facts after <c>History[i]</c>.</summary>
    private readonly FactsTable _facts;

    private Conversation(ConversationHeader header, ConversationPolicy policy, ShopperMessageSent first)
    {
        Header = header;
        Policy = policy;
        _historyView = _history.AsReadOnly();
        var id = header.Id.Value;
        _facts = new FactsTable(policy, _ => id);
        _facts.Open(UnixNanoseconds.From(first.At), header.Channel, header.Mode);
        _history.Add(first);
        FirstQuestion = first.Text;
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

    /// <summary>The facts after every recorded activity: what the classifier, the events, the dashboard and attribution compute on.</summary>
    public ConversationFacts Facts => new(_facts, Current);

    /// <summary>When the shopper's opening message was sent: the instant the conversation was initiated (R6, R14).</summary>
    public Instant StartedAt => _history[0].At;

    /// <summary>The shopper's opening message: the table's "first question" (R18).</summary>
    public string FirstQuestion { get; }

    /// <summary>The instant of the last shopper or agent message: the table's "last updated" (R18).</summary>
    public Instant LastMessageAt => UnixNanoseconds.ToInstant(_facts[Current].LastMessageAt);

    /// <summary>Who wrote the last message (R2 a).</summary>
    public MessageAuthor LastMessageAuthor => (MessageAuthor)_facts[Current].LastAuthor;

    /// <summary>The instant of the latest activity of any kind.</summary>
    public Instant LastActivityAt => _history[^1].At;

    /// <summary>Messages exchanged, shopper and agent together (R18).</summary>
    public int MessageCount => _facts[Current].MessageCount;

    /// <summary>The skill of the agent's first message, or <see langword="null"/> before the agent has answered (R10).</summary>
    public string? InitialSkill => Facts.InitialSkill;

    /// <summary>The skill of the agent's latest message, or <see langword="null"/> before the agent has answered (R10).</summary>
    public string? FinalSkill => Facts.FinalSkill;

    /// <summary>The distinct skills the agent used, in order of first use.</summary>
    public IReadOnlyList<string> SkillsUsed => Facts.SkillsUsed;

    /// <summary>The distinct tags applied, in order of first application.</summary>
    public IReadOnlyList<string> Tags => Facts.Tags;

    /// <summary>The effective handoff (R3, R4), or <see langword="null"/> when none happened. Later handoffs are recorded in <see cref="History"/> but never replace it (D2).</summary>
    public Handoff? Handoff => Facts.Handoff;

    /// <summary>
    /// The support-ticket offer awaiting the shopper's answer as of <paramref name="asOf"/>, or <see langword="null"/>: none was
    /// made by then, it was answered, or the conversation had closed by then (explicitly or by inactivity), when an unanswered
    /// offer lapses without a handoff (R4).
    /// </summary>
    /// <param name="asOf">The instant the question is asked about.</param>
    /// <returns>The pending offer, or <see langword="null"/>.</returns>
    public SupportTicketOffered? PendingTicketOfferAsOf(Instant asOf) => FactsAsOf(asOf) is { IsDefault: false } facts ? facts.PendingTicketOfferAsOf(asOf) : null;

    /// <summary>The explicit close, or <see langword="null"/> when nobody closed the conversation (it may still have closed by inactivity).</summary>
    public ConversationClosed? ExplicitClose => Facts.ExplicitClose;

    /// <summary>When the conversation closes (or closed) by inactivity if nobody closes it first: last message + the policy's timeout (D1).</summary>
    public Instant AutoCloseAt => LastMessageAt + Policy.AutoCloseAfter;

    /// <summary>The row of the current version.</summary>
    private int Current => _history.Count - 1;

    /// <summary>
    /// The facts as of <paramref name="asOf"/>: after every activity at or before it, none later (D1: what a report as of that
    /// instant may see). <c>default</c> when the conversation had not started by then.
    /// </summary>
    /// <param name="asOf">The instant.</param>
    /// <returns>The facts then, or <c>default</c> before <see cref="StartedAt"/>.</returns>
    /// <exception cref="CustomerAgentException"><paramref name="asOf"/> is outside the supported range (H6).</exception>
    public ConversationFacts FactsAsOf(Instant asOf)
    {
        Preconditions.CheckInstant(asOf, "asOf");
        if (asOf >= LastActivityAt)
        {
            return Facts;
        }

        // The last version whose activity happened at or before asOf (activities are in time order, H1).
        int lo = 0, hi = _history.Count - 1;
        if (_history[0].At > asOf)
        {
            return default;
        }

        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (_history[mid].At <= asOf)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return new ConversationFacts(_facts, lo);
    }

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
        var nanos = CheckOpenAt(at, "message");
        Preconditions.CheckText(text, "text", "H4");
        var message = new ShopperMessageSent(at, text);
        return Record(message, row => _facts.RecordShopperMessage(row, nanos));
    }

    /// <summary>Records an agent message sent with <paramref name="skill"/>, optionally carrying a product card or list (R9).</summary>
    /// <param name="at">When it was sent.</param>
    /// <param name="text">The message text.</param>
    /// <param name="skill">The skill the agent used.</param>
    /// <param name="products">Product IDs or SKUs recommended in the message; null or empty for none.</param>
    /// <exception cref="CustomerAgentException">Time goes backwards (H1), the conversation is closed (D2), or a text, skill or product ID is blank or a product repeats (H4).</exception>
    public AgentMessageSent RecordAgentMessage(Instant at, string text, string skill, IReadOnlyList<string>? products = null)
    {
        var nanos = CheckOpenAt(at, "message");
        Preconditions.CheckText(text, "text", "H4");
        Preconditions.CheckText(skill, "skill", "H4");
        var copy = products is null || products.Count == 0 ? [] : new string[products.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = Preconditions.CheckText(products![i], $"products[{i}]", "H4");
        }

        var message = new AgentMessageSent(at, text, skill, copy.Length == 0 ? ReadOnlyCollection<string>.Empty : Array.AsReadOnly(copy));
        var skillBytes = Encoding.UTF8.GetBytes(skill);
        return Record(message, row => _facts.RecordAgentMessage(row, nanos, skillBytes, Utf8Interner.Hash(skillBytes), new Utf8Strings(copy)));
    }

    /// <summary>Records the shopper's click on a product card (R16). Allowed after the close: the card stays in the transcript.</summary>
    /// <exception cref="CustomerAgentException">Time goes backwards (H1), the product ID is blank (H4), or the agent never recommended it here (H2).</exception>
    public ProductCardClicked RecordProductCardClick(Instant at, string productId)
    {
        var nanos = CheckTime(at);
        Preconditions.CheckText(productId, "productId", "H4");
        return Record(new ProductCardClicked(at, productId), row => _facts.RecordProductCardClick(row, nanos, Encoding.UTF8.GetBytes(productId)));
    }

    /// <summary>Applies a topic tag. Re-applying a tag is recorded in the history; <see cref="Tags"/> keeps it once.</summary>
    /// <exception cref="CustomerAgentException">Time goes backwards (H1) or the tag is blank (H4).</exception>
    public TagApplied ApplyTag(Instant at, string tag)
    {
        var nanos = CheckTime(at);
        Preconditions.CheckText(tag, "tag", "H4");
        var bytes = Encoding.UTF8.GetBytes(tag);
        return Record(new TagApplied(at, tag), row => _facts.ApplyTag(row, nanos, bytes, Utf8Interner.Hash(bytes)));
    }

    /// <summary>
    /// Records an immediate handoff: custom handoff message (R3), transfer to a human or custom closing message (R2 b).
    /// The first handoff makes the conversation <em>Not resolved by AI</em> for good (D2).
    /// </summary>
    /// <exception cref="CustomerAgentException">Time goes backwards (H1), the conversation is closed (D2), an enum value is undefined, or <paramref name="kind"/> is <see cref="HandoffKind.SupportTicket"/> (H3: tickets go through <see cref="OfferSupportTicket"/>).</exception>
    public HandoffTriggered TriggerHandoff(Instant at, HandoffKind kind, HandoffMode mode, HandoffReason reason)
    {
        var nanos = CheckInstant(at);
        return Record(new HandoffTriggered(at, kind, mode, reason), row => _facts.TriggerHandoff(row, nanos, kind, mode, reason));
    }

    /// <summary>Records the agent's offer to create a support ticket. Not a handoff until the shopper answers "yes" (R4).</summary>
    /// <exception cref="CustomerAgentException">Time goes backwards (H1), the conversation is closed (D2), an enum value is undefined, or an offer is already pending (H3).</exception>
    public SupportTicketOffered OfferSupportTicket(Instant at, HandoffMode mode, HandoffReason reason)
    {
        var nanos = CheckInstant(at);
        return Record(new SupportTicketOffered(at, mode, reason), row => _facts.OfferSupportTicket(row, nanos, mode, reason));
    }

    /// <summary>Records the shopper's answer to the pending ticket offer. "Yes" is a handoff at this instant (R4); "no" is not.</summary>
    /// <exception cref="CustomerAgentException">Time goes backwards (H1), the conversation is closed (D2), or no offer is pending (H3).</exception>
    public SupportTicketAnswered AnswerSupportTicketOffer(Instant at, bool accepted)
    {
        var nanos = CheckInstant(at);
        return Record(new SupportTicketAnswered(at, accepted), row => _facts.AnswerSupportTicketOffer(row, nanos, accepted));
    }

    /// <summary>Closes the conversation explicitly (R2 c). A pending ticket offer lapses unanswered: no handoff (R4).</summary>
    /// <exception cref="CustomerAgentException">Time goes backwards (H1), the conversation is already closed, explicitly or by inactivity (D2), or <paramref name="by"/> is undefined.</exception>
    public ConversationClosed Close(Instant at, ClosedBy by)
    {
        var nanos = CheckInstant(at);
        return Record(new ConversationClosed(at, by), row => _facts.Close(row, nanos, by));
    }

    /// <summary>Whether the conversation is closed as of <paramref name="instant"/>: explicitly closed by then, or inactive since its last message for the policy's timeout (D1, inclusive).</summary>
    public bool IsClosedAsOf(Instant instant) => Facts.IsClosedAsOf(instant);

    /// <inheritdoc/>
    public override string ToString() => $"{Header} with {_history.Count} activities";

    private static long CheckInstant(Instant at) => UnixNanoseconds.From(Preconditions.CheckInstant(at, "at"));

    /// <summary>H6 then H1 (the table's rule), before the caller's own checks.</summary>
    private long CheckTime(Instant at)
    {
        var nanos = CheckInstant(at);
        _facts.CheckTime(Current, nanos);
        return nanos;
    }

    /// <summary>H6 then H1 and D2 (the table's rules), before the caller's own checks.</summary>
    private long CheckOpenAt(Instant at, string field)
    {
        var nanos = CheckInstant(at);
        _facts.CheckOpenAt(Current, nanos, field);
        return nanos;
    }

    /// <summary>Applies the activity to a new version of the facts through the table's rule method; on a rejection the version is dropped and nothing changes.</summary>
    private T Record<T>(T activity, Action<int> rule)
        where T : ConversationActivity
    {
        var row = _facts.CopyRow(Current);
        try
        {
            rule(row);
        }
        catch
        {
            _facts.DropLastRow();
            throw;
        }

        _history.Add(activity);
        return activity;
    }

    /// <summary>The products of an agent message as UTF-8 for the table.</summary>
    private readonly struct Utf8Strings(string[] values) : IUtf8List
    {
        private readonly byte[][] _bytes = Array.ConvertAll(values, v => Encoding.UTF8.GetBytes(v));

        public int Count => _bytes.Length;

        public ReadOnlySpan<byte> this[int index] => _bytes[index];
    }
}
