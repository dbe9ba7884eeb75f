using CustomerAgent.Conversations;

namespace CustomerAgent.Bulk;

/// <summary>One account's data never counts in another's: the account of a merge of two partial results.</summary>
internal static class AccountMerge
{
    /// <summary>The common account of two partial results; <c>default</c> (an empty result) merges with anything.</summary>
    /// <exception cref="CustomerAgentException">The two accounts differ.</exception>
    internal static AccountId Of(AccountId left, AccountId right, string what)
    {
        if (left.IsDefault)
        {
            return right;
        }

        if (!right.IsDefault && left != right)
        {
            throw new CustomerAgentException("ACCOUNT", what + ".accountId", right.Value, $"differs from the account '{Preconditions.Echo(left.Value)}' of the other {what}; one account's data never counts in another's");
        }

        return left;
    }
}
