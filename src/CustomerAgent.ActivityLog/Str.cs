namespace CustomerAgent.ActivityLog;

/// <summary>A decoded string value: a slice of a chunk's value arena (UTF-8, escapes resolved). Length -1 = absent.</summary>
internal readonly record struct Str(int Start, int Length)
{
    internal static readonly Str None = new(0, -1);

    internal bool IsPresent => Length >= 0;
}
