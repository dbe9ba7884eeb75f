using NodaTime;

namespace CustomerAgent.Segments;

/// <summary>Evaluates segments (R21) on one account's activity as of an instant.</summary>
public interface ISegmentEvaluator
{
    /// <summary>The profiles of <paramref name="activity"/> that meet <paramref name="definition"/>'s condition as of <paramref name="asOf"/>, with the evidence.</summary>
    /// <param name="activity">One account's events and orders per profile.</param>
    /// <param name="definition">The segment.</param>
    /// <param name="asOf">The instant: events and orders after it do not count (D1); "in the last N days" counts from its local date.</param>
    /// <returns>The members.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="CustomerAgentException"><paramref name="asOf"/> is outside the supported range (H6).</exception>
    SegmentResult Evaluate(ProfileActivity activity, SegmentDefinition definition, Instant asOf);
}
