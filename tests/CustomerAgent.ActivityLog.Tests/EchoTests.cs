using System.Text;

namespace CustomerAgent.ActivityLog.Tests;

/// <summary>How a rejection quotes the bytes it names: whole when short, cut to 100 characters with the bytes left out counted when long.</summary>
public sealed class EchoTests
{
    [Fact]
    public void A_short_value_is_quoted_whole_and_a_long_one_is_cut_with_the_bytes_left_out()
    {
        Assert.Equal("abc", LineParser.Echo("abc"u8));
        Assert.Equal(new string('x', 100) + "…(+300 chars)", LineParser.Echo(Encoding.UTF8.GetBytes(new string('x', 400))));
        Assert.Equal(new string('x', 100) + "…(+301 bytes)", LineParser.Echo(Encoding.UTF8.GetBytes(new string('x', 401))));
        Assert.Equal(new string('é', 100) + "…(+1,800 bytes)", LineParser.Echo(Encoding.UTF8.GetBytes(new string('é', 1000))));
    }

    [Fact]
    public void A_long_value_is_never_cut_inside_a_surrogate_pair()
    {
        // 99 characters, then emoji (two UTF-16 characters each): the 100th character would be half of one
        var text = new string('x', 99) + string.Concat(Enumerable.Repeat("😀", 200));
        var echo = LineParser.Echo(Encoding.UTF8.GetBytes(text));

        Assert.Equal(new string('x', 99) + "…(+800 bytes)", echo);
    }

    [Theory]
    [InBothModes]
    public void A_broken_line_is_described_without_the_json_readers_position_details(ReaderMode mode)
    {
        var log = Modes.Read(mode, Logs.Bytes(Logs.Open, "{\"type\":", Logs.Next));

        var reason = Assert.Single(log.Rejections).Reason;
        Assert.StartsWith("LOG: line = '{\"type\":' is not valid JSON: ", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", reason, StringComparison.Ordinal);
    }
}
