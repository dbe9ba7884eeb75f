using System.Text.Json;

namespace CustomerAgent.Serialization;

/// <summary>A <see cref="JsonException"/> raised by the SDK's own checks: its message names the rule and the JSON path.</summary>
internal sealed class RuleJsonException : JsonException
{
    public RuleJsonException()
    {
    }

    public RuleJsonException(string message)
        : base(message)
    {
    }

    public RuleJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
