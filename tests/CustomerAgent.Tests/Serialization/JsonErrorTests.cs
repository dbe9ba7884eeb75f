using System.Text.Json;
using CustomerAgent.Events;
using CustomerAgent.Serialization;
using static CustomerAgent.Tests.TestData;

namespace CustomerAgent.Tests.Serialization;

/// <summary>Issue #7.8: JSON read errors name the JSON path and the rule, never the SDK's internal types.</summary>
public sealed class JsonErrorTests
{
    private static string ValidEvent() =>
        CustomerAgentJson.Serialize(MetricEventFactory.Default.EventsAsOf(Events.EventScenarios.ResolvedWebChat(), Min(60))[0]);

    [Theory]
    [InlineData("""{"data":42}""")]
    [InlineData("""{"data":{"type":"event","attributes":"oops"}}""")]
    [InlineData("""{"data":{"type":"event","attributes":{"properties":[1,2]}}}""")]
    [InlineData("""{"data":{"type":"event","attributes":{"properties":{"Tags":"not-a-list"}}}}""")]
    [InlineData("""[1,2,3]""")]
    public void D4_a_wrong_json_type_is_reported_by_path_without_internal_type_names(string json)
    {
        var ex = Assert.Throws<JsonException>(() => CustomerAgentJson.DeserializeEvent(json));

        Assert.DoesNotContain("CustomerAgent.", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Wire", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("D4:", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+19:00")]
    [InlineData("-18:01")]
    [InlineData("+99:59")]
    public void D4_a_time_with_an_offset_beyond_18_hours_is_a_rule_error_naming_the_path(string offset)
    {
        var json = ValidEvent();
        var time = System.Text.RegularExpressions.Regex.Match(json, "\"time\":\"([^\"]+)\"").Groups[1].Value;
        Assert.EndsWith("+00:00", time, StringComparison.Ordinal);
        var bad = time[..^6] + offset;

        var ex = Assert.Throws<JsonException>(() => CustomerAgentJson.DeserializeEvent(json.Replace(time, bad, StringComparison.Ordinal)));

        Assert.Equal($"D4: data.attributes.time = '{bad}' is not an ISO 8601 date-time with an offset (for example 2026-06-07T10:00:00+00:00).", ex.Message);
    }

    [Fact]
    public void D4_a_wrong_json_type_in_a_bulk_body_is_reported_without_internal_type_names()
    {
        var ex = Assert.Throws<JsonException>(() => CustomerAgentJson.DeserializeBatch("""{"data":{"type":"event-bulk-create-job","attributes":{"events-bulk-create":{"data":7}}}}"""));

        Assert.DoesNotContain("CustomerAgent.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("events-bulk-create", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void D4_the_account_is_read_back_from_the_unique_id_and_a_forged_unique_id_is_rejected()
    {
        var json = ValidEvent();
        Assert.Equal("acct-1", CustomerAgentJson.DeserializeEvent(json).AccountId.Value);

        foreach (var forged in new[] { "conv-1001:started", "acct-1:other:started", "acct-1:conv-1001:resolved", "acct%ZZ:conv-1001:started", ":conv-1001:started", "acct-1:conv-1001:started:extra" })
        {
            var ex = Assert.Throws<JsonException>(() => CustomerAgentJson.DeserializeEvent(json.Replace("acct-1:conv-1001:started", forged, StringComparison.Ordinal)));
            Assert.Contains("unique_id", ex.Message, StringComparison.Ordinal);
        }
    }
}
