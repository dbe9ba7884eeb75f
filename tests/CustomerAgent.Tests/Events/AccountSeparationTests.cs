using CustomerAgent.Bulk;
using CustomerAgent.Conversations;
using CustomerAgent.Events;
using CustomerAgent.Serialization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static CustomerAgent.Tests.TestData;

namespace CustomerAgent.Tests.Events;

/// <summary>Two accounts may use the same conversation ID and shopper identity; their data never mixes (issue #7.3).</summary>
public sealed class AccountSeparationTests
{
    private static readonly MetricEventFactory Factory = MetricEventFactory.Default;

    private static Conversation Resolved(string account, string id = "conv-1", Profile? profile = null)
    {
        var c = Conversation.Start(Header(id, profile: profile ?? Profile.Create(email: "same@example.com"), account: account), T0, "Hi");
        c.RecordAgentMessage(Min(1), "These?", "product-recommendations", ["SKU-1"]);
        c.Close(Min(2), ClosedBy.Visitor);
        return c;
    }

    [Fact]
    public void D4_every_event_carries_its_account_and_unique_ids_never_collide_across_accounts()
    {
        var a = Factory.EventsAsOf(Resolved("acme"), Min(5));
        var b = Factory.EventsAsOf(Resolved("globex"), Min(5));

        Assert.All(a, e => Assert.Equal(AccountId.From("acme"), e.AccountId));
        Assert.All(b, e => Assert.Equal(AccountId.From("globex"), e.AccountId));
        Assert.Empty(a.Select(e => e.UniqueId).Intersect(b.Select(e => e.UniqueId)));
        Assert.Equal("acme:conv-1:started", a[0].UniqueId);
    }

    [Fact]
    public void D4_a_colon_in_an_id_cannot_make_two_accounts_ids_collide()
    {
        var left = Factory.EventsAsOf(Resolved("a:b", "c"), Min(5)).Select(e => e.UniqueId);
        var right = Factory.EventsAsOf(Resolved("a", "b:c"), Min(5)).Select(e => e.UniqueId);

        Assert.Empty(left.Intersect(right));
        Assert.Contains("a%3Ab:c:started", left);
        Assert.Contains("a:b%3Ac:started", right);
    }

    [Fact]
    public void R11_anonymous_ids_are_per_account()
    {
        var a = Factory.EventsAsOf(Resolved("acme", profile: Profile.Anonymous), Min(5))[0].Profile.AnonymousId;
        var b = Factory.EventsAsOf(Resolved("globex", profile: Profile.Anonymous), Min(5))[0].Profile.AnonymousId;

        Assert.Equal("customer-agent-conversation:acme:conv-1", a);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void D4_a_bulk_batch_of_two_accounts_is_rejected_with_a_message_that_says_so()
    {
        var events = Factory.EventsAsOf(Resolved("acme"), Min(5)).Concat(Factory.EventsAsOf(Resolved("globex"), Min(5)));

        var ex = Assert.Throws<CustomerAgentException>(() => MetricEventBatch.Create(events));

        Assert.Equal("ACCOUNT", ex.Rule);
        Assert.Equal("events[3].accountId", ex.Field);
        Assert.Contains("one account's events", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("repeats", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void D4_chunk_splits_events_per_account_and_each_batch_reads_back_with_its_account()
    {
        var events = Factory.EventsAsOf(Resolved("acme"), Min(5)).Concat(Factory.EventsAsOf(Resolved("globex"), Min(5))).ToList();

        var batches = MetricEventBatch.Chunk(events);

        Assert.Equal([AccountId.From("acme"), AccountId.From("globex")], batches.Select(b => b.AccountId));
        Assert.All(batches, b => Assert.All(b.Events, e => Assert.Equal(b.AccountId, e.AccountId)));
        Assert.Equal(events.Count, batches.Sum(b => b.Events.Count));
        Assert.All(batches, b => Assert.Equal(b, CustomerAgentJson.DeserializeBatch(CustomerAgentJson.Serialize(b))));
    }

    [Fact]
    public void R15_counts_of_two_accounts_never_add_up()
    {
        var batches = ConversationBatch.PerAccount(ConversationPolicy.Default, [Resolved("acme"), Resolved("globex"), Resolved("acme", "conv-2")]);
        var acme = BulkStatusClassifier.Default.CountByStatus(batches[AccountId.From("acme")], Min(5));
        var globex = BulkStatusClassifier.Default.CountByStatus(batches[AccountId.From("globex")], Min(5));

        Assert.Equal(2, acme.ResolvedByAi);
        Assert.Equal(1, globex.ResolvedByAi);
        Assert.Equal("ACCOUNT", Assert.Throws<CustomerAgentException>(() => acme + globex).Rule);
        Assert.Equal(acme, acme + default(StatusCounts));
        var byChannel = BulkStatusClassifier.Default.CountByChannelAndStatus(batches[AccountId.From("acme")], Min(5));
        Assert.Equal("ACCOUNT", Assert.Throws<CustomerAgentException>(() => byChannel + BulkStatusClassifier.Default.CountByChannelAndStatus(batches[AccountId.From("globex")], Min(5))).Rule);
    }

    [Fact]
    public void R15_a_batch_rejects_a_conversation_of_another_account()
    {
        var ex = Assert.Throws<CustomerAgentException>(() => ConversationBatch.FromConversations(AccountId.From("acme"), ConversationPolicy.Default, [Resolved("acme"), Resolved("globex")]));

        Assert.Equal("ACCOUNT", ex.Rule);
        Assert.Equal("conversation.accountId", ex.Field);
        Assert.Equal("globex", ex.Value);
    }

    /// <summary>Adding a second account's conversations (same IDs, same shopper) never changes the first account's events or counts.</summary>
    [Property(MaxTest = 150)]
    public Property R15_D4_adding_a_second_accounts_data_never_changes_the_first_accounts_events_or_counts()
    {
        var recipes = MetricEventPropertyTests.Recipes.ListOf().Select(l => l.Take(6).ToList()).ToArbitrary();
        return Prop.ForAll(recipes, recipes, (mine, theirs) =>
        {
            var first = mine.Select((r, i) => MetricEventPropertyTests.Build(r.Steps, r.Preview, r.Channel, "acme", $"conv-{i}", r.Anonymous)).ToList();
            var second = theirs.Select((r, i) => MetricEventPropertyTests.Build(r.Steps, r.Preview, r.Channel, "globex", $"conv-{i}", r.Anonymous)).ToList();
            var asOf = first.Concat(second).Select(MetricEventPropertyTests.Horizon).DefaultIfEmpty(T0).Max();

            var alone = first.SelectMany(c => Factory.EventsAsOf(c, asOf)).ToList();
            var mixed = first.Concat(second).SelectMany(c => Factory.EventsAsOf(c, asOf)).ToList();
            Assert.Equal(alone, mixed.Where(e => e.AccountId == AccountId.From("acme")));
            Assert.Empty(alone.Select(e => e.UniqueId).Intersect(mixed.Where(e => e.AccountId != AccountId.From("acme")).Select(e => e.UniqueId)));
            Assert.Equal(
                MetricEventBatch.Chunk(alone),
                MetricEventBatch.Chunk(mixed).Where(b => b.AccountId == AccountId.From("acme")));

            var batchAlone = ConversationBatch.FromConversations(AccountId.From("acme"), ConversationPolicy.Default, first);
            var perAccount = ConversationBatch.PerAccount(ConversationPolicy.Default, second.Concat(first));
            var countsAlone = BulkStatusClassifier.Default.CountByStatus(batchAlone, asOf);
            var countsMixed = perAccount.TryGetValue(AccountId.From("acme"), out var b) ? BulkStatusClassifier.Default.CountByStatus(b, asOf) : countsAlone;
            Assert.Equal(countsAlone, countsMixed);
        });
    }
}
