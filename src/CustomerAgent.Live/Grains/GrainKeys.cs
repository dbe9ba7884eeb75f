using System.Globalization;

namespace CustomerAgent.Live.Grains;

/// <summary>The grains' keys.</summary>
public static class GrainKeys
{
    /// <summary>A conversation grain's key: the account's length, the account and the conversation (<c>4:acme/c1</c>), so no two pairs share a key.</summary>
    /// <param name="account">The account ID.</param>
    /// <param name="conversation">The conversation ID.</param>
    /// <returns>The key.</returns>
    public static string Conversation(string account, string conversation)
    {
        ArgumentNullException.ThrowIfNull(account);
        return string.Create(CultureInfo.InvariantCulture, $"{account.Length}:{account}/{conversation}");
    }

    /// <summary>The account ID of a conversation grain's key.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The account ID.</returns>
    public static string AccountOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        var length = int.Parse(key.AsSpan(0, colon), CultureInfo.InvariantCulture);
        return key.Substring(colon + 1, length);
    }
}
