using System.Buffers.Binary;
using CustomerAgent.Attribution;
using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using CustomerAgent.Serialization;
using NodaTime;
using NodaTime.Text;

namespace CustomerAgent.ActivityLog;

/// <summary>
/// The apply stage: takes parsed lines in file order and applies them to the lean state of their conversation (or account),
/// checking what depends on earlier lines. The lean state checks the conversation aggregate's rules (H1, H2, H3, H5, D2, R1)
/// with the aggregate's rule codes; with <see cref="ActivityLogReaderOptions.KeepConversations"/> every line also goes through
/// the <see cref="Conversation"/> aggregate itself, and tests check both always agree. Not thread-safe (one applying thread).
/// </summary>
internal sealed class Applier
{
    private readonly ActivityLogReaderOptions _options;
    private readonly long _autoClose;
    private readonly ByteInterner _accounts = new();
    private readonly List<AccountBuilder> _accountBuilders = [];
    private readonly ByteInterner _keys = new();
    private readonly ByteInterner _products = new();
    private readonly ByteInterner _tags = new();
    private readonly ByteInterner _skills = new();
    private readonly ListPool _pool = new();
    private readonly List<Conversation?> _aggregates = [];
    private readonly List<RejectedLine> _rejections = [];
    /// <summary>The states in segments of <see cref="SegmentSize"/> (never copied when the count grows).</summary>
    private ConversationState[][] _states = [new ConversationState[SegmentSize]];
    private const int SegmentBits = 15;
    private const int SegmentSize = 1 << SegmentBits;
    private int _stateCount;
    private byte[] _keyBuffer = new byte[256];
    private long _latest = long.MinValue;
    private long _accepted;
    private int _lastAccount = -1;

    public Applier(ActivityLogReaderOptions options)
    {
        _options = options;
        _autoClose = options.Policy.AutoCloseAfter.ToInt64Nanoseconds();
    }

    public long LinesRead { get; set; }

    public long LinesSkipped { get; set; }

    /// <summary>Applies every parsed line of a chunk whose first line is line <paramref name="firstLineNumber"/>.</summary>
    public void ApplyChunk(Chunk chunk, long firstLineNumber)
    {
        for (var i = 0; i < chunk.LineCount; i++)
        {
            ref var line = ref chunk.Lines[i];
            var number = firstLineNumber + line.Index;
            var bytes = chunk.Data.AsSpan(line.Start, line.Length);
            if (line.Error is { } error)
            {
                Reject(number, bytes, error);
                if (line.HasKey)
                {
                    PoisonIfNew(chunk, ref line, number);
                }

                continue;
            }

            try
            {
                Apply(chunk, ref line, number, chunk.BaseOffset + line.Start);
                _accepted++;
                if (line.At > _latest)
                {
                    _latest = line.At;
                }

                _options.OnAccepted?.Invoke(number, bytes);
            }
            catch (CustomerAgentException ex)
            {
                Reject(number, bytes, ex.Message);
            }
        }

        LinesSkipped += chunk.TotalLines - chunk.LineCount;
        LinesRead += chunk.TotalLines;
    }

    private void Reject(long number, ReadOnlySpan<byte> bytes, string reason) =>
        _rejections.Add(new RejectedLine(number, bytes.ToArray(), reason));

    private int AccountIndex(Chunk chunk, Str account)
    {
        var bytes = chunk.Get(account);
        if (_lastAccount >= 0 && bytes.SequenceEqual(_accounts.Get(_lastAccount)))
        {
            return _lastAccount;
        }

        var index = _accounts.Intern(bytes, out var added);
        if (added)
        {
            _accountBuilders.Add(new AccountBuilder(AccountId.From(chunk.GetString(account))));
        }

        _lastAccount = index;
        return index;
    }

    private ReadOnlySpan<byte> Key(int account, ReadOnlySpan<byte> id)
    {
        if (_keyBuffer.Length < id.Length + 4)
        {
            _keyBuffer = new byte[id.Length + 4];
        }

        BinaryPrimitives.WriteInt32LittleEndian(_keyBuffer, account);
        id.CopyTo(_keyBuffer.AsSpan(4));
        return _keyBuffer.AsSpan(0, id.Length + 4);
    }

    /// <summary>The hash of a conversation key (account index, conversation ID) from the ID's hash made in the parse stage.</summary>
    private static int KeyHash(int account, int conversationHash) => (int)((uint)conversationHash ^ ((uint)account * 0x9E3779B1u));

    private void PoisonIfNew(Chunk chunk, ref ParsedLine line, long number)
    {
        var account = AccountIndex(chunk, line.Account);
        var index = _keys.Intern(Key(account, chunk.Get(line.Conversation)), KeyHash(account, line.ConversationHash), out var added);
        if (added)
        {
            ref var state = ref NewState(index);
            state.Poisoned = true;
            state.OpeningLineNumber = number;
            state.Account = account;
        }
    }

    private ref ConversationState NewState(int index)
    {
        if (index >> SegmentBits == _states.Length)
        {
            Array.Resize(ref _states, _states.Length * 2);
        }

        _states[index >> SegmentBits] ??= new ConversationState[SegmentSize];
        _stateCount = index + 1;

        _aggregates.Add(null);
        ref var state = ref State(index);
        state = default;
        return ref state;
    }

    private void Apply(Chunk chunk, ref ParsedLine line, long number, long offset)
    {
        switch (line.Kind)
        {
            case LineKind.AccountSettings:
                _accountBuilders[AccountIndex(chunk, line.Account)].AddSettings((AccountSettings)line.Extra!);
                return;
            case LineKind.AgentSwitch:
                _accountBuilders[AccountIndex(chunk, line.Account)].Switch((Channel)line.Channel, IsoInstant.ToInstant(line.At), line.Flag);
                return;
            case LineKind.Order:
                _accountBuilders[AccountIndex(chunk, line.Account)].AddOrder((Order)line.Extra!);
                return;
            case LineKind.Touch:
                _accountBuilders[AccountIndex(chunk, line.Account)].Touches.Add((Touch)line.Extra!);
                return;
        }

        var account = AccountIndex(chunk, line.Account);
        var id = chunk.Get(line.Conversation);
        var index = _keys.Intern(Key(account, id), KeyHash(account, line.ConversationHash), out var added);
        if (added)
        {
            Open(chunk, ref line, number, offset, account, index);
            return;
        }

        ref var state = ref State(index);
        if (state.Poisoned)
        {
            throw new CustomerAgentException("H5", "conversation", chunk.GetString(line.Conversation), $"cannot continue: its opening line (line {state.OpeningLineNumber}) was rejected, so every later line of it is rejected too (docs/activity-log.md)");
        }

        if ((line.Present & ((1u << (int)Field.Mode) | (1u << (int)Field.Profile))) != 0 && line.Kind == LineKind.ShopperMessage)
        {
            throw new CustomerAgentException("LOG", (line.Present & (1u << (int)Field.Mode)) != 0 ? "mode" : "profile", null, "is only allowed on a conversation's opening line");
        }

        if (line.Channel != ParsedLine.Absent && line.Channel != state.Channel)
        {
            throw new CustomerAgentException("R1", "channel", ((Channel)line.Channel).ToApiName(), $"differs from conversation {Echo(chunk, line.Conversation)}'s channel {((Channel)state.Channel).ToApiName()}");
        }

        if (_aggregates[index] is { } aggregate)
        {
            aggregate.Apply(ToActivity(chunk, ref line));
        }

        ApplyLean(chunk, ref line, ref state, index);
    }

    private void Open(Chunk chunk, ref ParsedLine line, long number, long offset, int account, int index)
    {
        ref var state = ref NewState(index);
        state.Account = account;
        state.OpeningLineNumber = number;
        state.Poisoned = true;
        if (line.Kind != LineKind.ShopperMessage || line.Channel == ParsedLine.Absent)
        {
            throw line.Kind != LineKind.ShopperMessage
                ? new CustomerAgentException("H5", "type", ToTypeName(line.Kind), $"cannot open conversation {Echo(chunk, line.Conversation)}: its first line must be a shopper-message (R6)")
                : new CustomerAgentException("LOG", "channel", null, $"is missing (field 'channel' is required on the opening line of conversation {Echo(chunk, line.Conversation)})");
        }

        if (_options.KeepConversations)
        {
            var header = ConversationHeader.Create(
                ConversationId.From(chunk.GetString(line.Conversation)),
                _accountBuilders[account].AccountId,
                (Channel)line.Channel,
                line.Mode == 1 ? ConversationMode.Preview : ConversationMode.Live,
                line.Extra as Profile);
            _aggregates[index] = Conversation.Start(header, IsoInstant.ToInstant(line.At), chunk.GetString(line.Text), _options.Policy);
        }

        state.StartedAt = line.At;
        state.LastMessageAt = line.At;
        state.LastActivityAt = line.At;
        state.HandoffAt = ConversationState.None;
        state.ClosedAt = ConversationState.None;
        state.OpeningLineOffset = offset;
        state.MessageCount = 1;
        state.Recommended = -1;
        state.Tags = -1;
        state.Recommendations = -1;
        state.InitialSkill = -1;
        state.FinalSkill = -1;
        state.Channel = line.Channel;
        state.Mode = line.Mode == 1 ? (byte)ConversationMode.Preview : (byte)ConversationMode.Live;
        state.LastAuthor = (byte)MessageAuthor.Shopper;
        state.Poisoned = false;
        _accountBuilders[account].Conversations.Add(index);
    }

    private void ApplyLean(Chunk chunk, ref ParsedLine line, ref ConversationState state, int index)
    {
        var at = line.At;
        switch (line.Kind)
        {
            case LineKind.ShopperMessage:
                CheckOpenAt(chunk, ref line, ref state, "message");
                AddMessage(ref state, at, MessageAuthor.Shopper);
                break;
            case LineKind.AgentMessage:
                CheckOpenAt(chunk, ref line, ref state, "message");
                var skill = _skills.Intern(chunk.Get(line.Skill), line.ValueHash, out _);
                if (state.InitialSkill < 0)
                {
                    state.InitialSkill = skill;
                }

                state.FinalSkill = skill;
                for (var i = 0; i < line.ProductsCount; i++)
                {
                    var product = _products.Intern(chunk.Get(chunk.Products[line.ProductsStart + i]), out _);
                    if (!_pool.Contains(state.Recommended, product))
                    {
                        state.Recommended = _pool.Prepend(state.Recommended, product);
                    }
                }

                if (line.ProductsCount > 0)
                {
                    state.Recommendations = _pool.Prepend(state.Recommendations, at);
                }

                AddMessage(ref state, at, MessageAuthor.Agent);
                break;
            case LineKind.ProductClick:
                CheckTime(ref state, at);
                var clicked = _products.Find(chunk.Get(line.Value));
                if (clicked < 0 || !_pool.Contains(state.Recommended, clicked))
                {
                    throw new CustomerAgentException("H2", "productId", chunk.GetString(line.Value), $"was never recommended in conversation {Echo(chunk, line.Conversation)}; a click must name a recommended product");
                }

                state.LastActivityAt = at;
                break;
            case LineKind.Tag:
                CheckTime(ref state, at);
                var tag = _tags.Intern(chunk.Get(line.Value), line.ValueHash, out _);
                if (!_pool.Contains(state.Tags, tag))
                {
                    state.Tags = _pool.Prepend(state.Tags, tag);
                }

                state.LastActivityAt = at;
                break;
            case LineKind.Handoff:
                CheckOpenAt(chunk, ref line, ref state, "handoff");
                if (state.HandoffAt == ConversationState.None)
                {
                    state.HandoffAt = at;
                }

                state.LastActivityAt = at;
                break;
            case LineKind.TicketOffer:
                CheckOpenAt(chunk, ref line, ref state, "ticketOffer");
                if (state.Pending)
                {
                    throw new CustomerAgentException("H3", "ticketOffer", Format(at), "cannot be made while an earlier offer awaits an answer");
                }

                state.Pending = true;
                state.PendingMode = line.E2;
                state.PendingReason = line.E3;
                state.LastActivityAt = at;
                break;
            case LineKind.TicketAnswer:
                CheckOpenAt(chunk, ref line, ref state, "ticketAnswer");
                if (!state.Pending)
                {
                    throw new CustomerAgentException("H3", "ticketAnswer", line.Flag ? "yes" : "no", $"has no pending support-ticket offer to answer in conversation {Echo(chunk, line.Conversation)}");
                }

                if (line.Flag && state.HandoffAt == ConversationState.None)
                {
                    state.HandoffAt = at;
                }

                state.Pending = false;
                state.LastActivityAt = at;
                break;
            case LineKind.Close:
                CheckOpenAt(chunk, ref line, ref state, "close");
                state.ClosedAt = at;
                state.ClosedBy = line.E1;
                state.Pending = false;
                state.LastActivityAt = at;
                break;
        }

        _ = index;
    }

    private static void AddMessage(ref ConversationState state, long at, MessageAuthor author)
    {
        state.LastMessageAt = at;
        state.LastAuthor = (byte)author;
        state.MessageCount++;
        state.LastActivityAt = at;
    }

    /// <summary>H1: activities never go back in time.</summary>
    private static void CheckTime(ref ConversationState state, long at)
    {
        if (at < state.LastActivityAt)
        {
            throw new CustomerAgentException("H1", "at", Format(at), $"is earlier than the previous activity at {Format(state.LastActivityAt)}; time never goes backwards");
        }
    }

    /// <summary>H1 and D2: in time order, and not after the explicit close or the close by inactivity (D1).</summary>
    private void CheckOpenAt(Chunk chunk, ref ParsedLine line, ref ConversationState state, string field)
    {
        CheckTime(ref state, line.At);
        if (state.ClosedAt != ConversationState.None)
        {
            throw new CustomerAgentException("D2", field, Format(line.At), $"comes after conversation {Echo(chunk, line.Conversation)} was closed by the {((ClosedBy)state.ClosedBy).ToString().ToLowerInvariant()} at {Format(state.ClosedAt)}; a new shopper message starts a new conversation");
        }

        if (line.At >= state.LastMessageAt + _autoClose)
        {
            throw new CustomerAgentException("D2", field, Format(line.At), $"comes after conversation {Echo(chunk, line.Conversation)} closed by inactivity at {Format(state.LastMessageAt + _autoClose)} (D1: last message + {DurationPattern.Roundtrip.Format(_options.Policy.AutoCloseAfter)}); a new shopper message starts a new conversation");
        }
    }

    private static string Echo(Chunk chunk, Str s) => CustomerAgentException.Cut(chunk.GetString(s))!;

    private static string Format(long unixNanoseconds) => InstantPattern.ExtendedIso.Format(IsoInstant.ToInstant(unixNanoseconds));

    private static string ToTypeName(LineKind kind) => kind switch
    {
        LineKind.ShopperMessage => "shopper-message",
        LineKind.AgentMessage => "agent-message",
        LineKind.ProductClick => "product-click",
        LineKind.Tag => "tag",
        LineKind.Handoff => "handoff",
        LineKind.TicketOffer => "ticket-offer",
        LineKind.TicketAnswer => "ticket-answer",
        _ => "close",
    };

    private static ConversationActivity ToActivity(Chunk chunk, ref ParsedLine line)
    {
        var at = IsoInstant.ToInstant(line.At);
        return line.Kind switch
        {
            LineKind.ShopperMessage => new ShopperMessageSent(at, chunk.GetString(line.Text)),
            LineKind.AgentMessage => new AgentMessageSent(at, chunk.GetString(line.Text), chunk.GetString(line.Skill), Products(chunk, ref line)),
            LineKind.ProductClick => new ProductCardClicked(at, chunk.GetString(line.Value)),
            LineKind.Tag => new TagApplied(at, chunk.GetString(line.Value)),
            LineKind.Handoff => new HandoffTriggered(at, (HandoffKind)line.E1, (HandoffMode)line.E2, (HandoffReason)line.E3),
            LineKind.TicketOffer => new SupportTicketOffered(at, (HandoffMode)line.E2, (HandoffReason)line.E3),
            LineKind.TicketAnswer => new SupportTicketAnswered(at, line.Flag),
            _ => new ConversationClosed(at, (ClosedBy)line.E1),
        };
    }

    private static string[] Products(Chunk chunk, ref ParsedLine line)
    {
        var products = new string[line.ProductsCount];
        for (var i = 0; i < products.Length; i++)
        {
            products[i] = chunk.GetString(chunk.Products[line.ProductsStart + i]);
        }

        return products;
    }

    /// <summary>The result; the applier must not be used afterwards.</summary>
    public ActivityLogResult Finish()
    {
        var latest = _latest == long.MinValue ? (Instant?)null : IsoInstant.ToInstant(_latest);
        var accounts = new List<AccountLog>(_accountBuilders.Count);
        foreach (var builder in _accountBuilders)
        {
            accounts.Add(builder.Build(this, _options.Policy, latest));
        }

        var kept = _options.KeepConversations ? _aggregates.Where(c => c is not null).Select(c => c!).ToList() : [];
        var stateBytes = ((long)(_stateCount + SegmentSize - 1) / SegmentSize * SegmentSize * System.Runtime.CompilerServices.Unsafe.SizeOf<ConversationState>()) + _keys.Bytes + _pool.Bytes + _products.Bytes + _tags.Bytes + _skills.Bytes;
        return new ActivityLogResult(accounts, _rejections, latest, LinesRead, _accepted, LinesSkipped, kept, stateBytes);
    }

    internal ref ConversationState State(int index) => ref _states[index >> SegmentBits][index & (SegmentSize - 1)];

    internal ConversationSummary Summary(int index)
    {
        ref var s = ref State(index);
        var key = _keys.Get(index);
        var id = ConversationId.From(System.Text.Encoding.UTF8.GetString(key[4..]));
        var tags = Array.ConvertAll(_pool.ToArray(s.Tags), t => _tags.GetString((int)t));
        var recommendations = Array.ConvertAll(_pool.ToArray(s.Recommendations), IsoInstant.ToInstant);
        return new ConversationSummary(
            id,
            _accountBuilders[s.Account].AccountId,
            (Channel)s.Channel,
            (ConversationMode)s.Mode,
            IsoInstant.ToInstant(s.StartedAt),
            IsoInstant.ToInstant(s.LastMessageAt),
            (MessageAuthor)s.LastAuthor,
            s.MessageCount,
            s.HandoffAt == ConversationState.None ? null : IsoInstant.ToInstant(s.HandoffAt),
            s.ClosedAt == ConversationState.None ? null : IsoInstant.ToInstant(s.ClosedAt),
            tags,
            s.InitialSkill < 0 ? null : _skills.GetString(s.InitialSkill),
            s.FinalSkill < 0 ? null : _skills.GetString(s.FinalSkill),
            recommendations,
            s.OpeningLineNumber,
            s.OpeningLineOffset);
    }

    internal long[] RecommendationInstants(int index) => _pool.ToArray(State(index).Recommendations);

    /// <summary>What the reader gathers per account while applying.</summary>
    private sealed class AccountBuilder(AccountId accountId)
    {
        private readonly HashSet<string> _orderIds = new(StringComparer.Ordinal);
        private readonly List<AccountSettings> _settings = [];
        private readonly List<Order> _orders = [];
        private AgentSwitchTimeline? _timeline;

        public AccountId AccountId { get; } = accountId;

        public List<int> Conversations { get; } = [];

        public List<Touch> Touches { get; } = [];

        public void AddSettings(AccountSettings settings)
        {
            if (_settings.Count > 0 && settings.At < _settings[^1].At)
            {
                throw new CustomerAgentException("H1", "at", InstantPattern.ExtendedIso.Format(settings.At), $"is earlier than the account's previous settings at {InstantPattern.ExtendedIso.Format(_settings[^1].At)}; settings lines are in time order");
            }

            _settings.Add(settings);
        }

        public void Switch(Channel channel, Instant at, bool enabled)
        {
            var timeline = _timeline ?? AgentSwitchTimeline.Empty(AccountId);
            _timeline = enabled ? timeline.Enable(channel, at) : timeline.Disable(channel, at);
        }

        public void AddOrder(Order order)
        {
            if (!_orderIds.Add(order.Id))
            {
                throw new CustomerAgentException("D5", "order", order.Id, "repeats an order already in the log; an order counts at most once");
            }

            _orders.Add(order);
        }

        public AccountLog Build(Applier applier, ConversationPolicy policy, Instant? latest) =>
            new(applier, AccountId, _settings.ToArray(), _timeline, _orders.ToArray(), Touches.ToArray(), Conversations.ToArray(), policy, latest);
    }
}
