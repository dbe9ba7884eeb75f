using System.Buffers.Binary;
using CustomerAgent.Attribution;
using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using CustomerAgent.Serialization;
using NodaTime;
using NodaTime.Text;

namespace CustomerAgent.ActivityLog;

/// <summary>
/// The apply stage: takes parsed lines in file order and applies each to the facts of its conversation (or to its account),
/// through the core's rule methods (<see cref="FactsTable"/>: H1, H2, H3, H4, D2, R1, R6), so the reader and the
/// <see cref="Conversation"/> aggregate can never disagree. With <see cref="ActivityLogReaderOptions.KeepConversations"/>
/// every accepted line is also recorded on the conversation's aggregate (texts and history). Not thread-safe (one applying
/// thread).
/// </summary>
internal sealed class Applier
{
    private readonly ActivityLogReaderOptions _options;
    private readonly Utf8Interner _accounts = new();
    private readonly List<AccountBuilder> _accountBuilders = [];

    /// <summary>(account index, conversation ID) → row of <see cref="Table"/>: every conversation key gets one row, in order of first appearance.</summary>
    private readonly Utf8Interner _keys = new();
    private readonly List<Conversation?> _aggregates = [];
    private readonly List<RejectedLine> _rejections = [];
    private long[] _openingLineNumbers;
    private long[] _openingLineOffsets;
    private int[] _rowAccounts;
    private bool[] _poisoned;

    /// <summary>Per row, where its profile's fields start in <see cref="_profiles"/>, or −1 when the opening line had no profile.</summary>
    private int[] _profileAt;

    /// <summary>The opening lines' profile fields, each as a 4-byte length (−1 = absent) then its UTF-8 bytes: name, email, phone, external ID.</summary>
    private byte[] _profiles;
    private int _profilesLength;
    private byte[] _keyBuffer = new byte[256];
    private long _latest = long.MinValue;
    private long _accepted;
    private int _lastAccount = -1;

    /// <summary>An applier for a log of any size.</summary>
    /// <param name="options">How to read.</param>
    /// <param name="initialRows">The room for conversations made up front (a feed of one conversation needs little).</param>
    /// <exception cref="ArgumentException"><see cref="ActivityLogReaderOptions.CountsOnly"/> with aggregates asked for.</exception>
    public Applier(ActivityLogReaderOptions options, int initialRows = 1024)
    {
        if (options.CountsOnly && (options.KeepConversations || options.KeepConversation is not null))
        {
            throw new ArgumentException("CountsOnly keeps only what statuses and counts need: it cannot also keep conversations as aggregates (KeepConversations, KeepConversation)", nameof(options));
        }

        _options = options;
        initialRows = Math.Max(initialRows, 1);
        _openingLineNumbers = new long[initialRows];
        _openingLineOffsets = new long[initialRows];
        _rowAccounts = new int[initialRows];
        _poisoned = new bool[initialRows];
        _profileAt = new int[initialRows];
        _profiles = new byte[Math.Min(1 << 12, initialRows * 256)];
        Table = new FactsTable(options.Policy, IdOf) { AsOfCutoff = options.AsOf is { } asOf ? UnixNanoseconds.From(asOf) : FactsTable.None, KeepsDetails = !options.CountsOnly };
    }

    /// <summary>The facts of every conversation of the log, one row per conversation key (a key whose opening line was rejected keeps an unopened row).</summary>
    internal FactsTable Table { get; }

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
                var account = Apply(chunk, ref line, number, chunk.BaseOffset + line.Start);
                _accepted++;
                if (line.At > _latest)
                {
                    _latest = line.At;
                }

                _accountBuilders[account].SawLine(line.At);

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

    /// <summary>The number of lines rejected so far.</summary>
    internal int RejectionCount => _rejections.Count;

    /// <summary>The last line rejected.</summary>
    internal RejectedLine LastRejection => _rejections[^1];

    /// <summary>The opened conversations so far, account by account, in order of opening.</summary>
    internal IEnumerable<ConversationSummary> Summaries() => _accountBuilders.SelectMany(b => b.Conversations).Select(Summary);

    /// <summary>The agent switches of an account so far, or null when it has none (or the feed has no line of it).</summary>
    internal AgentSwitchTimeline? SwitchesOf(AccountId account) => _accountBuilders.Find(b => b.AccountId == account)?.Timeline;

    /// <summary>
    /// The metric events in [<paramref name="startInclusive"/>, <paramref name="endExclusive"/>) of the rows given, through
    /// <c>MetricEventFactory.EventsBetween(header, facts, …)</c>
    /// (preview conversations and ones begun while the agent was off have none: R20, R12).
    /// </summary>
    internal IEnumerable<Events.MetricEvent> EventsOf(IEnumerable<int> rows, AccountId account, Events.MetricEventFactory factory, Instant startInclusive, Instant endExclusive, AgentSwitchTimeline? switches)
    {
        foreach (var row in rows)
        {
            var facts = Facts(row);
            if (!facts.IsCountedInMetrics)
            {
                continue;
            }

            var header = ConversationHeader.Create(ConversationId.From(IdOf(row)), account, facts.Channel, facts.Mode, ProfileOf(row));
            foreach (var metricEvent in factory.EventsBetween(header, facts, startInclusive, endExclusive, switches).Collected)
            {
                yield return metricEvent;
            }
        }
    }

    /// <summary>The rows of an account's opened conversations so far.</summary>
    internal IReadOnlyList<int> RowsOf(AccountId account) => _accountBuilders.Find(b => b.AccountId == account)?.Conversations ?? (IReadOnlyList<int>)[];

    /// <summary>The accounts seen so far.</summary>
    internal IEnumerable<AccountId> AccountIds => _accountBuilders.Select(b => b.AccountId);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
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

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>The row of the line's conversation, added (unopened, poisoned) when new.</summary>
    private int RowOf(Chunk chunk, ref ParsedLine line, long number, int account, out bool added)
    {
        var row = _keys.Intern(Key(account, chunk.Get(line.Conversation)), KeyHash(account, line.ConversationHash), out added);
        if (added)
        {
            Table.AddRow();
            if (row == _poisoned.Length)
            {
                var size = row * 2;
                Array.Resize(ref _openingLineNumbers, size);
                Array.Resize(ref _openingLineOffsets, size);
                Array.Resize(ref _rowAccounts, size);
                Array.Resize(ref _poisoned, size);
                Array.Resize(ref _profileAt, size);
            }

            _openingLineNumbers[row] = number;
            _rowAccounts[row] = account;
            _poisoned[row] = true;
            _aggregates.Add(null);
        }

        return row;
    }

    private void PoisonIfNew(Chunk chunk, ref ParsedLine line, long number) =>
        RowOf(chunk, ref line, number, AccountIndex(chunk, line.Account), out _);

    /// <summary>Applies one parsed line; returns its account's index.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private int Apply(Chunk chunk, ref ParsedLine line, long number, long offset)
    {
        var account = AccountIndex(chunk, line.Account);
        switch (line.Kind)
        {
            case LineKind.AccountSettings:
                _accountBuilders[account].AddSettings((AccountSettings)line.Extra!);
                return account;
            case LineKind.AgentSwitch:
                _accountBuilders[account].Switch((Channel)line.Channel, UnixNanoseconds.ToInstant(line.At), line.Flag);
                return account;
            case LineKind.Order:
                _accountBuilders[account].AddOrder((Order)line.Extra!, keep: !_options.CountsOnly);
                return account;
            case LineKind.Touch:
                if (!_options.CountsOnly)
                {
                    _accountBuilders[account].Touches.Add((Touch)line.Extra!);
                }

                return account;
        }

        var row = RowOf(chunk, ref line, number, account, out var added);
        if (added)
        {
            Open(chunk, ref line, offset, account, row);
            return account;
        }

        if (_poisoned[row])
        {
            throw new CustomerAgentException("H5", "conversation", chunk.GetString(line.Conversation), $"cannot continue: its opening line (line {_openingLineNumbers[row]}) was rejected, so every later line of it is rejected too (docs/activity-log.md)");
        }

        if ((line.Present & ((1u << (int)Field.Mode) | (1u << (int)Field.Profile))) != 0 && line.Kind == LineKind.ShopperMessage)
        {
            throw new CustomerAgentException("LOG", (line.Present & (1u << (int)Field.Mode)) != 0 ? "mode" : "profile", null, "is only allowed on a conversation's opening line");
        }

        if (line.Channel != ParsedLine.Absent)
        {
            Table.CheckChannel(row, (Channel)line.Channel);
        }

        ApplyFacts(chunk, ref line, row);
        _aggregates[row]?.Apply(ToActivity(chunk, ref line));
        return account;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Open(Chunk chunk, ref ParsedLine line, long offset, int account, int row)
    {
        if (line.Kind != LineKind.ShopperMessage || line.Channel == ParsedLine.Absent)
        {
            throw line.Kind != LineKind.ShopperMessage
                ? new CustomerAgentException("H5", "type", ToTypeName(line.Kind), $"cannot open conversation {Echo(chunk, line.Conversation)}: its first line must be a shopper-message (R6)")
                : new CustomerAgentException("LOG", "channel", null, $"is missing (field 'channel' is required on the opening line of conversation {Echo(chunk, line.Conversation)})");
        }

        var mode = line.Mode == 1 ? ConversationMode.Preview : ConversationMode.Live;
        Table.Open(row, line.At, (Channel)line.Channel, mode);
        if (_options.KeepConversations || (_options.KeepConversation is { } keep && keep(_accountBuilders[account].AccountId, ConversationId.From(chunk.GetString(line.Conversation)))))
        {
            var header = ConversationHeader.Create(
                ConversationId.From(chunk.GetString(line.Conversation)),
                _accountBuilders[account].AccountId,
                (Channel)line.Channel,
                mode,
                line.Extra as Profile);
            _aggregates[row] = Conversation.Start(header, UnixNanoseconds.ToInstant(line.At), chunk.GetString(line.Text), _options.Policy);
        }

        _openingLineOffsets[row] = offset;
        _poisoned[row] = false;
        _profileAt[row] = _options.CountsOnly || (line.Present & (1u << (int)Field.Profile)) == 0 ? -1 : KeepProfile(chunk, ref line);
        _accountBuilders[account].Conversations.Add(row);
    }

    /// <summary>The line's activity through the core's rule method for its kind.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void ApplyFacts(Chunk chunk, ref ParsedLine line, int row)
    {
        var at = line.At;
        switch (line.Kind)
        {
            case LineKind.ShopperMessage:
                Table.RecordShopperMessage(row, at);
                break;
            case LineKind.AgentMessage:
                Table.RecordAgentMessage(row, at, chunk.Get(line.Skill), line.ValueHash, new ChunkProducts(chunk, line.ProductsStart, line.ProductsCount));
                break;
            case LineKind.ProductClick:
                Table.RecordProductCardClick(row, at, chunk.Get(line.Value));
                break;
            case LineKind.Tag:
                Table.ApplyTag(row, at, chunk.Get(line.Value), line.ValueHash);
                break;
            case LineKind.Handoff:
                Table.TriggerHandoff(row, at, (HandoffKind)line.E1, (HandoffMode)line.E2, (HandoffReason)line.E3);
                break;
            case LineKind.TicketOffer:
                Table.OfferSupportTicket(row, at, (HandoffMode)line.E2, (HandoffReason)line.E3);
                break;
            case LineKind.TicketAnswer:
                Table.AnswerSupportTicketOffer(row, at, line.Flag);
                break;
            case LineKind.Close:
                Table.Close(row, at, (ClosedBy)line.E1);
                break;
        }
    }

    /// <summary>Appends the opening line's profile fields to the profile arena; returns where they start.</summary>
    private int KeepProfile(Chunk chunk, ref ParsedLine line)
    {
        var start = _profilesLength;
        Span<Str> fields = [line.ProfileName, line.ProfileEmail, line.ProfilePhone, line.ProfileExternalId];
        foreach (var field in fields)
        {
            var bytes = chunk.Get(field);
            var need = _profilesLength + 4 + bytes.Length;
            if (need > _profiles.Length)
            {
                Array.Resize(ref _profiles, Math.Max(need, _profiles.Length * 2));
            }

            BinaryPrimitives.WriteInt32LittleEndian(_profiles.AsSpan(_profilesLength), field.IsPresent ? bytes.Length : -1);
            bytes.CopyTo(_profiles.AsSpan(_profilesLength + 4));
            _profilesLength = need;
        }

        return start;
    }

    /// <summary>
    /// The profile of a row's opening line (validated and normalized by <see cref="Profile.Create"/>, R11); the anonymous profile
    /// when it had none. Without <paramref name="withName"/> the name is not read (the events and attribution do not use it).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal Profile ProfileOf(int row, bool withName = true) =>
        FieldsOf(row, withName) is { } f ? Profile.Create(f.Name, f.Email, f.Phone, f.External) : Profile.Anonymous;

    /// <summary>The email, phone number and external ID of a row's opening line, as <see cref="Profile.Create"/> keeps them (<see cref="Profile.NormalizeIdentifiers"/>, R11); all null when it had no profile. The name is not read.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal (string? Email, string? PhoneNumber, string? ExternalId) IdentifiersOf(int row) =>
        FieldsOf(row, withName: false) is { } f ? Profile.NormalizeIdentifiers(f.Email, f.Phone, f.External) : default;

    /// <summary>The profile fields of a row's opening line as written (the name only <paramref name="withName"/>); null when it had no profile.</summary>
    private (string? Name, string? Email, string? Phone, string? External)? FieldsOf(int row, bool withName)
    {
        var at = _profileAt[row];
        if (at < 0)
        {
            return null;
        }

        var name = ProfileField(ref at, withName);
        var email = ProfileField(ref at, read: true);
        var phone = ProfileField(ref at, read: true);
        return (name, email, phone, ProfileField(ref at, read: true));
    }

    /// <summary>The profile field at <paramref name="at"/> (null when absent or not <paramref name="read"/>); moves past it.</summary>
    private string? ProfileField(ref int at, bool read)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(_profiles.AsSpan(at));
        var value = length < 0 || !read ? null : System.Text.Encoding.UTF8.GetString(_profiles, at + 4, length);
        at += 4 + Math.Max(length, 0);
        return value;
    }

    private static string Echo(Chunk chunk, Str s) => CustomerAgentException.Cut(chunk.GetString(s))!;

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
        var at = UnixNanoseconds.ToInstant(line.At);
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
        var latest = _latest == long.MinValue ? (Instant?)null : UnixNanoseconds.ToInstant(_latest);
        var accounts = new List<AccountLog>(_accountBuilders.Count);
        foreach (var builder in _accountBuilders)
        {
            accounts.Add(builder.Build(this, _options));
        }

        var kept = _aggregates.Where(c => c is not null).Select(c => c!).ToList();
        var stateBytes = Table.Bytes + _keys.Bytes + _accounts.Bytes + ((long)_poisoned.Length * ((8 * 2) + 4 + 4 + 1)) + _profiles.LongLength;
        return new ActivityLogResult(accounts, _rejections, latest, LinesRead, _accepted, LinesSkipped, kept, stateBytes);
    }

    /// <summary>The row of a conversation of the account.</summary>
    internal int RowOf(AccountId account, ConversationId id) =>
        TryRowOf(account, id, out var row) ? row : throw new KeyNotFoundException($"conversation {CustomerAgentException.Cut(id.Value)} is not in account {CustomerAgentException.Cut(account.Value)}");

    /// <summary>The row of a conversation of the account, if the log has it (opened or not). Thread-safe once the read is over.</summary>
    internal bool TryRowOf(AccountId account, ConversationId id, out int row)
    {
        var index = _accounts.Find(System.Text.Encoding.UTF8.GetBytes(account.Value));
        var idBytes = System.Text.Encoding.UTF8.GetBytes(id.Value);
        var key = new byte[idBytes.Length + 4];
        BinaryPrimitives.WriteInt32LittleEndian(key, index);
        idBytes.CopyTo(key, 4);
        row = index < 0 ? -1 : _keys.Find(key, KeyHash(index, Utf8Interner.Hash(idBytes)));
        return row >= 0;
    }

    /// <summary>The conversation ID of a row.</summary>
    internal string IdOf(int row) => System.Text.Encoding.UTF8.GetString(_keys.Get(row)[4..]);

    internal long OpeningLineNumber(int row) => _openingLineNumbers[row];

    internal long OpeningLineOffset(int row) => _openingLineOffsets[row];

    /// <summary>The facts of an opened row as of the read's <see cref="ActivityLogReaderOptions.AsOf"/> (all of them without one); <c>default</c> when it started later.</summary>
    internal ConversationFacts Facts(int row) => Table.SlotAsOfCutoff(row) is var slot and not -1 ? new(Table, slot) : default;

    internal ConversationSummary Summary(int row) => new(
        ConversationId.From(IdOf(row)),
        _accountBuilders[_rowAccounts[row]].AccountId,
        Facts(row),
        ProfileOf(row),
        _openingLineNumbers[row],
        _openingLineOffsets[row]);

    /// <summary>The products of an agent-message line, in the chunk.</summary>
    private readonly struct ChunkProducts(Chunk chunk, int start, int count) : IUtf8List
    {
        public int Count => count;

        public ReadOnlySpan<byte> this[int index] => chunk.Get(chunk.Products[start + index]);
    }

    /// <summary>What the reader gathers per account while applying.</summary>
    private sealed class AccountBuilder(AccountId accountId)
    {
        private readonly HashSet<string> _orderIds = new(StringComparer.Ordinal);
        private readonly List<AccountSettings> _settings = [];
        private readonly List<Order> _orders = [];
        private AgentSwitchTimeline? _timeline;
        private long _latest = long.MinValue;

        public AccountId AccountId { get; } = accountId;

        public AgentSwitchTimeline? Timeline => _timeline;

        /// <summary>Notes an accepted line of the account at <paramref name="at"/> (its latest instant is its default "now").</summary>
        public void SawLine(long at) => _latest = Math.Max(_latest, at);

        public List<int> Conversations { get; } = [];

        public List<Touch> Touches { get; } = [];

        public void AddSettings(AccountSettings settings)
        {
            if (_settings.Count > 0)
            {
                AttributionSettingsHistory.CheckInOrder(_settings[^1].At, settings.At);
            }

            _settings.Add(settings);
        }

        public void Switch(Channel channel, Instant at, bool enabled)
        {
            var timeline = _timeline ?? AgentSwitchTimeline.Empty(AccountId);
            _timeline = enabled ? timeline.Enable(channel, at) : timeline.Disable(channel, at);
        }

        /// <summary>D5 for every order; the order itself kept only when <paramref name="keep"/> (not for a counts-only read).</summary>
        public void AddOrder(Order order, bool keep)
        {
            AttributionEngine.AddOnce(_orderIds, order);
            if (keep)
            {
                _orders.Add(order);
            }
        }

        public AccountLog Build(Applier applier, ActivityLogReaderOptions options) =>
            new(applier, AccountId, _settings.ToArray(), _timeline, _orders.ToArray(), Touches.ToArray(), options.AsOf is null ? Conversations.ToArray() : Conversations.Where(row => !applier.Facts(row).IsDefault).ToArray(), options, _latest == long.MinValue ? null : UnixNanoseconds.ToInstant(_latest));
    }
}
