using CustomerAgent.Bulk;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using NodaTime;

namespace CustomerAgent.Tests.Bulk;

/// <summary>
/// The bulk path's argument checks name the argument (the runtime's own exceptions deeper down would name another or none),
/// and its rule errors name the rule, the field and the reason.
/// </summary>
public sealed class BulkArgumentTests
{
    private static readonly AccountId Acct = AccountId.From("acct-1");
    private static readonly Instant At = Instant.FromUtc(2026, 6, 1, 10, 0);
    private static readonly long T = ConversationBatch.ToUnixNanoseconds(At);

    private static ConversationBatch Two(AccountId? account = null, ConversationPolicy? policy = null) =>
        ConversationBatch.FromColumns(account ?? Acct, policy ?? ConversationPolicy.Default, [T, T + 1], [T, T + 1], [0, 1], [ConversationBatch.NoInstant, ConversationBatch.NoInstant], [ConversationBatch.NoInstant, ConversationBatch.NoInstant], [0, 1]);

    private static DashboardScope Scope(AccountId? account = null) =>
        DashboardScope.Create(ReportingPeriod.ForDates(AccountReportingSettings.Create(account ?? Acct, "UTC"), new LocalDate(2026, 6, 1), new LocalDate(2026, 6, 7)), Instant.FromUtc(2026, 6, 10, 0, 0));

    [Fact]
    public void The_bulk_dashboards_row_range_and_thread_count_are_refused_by_name()
    {
        var batch = Two();
        var dashboard = BulkDashboard.Default;

        Assert.Equal("start", Assert.Throws<ArgumentOutOfRangeException>(() => dashboard.CountRows(batch, -1, 1, Scope())).ParamName);
        Assert.Equal("length", Assert.Throws<ArgumentOutOfRangeException>(() => dashboard.CountRows(batch, 0, -1, Scope())).ParamName);
        Assert.Equal("length", Assert.Throws<ArgumentOutOfRangeException>(() => dashboard.CountRows(batch, 1, 2, Scope())).ParamName);
        foreach (var degree in new[] { 0, -2, int.MinValue })
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => dashboard.CountParallel(batch, Scope(), degree));
            Assert.Equal(("maxDegreeOfParallelism", (object)degree), (ex.ParamName, ex.ActualValue));
        }

        Assert.Equal(2, dashboard.CountParallel(batch, Scope()).Kpis.Volume);
        Assert.Equal(2, dashboard.CountParallel(batch, Scope(), -1).Kpis.Volume);
        Assert.Equal("other", Assert.Throws<ArgumentNullException>(() => dashboard.Count(batch, Scope()).Merge(null!)).ParamName);
    }

    [Fact]
    public void R15_D1_the_bulk_dashboard_names_the_other_account_and_the_other_policy()
    {
        var account = Assert.Throws<CustomerAgentException>(() => BulkDashboard.Default.Count(Two(AccountId.From("acct-2")), Scope()));
        Assert.Equal(("R15", "batch.accountId", "acct-2"), (account.Rule, account.Field, account.Value));
        Assert.Contains("one account's data never counts in another's", account.Message, StringComparison.Ordinal);

        var policy = Assert.Throws<CustomerAgentException>(() => BulkDashboard.Default.Count(Two(policy: ConversationPolicy.Create(Duration.FromHours(1))), Scope()));
        Assert.Equal(("D1", "batch.policy"), (policy.Rule, policy.Field));
    }

    [Fact]
    public void The_classifiers_row_range_and_thread_count_are_refused_by_name()
    {
        var batch = Two();
        var classifier = BulkStatusClassifier.Default;

        Assert.Equal("start", Assert.Throws<ArgumentOutOfRangeException>(() => classifier.CountByStatus(batch, -1, 1, At + Duration.Epsilon)).ParamName);
        Assert.Equal("length", Assert.Throws<ArgumentOutOfRangeException>(() => classifier.CountByStatus(batch, 0, -1, At + Duration.Epsilon)).ParamName);
        Assert.Equal("length", Assert.Throws<ArgumentOutOfRangeException>(() => classifier.CountByStatus(batch, 1, 2, At + Duration.Epsilon)).ParamName);
        foreach (var degree in new[] { 0, -2 })
        {
            Assert.Equal("maxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() => classifier.CountByStatusParallel(batch, At + Duration.Epsilon, degree)).ParamName);
            Assert.Equal("maxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() => classifier.CountByChannelAndStatusParallel(batch, At + Duration.Epsilon, degree)).ParamName);
            Assert.Equal("maxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() => classifier.ClassifyParallel(batch, At + Duration.Epsilon, new ConversationStatus[2], degree)).ParamName);
        }

        Assert.Equal(2, classifier.CountByStatusParallel(batch, At + Duration.Epsilon).Total);
        Assert.Equal("batch", Assert.Throws<ArgumentNullException>(() => classifier.CountByStatus(null!, 0, 0, At)).ParamName);
    }

    [Fact]
    public void D1_BULK_the_classifier_names_the_policy_the_instant_and_the_kernel()
    {
        var other = Assert.Throws<CustomerAgentException>(() => BulkStatusClassifier.Default.CountByStatus(Two(policy: ConversationPolicy.Create(Duration.FromHours(1))), At + Duration.Epsilon));
        Assert.Equal(("D1", "batch.policy"), (other.Rule, other.Field));
        Assert.Contains("build batches and classifiers from the one policy the services use", other.Message, StringComparison.Ordinal);

        var early = Assert.Throws<CustomerAgentException>(() => BulkStatusClassifier.Default.CountByStatus(Two(), At));
        Assert.Equal(("D1", "asOf"), (early.Rule, early.Field));
        Assert.Contains("is before the latest conversation start in the batch", early.Message, StringComparison.Ordinal);

        var kernel = Assert.Throws<CustomerAgentException>(() => new BulkStatusClassifier(ConversationPolicy.Default, (BulkKernel)9));
        Assert.Equal(("BULK", "kernel", "9"), (kernel.Rule, kernel.Field, kernel.Value));
    }

    [Fact]
    public void R1_R14_the_counts_name_the_undefined_channel_or_status()
    {
        var counts = BulkStatusClassifier.Default.CountByChannelAndStatus(Two(), At + Duration.Epsilon);

        var channel = Assert.Throws<CustomerAgentException>(() => counts[(Channel)7, ConversationStatus.Open]);
        Assert.Equal(("R14", "channel"), (channel.Rule, channel.Field));
        var status = Assert.Throws<CustomerAgentException>(() => counts[Channel.Sms, (ConversationStatus)9]);
        Assert.Equal(("R1", "status"), (status.Rule, status.Field));
        var total = Assert.Throws<CustomerAgentException>(() => counts.Total[(ConversationStatus)9]);
        Assert.Equal(("R1", "status"), (total.Rule, total.Field));
    }

    [Fact]
    public void A_batch_from_no_conversations_names_the_missing_argument()
    {
        Assert.Equal("conversations", Assert.Throws<ArgumentNullException>(() => ConversationBatch.FromConversations(Acct, ConversationPolicy.Default, null!)).ParamName);
    }
}
