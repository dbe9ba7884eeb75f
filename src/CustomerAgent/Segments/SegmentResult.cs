using CustomerAgent.Conversations;
using CustomerAgent.Events;
using NodaTime;

namespace CustomerAgent.Segments;

/// <summary>A member of a segment: the profile (its identifiers, as the events name it, R11) and why it is a member.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class SegmentMember
{
    private readonly SegmentEvaluator.Context _context;
    private readonly int _profile;
    private readonly int _seen;
    private ConditionEvidence[]? _evidence;

    internal SegmentMember(MetricProfile profile, SegmentEvaluator.Context context, int profileIndex, int seen)
    {
        Profile = profile;
        _context = context;
        _profile = profileIndex;
        _seen = seen;
    }

    /// <summary>The profile's identifiers: of each kind, the ordinally first among its events and orders.</summary>
    public MetricProfile Profile { get; }

    /// <summary>
    /// One entry per <see cref="SegmentConditionKind.HasDone"/> condition that holds and makes the profile a member (of an or,
    /// the branches that hold), in the condition's order. Gathered when first read (thread-safe).
    /// </summary>
    public IReadOnlyList<ConditionEvidence> Evidence =>
        LazyInitializer.EnsureInitialized(ref _evidence, () => SegmentEvaluator.EvidenceOf(_context, _profile, _seen));

    /// <summary>The profile, redacted.</summary>
    public override string ToString() => Profile.ToString();
}

/// <summary>A segment's members for one account as of an instant (R21).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class SegmentResult
{
    private readonly LazyList<(int Profile, int Seen), SegmentMember> _members;

    internal SegmentResult(SegmentDefinition definition, AccountId accountId, Instant asOf, int profilesConsidered, SegmentEvaluator.Context context, (int Profile, int Seen)[] members)
    {
        Definition = definition;
        AccountId = accountId;
        AsOf = asOf;
        ProfilesConsidered = profilesConsidered;
        // each member is made when first read, its evidence gathered when first asked for
        _members = new(members, m => new SegmentMember(context.Activity.Profiles[m.Profile].Identity, context, m.Profile, m.Seen));
    }

    /// <summary>The segment.</summary>
    public SegmentDefinition Definition { get; }

    /// <summary>The account.</summary>
    public AccountId AccountId { get; }

    /// <summary>The instant the segment is as of: nothing later counts (D1).</summary>
    public Instant AsOf { get; }

    /// <summary>The number of profiles with at least one event or order at or before <see cref="AsOf"/>.</summary>
    public int ProfilesConsidered { get; }

    /// <summary>The members, sorted by email, then phone number, external ID and anonymous ID (ordinal; a missing identifier last: identified profiles before anonymous ones).</summary>
    public IReadOnlyList<SegmentMember> Members => _members;

    /// <summary>The segment, account, instant and size.</summary>
    public override string ToString() => $"Segment {Definition.Name} ({AccountId}, as of {Preconditions.Format(AsOf)}): {_members.Count} of {ProfilesConsidered} profiles";
}
