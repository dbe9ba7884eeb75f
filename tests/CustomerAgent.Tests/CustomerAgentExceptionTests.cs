namespace CustomerAgent.Tests;

/// <summary>The library's exception message: the rule, the field, the value quoted (or <c>&lt;null&gt;</c>) and the reason.</summary>
public sealed class CustomerAgentExceptionTests
{
    [Fact]
    public void The_message_quotes_the_value_or_says_it_is_absent()
    {
        Assert.Equal("R1: status = 'open' is not a status.", new CustomerAgentException("R1", "status", "open", "is not a status").Message);
        Assert.Equal("R1: status = <null> is required.", new CustomerAgentException("R1", "status", null, "is required").Message);
        Assert.Equal("R1: status = '' is blank.", new CustomerAgentException("R1", "status", string.Empty, "is blank").Message);
    }
}
