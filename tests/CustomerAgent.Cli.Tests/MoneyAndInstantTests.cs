using System.Text.Json.Nodes;

namespace CustomerAgent.Cli.Tests;

/// <summary>Issue 16, numbers: exact amounts or a rejected line, a total past the decimal range reported for its account and currency only, amounts with the currency's minor units, "1 order", instants with their fraction.</summary>
public sealed class MoneyAndInstantTests
{
    private static string Order(string account, string id, string email, string at, string amount, string currency) =>
        $$$"""{"type":"order","account":"{{{account}}}","at":"{{{at}}}","order":"{{{id}}}","shopper":{"email":"{{{email}}}"},"amount":{{{amount}}},"currency":"{{{currency}}}","items":["SKU-1"]}""";

    private static string[] Conversation(string account, string email, string day) =>
    [
        $$$"""{"conversation":"c1","account":"{{{account}}}","channel":"web-chat","at":"{{{day}}}T10:00:00.123Z","type":"shopper-message","text":"Shoes?","profile":{"email":"{{{email}}}"}}""",
        $$$"""{"conversation":"c1","account":"{{{account}}}","at":"{{{day}}}T10:01:00Z","type":"agent-message","text":"These:","skill":"product-recommendations","products":["SKU-1"]}""",
        $$$"""{"conversation":"c1","account":"{{{account}}}","at":"{{{day}}}T10:02:00Z","type":"product-click","product":"SKU-1"}""",
    ];

    private static readonly string[] Log =
    [
        """{"type":"account-settings","account":"acme","at":"2026-06-01T00:00:00Z","timeZone":"Europe/Paris"}""",
        """{"type":"account-settings","account":"globex","at":"2026-06-01T00:00:00Z","timeZone":"America/New_York"}""",
        .. Conversation("acme", "ann@example.com", "2026-06-07"),
        Order("acme", "o1", "ann@example.com", "2026-06-07T11:00:00Z", "79228162514264337593543950335", "EUR"),
        Order("acme", "o2", "ann@example.com", "2026-06-07T11:10:00Z", "1", "EUR"),
        Order("acme", "o3", "ann@example.com", "2026-06-07T11:20:00Z", "10.5", "JPY"),
        .. Conversation("globex", "bob@example.com", "2026-06-06"),
        Order("globex", "o1", "bob@example.com", "2026-06-06T11:00:00Z", "1.234", "BHD"),
    ];

    [Fact]
    public void A_total_past_the_decimal_range_is_reported_for_that_account_and_currency_and_every_report_is_printed()
    {
        using var log = new Cli.TempLog(Log);

        var (code, output, err) = Cli.Run("report", "--log", log.Path);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, err);
        Assert.Contains("10.5 JPY + EUR: overflow (3 orders)", output, StringComparison.Ordinal);
        Assert.Contains("EUR: the AI-generated sales total is past the decimal range", output, StringComparison.Ordinal);
        Assert.Contains("1.234 BHD (1 order)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("1 orders", output, StringComparison.Ordinal);

        var json = JsonNode.Parse(Cli.Run("report", "--log", log.Path, "--format", "json").Out)!.AsArray();
        var acme = json.Single(r => (string)r!["account"]! == "acme")!["kpis"]!["ai-generated-sales"]!.AsArray();
        Assert.Equal("""[{"currency":"JPY","amount":10.5},{"currency":"EUR","amount":null,"overflow":true}]""", acme.ToJsonString());
        var globex = json.Single(r => (string)r!["account"]! == "globex")!["kpis"]!["ai-generated-sales"]!.AsArray();
        Assert.Equal("""[{"currency":"BHD","amount":1.234}]""", globex.ToJsonString());
    }

    [Theory]
    [InlineData("1e-30")]
    [InlineData("1.23456789012345678901234567891")]
    [InlineData("123456789012345678901234567890")]
    public void An_amount_a_decimal_cannot_hold_exactly_is_rejected_with_its_line(string amount)
    {
        using var log = new Cli.TempLog([.. Log[..5], Order("acme", "o9", "ann@example.com", "2026-06-07T11:00:00Z", amount, "EUR")]);

        var (code, _, err) = Cli.Run("counts", "--log", log.Path);

        Assert.Equal(1, code);
        Assert.Contains($"line 6: D5: amount = '{amount}' cannot be held exactly by a decimal", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10.5, "EUR", "10.50")]
    [InlineData(10, "EUR", "10.00")]
    [InlineData(10.5, "JPY", "10.5")]
    [InlineData(1000, "JPY", "1000")]
    [InlineData(1.234, "BHD", "1.234")]
    [InlineData(1.2, "BHD", "1.200")]
    [InlineData(0.12345, "EUR", "0.12345")]
    [InlineData(-3, "CLF", "-3.0000")]
    public void Amounts_show_at_least_the_currencys_minor_unit_digits_and_stay_exact(double amount, string currency, string shown) =>
        Assert.Equal(shown, MoneyText.Amount((decimal)amount, currency));

    [Fact]
    public void Instants_keep_their_fraction_of_a_second_in_csv_and_json()
    {
        using var log = new Cli.TempLog(Log);

        var csv = Cli.Run("conversations", "--log", log.Path, "--account", "acme", "--format", "csv").Out;
        Assert.Contains(",2026-06-07T10:00:00.123Z,", csv, StringComparison.Ordinal);

        var json = JsonNode.Parse(Cli.Run("report", "--log", log.Path, "--account", "acme", "--now", "2026-06-08T00:00:00.5Z", "--format", "json").Out)!.AsArray().Single()!;
        Assert.Equal("2026-06-08T00:00:00.5Z", (string)json["as-of"]!);
    }
}
