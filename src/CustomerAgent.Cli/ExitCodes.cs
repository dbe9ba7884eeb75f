namespace CustomerAgent.Cli;

/// <summary>The tool's exit codes, the same for every command (documented in <c>customer-agent --help</c> and the README).</summary>
internal static class ExitCodes
{
    /// <summary>Done; no line of the log was rejected.</summary>
    internal const int Ok = 0;

    /// <summary>Done, but lines were rejected (listed on stderr, kept by <c>--rejects FILE</c>); with <c>--strict</c>, stopped at the first.</summary>
    internal const int Rejected = 1;

    /// <summary>Bad command line: unknown or repeated option, bad value, an output file that is the input, an unknown account or conversation.</summary>
    internal const int Usage = 2;

    /// <summary>A file cannot be read or written: missing, a directory, no permission.</summary>
    internal const int CannotRead = 3;

    /// <summary>The log holds no activity line (empty, or only blank and comment lines).</summary>
    internal const int EmptyLog = 4;

    /// <summary><c>replay</c>: the service could not be reached, refused the request, or kept failing; the lines sent so far are applied, a re-run sends the rest (and nothing twice).</summary>
    internal const int Unavailable = 5;

    /// <summary>A bug in the tool (reported without a stack trace unless CUSTOMER_AGENT_DEBUG is set).</summary>
    internal const int Internal = 70;

    /// <summary>The text of <c>--help</c>'s closing section.</summary>
    internal const string Help = "exit codes: 0 ok, 1 lines were rejected (or --strict stopped at the first), 2 bad command line, 3 a file cannot be read or written, 4 the log is empty, 5 replay: the service could not be reached or kept failing";
}

/// <summary>A user error: a message and an exit code, never a stack trace.</summary>
internal sealed class CliException : Exception
{
    public CliException()
    {
    }

    public CliException(string message)
        : this(ExitCodes.Usage, message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCodes.Usage;
    }

    public CliException(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>The exit code to return.</summary>
    public int ExitCode { get; } = ExitCodes.Usage;
}
