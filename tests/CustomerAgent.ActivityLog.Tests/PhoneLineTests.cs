namespace CustomerAgent.ActivityLog.Tests;

/// <summary>Issue 16, phone numbers in the log: the reader's in-place check (IsValidPhoneNumber) rejects an unassigned calling code as Profile.Create does.</summary>
public sealed class PhoneLineTests
{
    private static string Opening(string conversation, string phone) =>
        $$$"""{"conversation":"{{{conversation}}}","account":"acme","channel":"sms","at":"2026-06-07T10:00:00Z","type":"shopper-message","text":"Hi","profile":{"phone":"{{{phone}}}"}}""";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void R11_an_opening_line_with_an_unassigned_calling_code_is_rejected_and_a_valid_one_accepted(bool keep)
    {
        var result = Logs.Read(Logs.Bytes(Opening("c1", "+99912345678"), Opening("c2", "+39 06 6982 0000")), keep);

        var rejected = Assert.Single(result.Rejections);
        Assert.Equal(1, rejected.LineNumber);
        Assert.StartsWith("R11: profile.phoneNumber", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("not assigned", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(1, result.AcceptedLineCount);
    }
}
