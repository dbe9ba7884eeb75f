using System.Net;
using CustomerAgent.Live.Hosting;
using NodaTime.Testing;

namespace CustomerAgent.Live.Tests;

/// <summary>Loopback only by default; on any other address every endpoint requires the API key.</summary>
public sealed class SecurityTests
{
    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://192.168.1.20:80")]
    [InlineData("http://127.0.0.1:5080;http://[::]:5081")]
    [InlineData("http://example.com:5080")]
    public void A_binding_that_is_not_loopback_needs_an_api_key(string urls)
    {
        var error = Assert.Throws<InvalidOperationException>(() => LiveHost.CheckBindings(urls, new LiveOptions()));
        Assert.Contains("Live:ApiKey", error.Message, StringComparison.Ordinal);
        var withKey = new LiveOptions { ApiKey = "k" };
        LiveHost.CheckBindings(urls, withKey);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080;http://[::1]:5081")]
    public void Loopback_bindings_need_no_key(string urls) => LiveHost.CheckBindings(urls, new LiveOptions());

    [Fact]
    public async Task With_an_api_key_a_missing_or_wrong_key_is_refused_and_the_right_one_accepted()
    {
        await using var service = await LiveService.StartAsync(new Dictionary<string, string> { ["Live:ApiKey"] = "s3cret" }, new FakeClock(NodaTime.Instant.FromUtc(2000, 1, 1, 0, 0)), new RecordingSink());
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.Http.GetAsync("/health")).StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/v1/activity") { Content = new StringContent("") };
        wrong.Headers.Add(LiveHost.ApiKeyHeader, "s3cret!");
        wrong.Headers.Add(LiveHost.IdempotencyKeyHeader, "k1");
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.Http.SendAsync(wrong)).StatusCode);
        using var right = new HttpRequestMessage(HttpMethod.Get, "/health");
        right.Headers.Add(LiveHost.ApiKeyHeader, "s3cret");
        Assert.Equal(HttpStatusCode.OK, (await service.Http.SendAsync(right)).StatusCode);
    }

    [Fact]
    public async Task An_ingestion_request_without_an_idempotency_key_is_refused()
    {
        await using var service = await LiveService.StartAsync(clock: new FakeClock(NodaTime.Instant.FromUtc(2000, 1, 1, 0, 0)), sink: new RecordingSink());
        var response = await service.Http.PostAsync("/v1/activity", new StringContent("{}\n"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
