namespace CustomerAgent.ActivityLog;

/// <summary>What became of one line given to an <see cref="ActivityLogFeed"/>.</summary>
public enum LineOutcome
{
    /// <summary>The line was applied through the rules.</summary>
    Accepted = 0,

    /// <summary>The line was rejected with the reader's reason; nothing of it was applied.</summary>
    Rejected = 1,

    /// <summary>A blank or comment (<c>#</c>) line: skipped, as the reader skips it.</summary>
    Skipped = 2,
}
