namespace CustomerAgent.ActivityLog;

/// <summary>A decoded string value: a slice of a chunk's value arena (UTF-8, escapes resolved). <c>default</c> = absent.</summary>
internal readonly struct Str
{
    internal static readonly Str None;

    internal Str(int start, int length)
    {
        Start = start;
        Length = length;
        IsPresent = true;
    }

    internal int Start { get; }

    internal int Length { get; }

    internal bool IsPresent { get; }
}
