using CustomerAgent.Dashboard;
using NodaTime;

namespace CustomerAgent.Segments;

/// <summary>The follow-up flow of the events guide (R22): each recommendation enters; after the delay, the profile gets a follow-up with the recommended products unless it placed an order since.</summary>
public interface IFollowUpFlow
{
    /// <summary>The flow's settings.</summary>
    FollowUpFlowSettings Settings { get; }

    /// <summary>The sends and skips of <paramref name="activity"/> that fall in <paramref name="period"/>, as of <paramref name="asOf"/>.</summary>
    /// <param name="activity">One account's events and orders per profile.</param>
    /// <param name="period">A period of the same account.</param>
    /// <param name="asOf">The instant: recommendations and orders after it are not seen (D1).</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="CustomerAgentException">The period is another account's (ACCOUNT), or <paramref name="asOf"/> is outside the supported range (H6).</exception>
    FollowUpFlowResult Run(ProfileActivity activity, ReportingPeriod period, Instant asOf);
}
