using System.Net;
using System.Text.Json.Nodes;
using CustomerAgent.ActivityLog;
using CustomerAgent.Conversations;
using CustomerAgent.Web;

namespace CustomerAgent.Cli.Tests;

/// <summary>Issue 17: <c>customer-agent serve</c>: its arguments, and the app it starts (the page and API of CustomerAgent.Web, tested there in depth).</summary>
public sealed class ServeCommandTests
{
    [Theory]
    [InlineData("ftp://127.0.0.1:5000", "is not an http:// or https:// URL")]
    [InlineData("localhost", "is not an http:// or https:// URL")]
    [InlineData(";", "needs a URL")]
    public void A_bad_address_is_a_usage_error(string urls, string message)
    {
        var (code, _, err) = Cli.Run("serve", "--urls", urls);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void An_account_not_in_the_log_is_a_usage_error_before_anything_listens()
    {
        var (code, _, err) = Cli.Run("serve", "--account", "initech", "--urls", "http://127.0.0.1:0");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--account 'initech' is not in the bundled sample", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_names_the_defaults_loopback_and_the_bundled_sample()
    {
        var (code, output, _) = Cli.Run("serve", "--help");
        Assert.Equal(0, code);
        Assert.Contains(ServeCommand.DefaultUrls, output, StringComparison.Ordinal);
        Assert.Contains("--log", output, StringComparison.Ordinal);
        Assert.Contains("customer-agent serve --log activity.jsonl", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_listens_on_loopback_serves_the_page_and_the_API_and_refuses_writes()
    {
        var log = ActivityLogReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "samples", "activity-log.jsonl"), new ActivityLogReaderOptions { KeepConversations = true });
        using var app = ServeCommand.Start(new ActivityLogDashboardSource(log, ConversationPolicy.Default, [AccountId.From("globex")]), "http://127.0.0.1:0");
        var address = new Uri(app.Urls.Single());
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(address.Host)));
        using var client = new HttpClient { BaseAddress = address };
        var accounts = JsonNode.Parse(await client.GetStringAsync("/api/accounts"))!["accounts"]!.AsArray();
        Assert.Equal(["globex"], accounts.Select(a => (string)a!["account"]!)); // --account: only that one
        Assert.Contains("<title>Customer Agent", await client.GetStringAsync("/"), StringComparison.Ordinal);
        // read-only: no method but GET is mapped
        var post = await client.PostAsync("/api/accounts", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);

        // a second app on the same port is refused with a message, not a stack trace
        var ex = Assert.Throws<CliException>(() => ServeCommand.Start(new ActivityLogDashboardSource(log, ConversationPolicy.Default), address.ToString().TrimEnd('/')));
        Assert.Equal(ExitCodes.Usage, ex.ExitCode);
        Assert.Contains("cannot listen on", ex.Message, StringComparison.Ordinal);
        await app.StopAsync();
    }
}
