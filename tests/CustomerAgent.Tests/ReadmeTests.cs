using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Tests;

/// <summary>Keeps the README honest: its quick start is exactly <see cref="QuickStart"/>, which compiles and prints what the comments say.</summary>
[Collection(ConsoleTests.Name)]
public sealed class ReadmeTests
{
    private static string[] Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    private static List<string> Dedent(IEnumerable<string> lines)
    {
        var list = lines.ToList();
        var indent = list.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return list.Select(l => l.Length >= indent ? l[indent..].TrimEnd() : l.Trim()).ToList();
    }

    private static string Source(string fileName) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, fileName));

    [Fact]
    public void Readme_quick_start_is_the_compiled_quick_start()
    {
        var readme = Lines(Source("README.md"));
        var quickStart = Lines(Source("QuickStart.cs"));

        var heading = Array.FindIndex(readme, l => l.StartsWith("## Quick start", StringComparison.Ordinal));
        Assert.True(heading >= 0, "README has a '## Quick start' section");
        var open = Array.FindIndex(readme, heading, l => l.Trim() == "```csharp");
        var close = Array.FindIndex(readme, open + 1, l => l.Trim() == "```");
        var block = readme[(open + 1)..close];

        var usings = quickStart.TakeWhile(l => !l.StartsWith("namespace", StringComparison.Ordinal)).Where(l => l.StartsWith("using ", StringComparison.Ordinal));
        var from = Array.FindIndex(quickStart, l => l.Trim() == "// <quick-start>");
        var to = Array.FindIndex(quickStart, l => l.Trim() == "// </quick-start>");
        var expected = usings.Append(string.Empty).Concat(Dedent(quickStart[(from + 1)..to])).ToList();

        Assert.Equal(expected, block.Select(l => l.TrimEnd()).ToList());
        Assert.InRange(block.Length, 1, 24);
    }

    [Theory]
    [InlineData("di")]
    [InlineData("bulk")]
    [InlineData("sales")]
    [InlineData("dashboard")]
    public void Readme_snippets_are_the_compiled_regions_of_quick_start(string region)
    {
        var readme = Lines(Source("README.md"));
        var quickStart = Lines(Source("ReadmeSnippets.cs"));

        var marker = Array.FindIndex(readme, l => l.Trim() == $"<!-- readme:{region} -->");
        Assert.True(marker >= 0, $"README has a '<!-- readme:{region} -->' marker");
        var open = Array.FindIndex(readme, marker, l => l.Trim() == "```csharp");
        var close = Array.FindIndex(readme, open + 1, l => l.Trim() == "```");
        var from = Array.FindIndex(quickStart, l => l.Trim() == $"// <readme:{region}>");
        var to = Array.FindIndex(quickStart, l => l.Trim() == $"// </readme:{region}>");

        Assert.Equal(open, marker + 1);
        Assert.Equal(Dedent(quickStart[(from + 1)..to]), readme[(open + 1)..close].Select(l => l.TrimEnd()).ToList());
    }

    [Fact]
    public void D1_R20_the_readme_snippets_do_what_they_say()
    {
        var start = Instant.FromUtc(2026, 6, 7, 10, 0);
        var header = ConversationHeader.Create(ConversationId.From("c1"), AccountId.From("acme"), Channel.WebChat);
        Assert.Equal(ConversationStatus.Closed, ReadmeSnippets.DependencyInjection(header, start));

        var live = Conversation.Start(header, start, "Hi");
        live.RecordAgentMessage(start, "Hello", "general-qa");
        var preview = Conversation.Start(ConversationHeader.Create(ConversationId.From("c2"), AccountId.From("acme"), Channel.Sms, ConversationMode.Preview), start, "Test");
        var (counts, statuses) = ReadmeSnippets.Bulk(AccountId.From("acme"), ConversationPolicy.Default, [live, preview], start + Duration.FromHours(48));
        Assert.Equal(1, counts.Total);
        Assert.Equal([ConversationStatus.ResolvedByAi], statuses);

        var shopper = CustomerAgent.Attribution.ShopperIdentity.Create(AccountId.From("acme"), email: "ann@example.com");
        var withClick = Conversation.Start(ConversationHeader.Create(ConversationId.From("c3"), AccountId.From("acme"), Channel.WebChat, profile: Profile.Create(email: "ann@example.com")), start, "Shoes?");
        withClick.RecordAgentMessage(start, "These", "product-recommendations", ["SKU-1"]);
        withClick.RecordProductCardClick(start + Duration.FromMinutes(1), "SKU-1");
        var order = CustomerAgent.Attribution.Order.Create("o-1", shopper, start + Duration.FromHours(2), CustomerAgent.Attribution.Money.Of(40m, "EUR"), ["SKU-1"]);
        var period = CustomerAgent.Dashboard.ReportingPeriod.ForInstants(CustomerAgent.Dashboard.AccountReportingSettings.Create(AccountId.From("acme"), "UTC", IsoDayOfWeek.Monday), start, start + Duration.FromDays(1));
        var sales = ReadmeSnippets.Sales([withClick], [], [order], null, CustomerAgent.Attribution.AttributionSettingsHistory.Default, period, start + Duration.FromHours(3));
        Assert.Equal("c3", Assert.Single(sales.Orders).Conversation.Value);
        Assert.Empty(ReadmeSnippets.Sales([withClick], [], [order], null, CustomerAgent.Attribution.AttributionSettingsHistory.Default, period, start + Duration.FromHours(1)).Orders); // placed after "now": not yet (D1)
        Assert.Equal("c3", Assert.Single(sales.Orders).Conversation.Value);
    }

    [Fact]
    public void R13_R15_R18_the_readme_dashboard_snippet_does_what_it_says()
    {
        var account = AccountId.From("acme");
        var clock = new NodaTime.Testing.FakeClock(Instant.FromUtc(2026, 6, 7, 10, 0));
        var c = Conversation.Start(ConversationHeader.Create(ConversationId.From("c1"), account, Channel.Sms), Instant.FromUtc(2026, 6, 3, 9, 0), "Help");
        c.TriggerHandoff(Instant.FromUtc(2026, 6, 3, 9, 1), HandoffKind.TransferToHuman, HandoffMode.Hard, HandoffReason.ExplicitAsk);
        var timeline = CustomerAgent.Collection.AgentSwitchTimeline.Empty(account).Enable(Channel.Sms, Instant.FromUtc(2026, 1, 1, 0, 0));
        var sales = CustomerAgent.Attribution.AttributionCalculatorExtensions.AttributeBetween(new CustomerAgent.Attribution.AiGeneratedSalesCalculator(), [], CustomerAgent.Attribution.AttributionEvidence.FromConversations([c]), Instant.FromUtc(2026, 5, 31, 22, 0), Instant.FromUtc(2026, 6, 7, 22, 0));

        var (report, resolved, page, json) = ReadmeSnippets.Dashboard(account, clock, new CustomerAgent.Dashboard.OverviewDashboard(ConversationClassifier.Default), new CustomerAgent.Dashboard.ConversationQuery(ConversationClassifier.Default), [c], timeline, sales);

        Assert.Equal(1, report.Kpis.Volume);
        Assert.Equal(0, resolved!.Count);
        Assert.Equal("c1", Assert.Single(page.Rows).Id.Value);
        Assert.Contains("\"volume\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void R2_R5_D1_quick_start_prints_what_its_comments_promise()
    {
        var original = Console.Out;
        using var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            QuickStart.Run();
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Equal(["Open", "ResolvedByAi", "2026-06-09T10:01:00Z", "resolved-by-ai", ""], Lines(output.ToString()));
    }
}

/// <summary>Tests that redirect <see cref="Console.Out"/> run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleTests
{
    internal const string Name = "Console";
}
