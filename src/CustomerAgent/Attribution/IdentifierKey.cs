namespace CustomerAgent.Attribution;

/// <summary>One identifier of a shopper with its account, as one string with its hash computed once (grouping key).</summary>
internal sealed class IdentifierKey
{
    internal IdentifierKey(string text)
    {
        Text = text;
        Hash = StringComparer.Ordinal.GetHashCode(text);
    }

    /// <summary>Ordinal equality on <see cref="Text"/>, using the cached hash.</summary>
    internal static IEqualityComparer<IdentifierKey> Comparer { get; } = new KeyComparer();

    internal string Text { get; }

    internal int Hash { get; }

    /// <summary>Whether two keys name the same identifier: the same object, or the same text (ordinal), compared after their hashes.</summary>
    internal static bool SameText(IdentifierKey x, IdentifierKey y) =>
        ReferenceEquals(x, y) || (x.Hash == y.Hash && string.Equals(x.Text, y.Text, StringComparison.Ordinal));

    private sealed class KeyComparer : IEqualityComparer<IdentifierKey>
    {
        public bool Equals(IdentifierKey? x, IdentifierKey? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && SameText(x, y));

        public int GetHashCode(IdentifierKey obj) => obj.Hash;
    }
}
