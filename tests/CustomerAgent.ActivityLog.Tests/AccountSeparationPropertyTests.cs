using CustomerAgent.Conversations;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CustomerAgent.ActivityLog.Tests;

/// <summary>An account's lines, another account's lines, and where the other's lines go among the first's (null: appended).</summary>
public sealed record SeparationCase(List<AccountLine> Mine, List<AccountLine> Theirs, int[]? Slots)
{
    /// <summary>The log of <see cref="Mine"/> alone.</summary>
    public byte[] Alone() => Logs.Bytes([.. Mine.Select(l => l.Text)]);

    /// <summary>The log with <see cref="Theirs"/> appended or interleaved (each account's lines keep their order).</summary>
    public byte[] Mixed() => Logs.Bytes([.. Merge()]);

    private IEnumerable<string> Merge()
    {
        if (Slots is null)
        {
            return Mine.Concat(Theirs).Select(l => l.Text);
        }

        var merged = new List<string>();
        var j = 0;
        for (var i = 0; i <= Mine.Count; i++)
        {
            for (; j < Theirs.Count && Slots[j] <= i; j++)
            {
                merged.Add(Theirs[j].Text);
            }

            if (i < Mine.Count)
            {
                merged.Add(Mine[i].Text);
            }
        }

        return merged;
    }

    public override string ToString() => (Slots is null ? "appended" : "interleaved") + ":\n" + string.Join("\n", Merge());
}

/// <summary>
/// Accounts never move each other: adding any valid lines of another account (conversations with the same IDs and shoppers,
/// settings, switches, orders, touches, dated before, among or after this account's, up to 2150) to a log never changes anything
/// this account answers (<see cref="AccountSnapshot"/>): its as-of instant, counts, events, dashboard, sales and table.
/// </summary>
public sealed class AccountSeparationPropertyTests
{
    private static readonly Instant Late = Instant.FromUtc(2150, 1, 1, 0, 0);

    internal static Gen<SeparationCase> Cases { get; } =
        from mine in AccountLines.For("acme", Duration.Zero, minConversations: 1)
        from other in Gen.Elements("zeta", "ACME", "acm")
        from offset in Gen.Elements(Duration.Zero, Duration.FromMinutes(1), Duration.FromDays(-1), Duration.FromDays(1), Duration.FromDays(10))
        from theirs in AccountLines.For(other, offset)
        from late in Gen.Frequency((1, Gen.Constant(-1)), (1, Gen.Choose(0, 4)))
        from appended in Gen.Frequency((1, Gen.Constant(true)), (2, Gen.Constant(false)))
        from slots in Gen.Choose(0, mine.Count).ArrayOf(theirs.Count + 1)
        let all = late < 0 ? theirs : [.. theirs, new AccountLine(Late, AccountLines.LineAt(other, Late, late))]
        select new SeparationCase(mine, all, appended ? null : [.. slots.Take(all.Count).Order()]);

    private static ActivityLogResult Read(byte[] log) =>
        ActivityLogReader.Read(new MemoryStream(log), new ActivityLogReaderOptions { MaxDegreeOfParallelism = 1 });

    [Property(MaxTest = 200)]
    public Property R15_D1_another_accounts_lines_never_change_this_accounts_as_of_counts_events_dashboard_sales_or_table() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var alone = Read(c.Alone());
            var mixed = Read(c.Mixed());

            Assert.Empty(alone.Rejections);
            Assert.Empty(mixed.Rejections); // every line of both accounts is valid and applied
            var acme = AccountId.From("acme");
            Assert.Equal(
                AccountSnapshot.Of(alone.Accounts.Single(a => a.AccountId == acme)),
                AccountSnapshot.Of(mixed.Accounts.Single(a => a.AccountId == acme)));
        });

    /// <summary>The generator reaches what the property is about (a fixed seed): the other account's lines move the log's latest instant past this account's, share its conversation IDs, and include every kind of line.</summary>
    [Fact]
    public void The_separation_generator_reaches_later_lines_shared_ids_and_every_kind_of_line()
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in Cases.Sample(30, new Rnd(20261203UL), 150))
        {
            var mixed = Read(c.Mixed());
            var mine = mixed.Accounts.Single(a => a.AccountId.Value == "acme");
            if (mixed.LatestInstant > mine.LatestInstant)
            {
                reached.Add("another account's line later than everything of this one");
            }

            if (mixed.LatestInstant == Late)
            {
                reached.Add("a line in 2150");
            }

            if (c.Slots is not null && c.Slots.Any(s => s > 0 && s < c.Mine.Count))
            {
                reached.Add("interleaved");
            }

            foreach (var other in mixed.Accounts.Where(a => a.AccountId.Value != "acme"))
            {
                if (other.Conversations.Any(o => mine.Conversations.Any(m => m.Id == o.Id)))
                {
                    reached.Add("a conversation ID in both accounts");
                }

                reached.UnionWith(new[] { ("settings", other.SettingsHistory.Count), ("switches", other.Switches?.Changes.Count ?? 0), ("orders", other.Orders.Count), ("touches", other.Touches.Count) }.Where(x => x.Item2 > 0).Select(x => x.Item1));
            }

            var period = Dashboard.ReportingPeriod.ForInstants(Dashboard.AccountReportingSettings.Create(mine.AccountId, "UTC"), AccountLines.Base - Duration.FromDays(2), mine.AsOf!.Value + Duration.Epsilon);
            if (mine.Sales(period).Orders.Count > 0)
            {
                reached.Add("this account has AI-generated sales");
            }

            if (mine.Dashboard(period).Kpis.Volume > 0)
            {
                reached.Add("this account has volume");
            }
        }

        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                "another account's line later than everything of this one", "a line in 2150", "interleaved", "a conversation ID in both accounts",
                "settings", "switches", "orders", "touches", "this account has AI-generated sales", "this account has volume",
            },
            reached);
    }
}
