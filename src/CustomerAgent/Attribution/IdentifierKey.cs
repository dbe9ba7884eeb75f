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

    private sealed class KeyComparer : IEqualityComparer<IdentifierKey>
    {
        public bool Equals(IdentifierKey? x, IdentifierKey? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.Hash == y.Hash && string.Equals(x.Text, y.Text, StringComparison.Ordinal));

        public int GetHashCode(IdentifierKey obj) => obj.Hash;
    }
}
