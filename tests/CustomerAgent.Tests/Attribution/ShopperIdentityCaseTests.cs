using CustomerAgent.Attribution;
using CustomerAgent.Conversations;
using static CustomerAgent.Tests.Attribution.AttributionData;
using static CustomerAgent.Tests.Attribution.CohortData;

namespace CustomerAgent.Tests.Attribution;

/// <summary>A shopper's email matches case-insensitively (R11); <see cref="ShopperIdentity.FromProfile"/> gives a conversation's shopper, or none when anonymous.</summary>
public sealed class ShopperIdentityCaseTests
{
    private static ShopperIdentity Email(string email, AccountId? account = null) => ShopperIdentity.Create(account ?? Acct, email: email);

    [Fact]
    public void R11_an_order_by_Ann_at_Example_com_matches_a_click_by_ann_at_example_com()
    {
        var order = OrderAt(H(2), shopper: Email("Ann@Example.com"));
        var evidence = AttributionEvidence.Create(clicks: [Click(H(1), "chat-1", Email("ann@example.com"))]);

        var credited = Assert.Single(Calc.Attribute([order], evidence).Orders);

        Assert.Equal(("chat-1", AttributionRule.WebChatClick), (credited.Conversation.Value, credited.Rule));
        Assert.Single(new WebChatAttributionCalculator().Attribute([order], evidence).Orders);
    }

    [Fact]
    public void R11_the_local_part_of_an_email_matches_case_insensitively_too_for_touches_and_for_clicks_from_conversations()
    {
        var order = OrderAt(H(3), shopper: Email("ann@example.com"));
        var chat = Conv("chat-1", Channel.WebChat, H(0), email: "ANN@EXAMPLE.COM");
        chat.RecordProductCardClick(H(1), "SKU-1");

        var fromChat = AttributionEvidence.FromConversations([chat]);
        var touched = AttributionEvidence.Create(touches: [AgentSms(H(2), shopper: Email("aNN@eXample.com"))]);

        var a = Assert.Single(Calc.Attribute([order], fromChat).Orders);
        Assert.Equal(("chat-1", AttributionRule.WebChatClick), (a.Conversation.Value, a.Rule));
        Assert.Equal(AttributionRule.SmsLastTouch, Assert.Single(new SmsLastTouchAttributionCalculator().Attribute([order], touched).Orders).Rule);
    }

    [Fact]
    public void R11_R15_an_email_in_another_case_in_another_account_never_matches()
    {
        var order = OrderAt(H(2), shopper: Email("Ann@Example.com", Other));
        var evidence = AttributionEvidence.Create(clicks: [Click(H(1), "chat-1", Email("ann@example.com"))], touches: [AgentSms(H(1), shopper: Email("ANN@example.com"))]);

        Assert.Empty(Calc.Attribute([order], evidence).Orders);
    }

    [Fact]
    public void R11_different_addresses_do_not_match_whatever_their_case()
    {
        var order = OrderAt(H(2), shopper: Email("Ann@Example.com"));
        var evidence = AttributionEvidence.Create(clicks: [Click(H(1), "chat-1", Email("anne@example.com")), Click(H(1), "chat-2", Email("ann@example.co"))]);

        Assert.Empty(Calc.Attribute([order], evidence).Orders);
    }

    [Fact]
    public void R11_ShopperIdentity_equality_and_hash_code_ignore_the_emails_case_but_nothing_else()
    {
        var a = Email("Ann@Example.com");
        var b = Email("ann@example.com");
        var c = Email("ANN@EXAMPLE.COM");

        Assert.Equal(a, b);
        Assert.Equal(b, c);
        Assert.True(a.Equals((object)c));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(a.GetHashCode(), c.GetHashCode());
        Assert.True(a.IsSameShopperAs(c));
        Assert.Single(new HashSet<ShopperIdentity> { a, b, c });

        Assert.NotEqual(a, Email("ann@example.com", Other));
        Assert.NotEqual(a, Email("anne@example.com"));
        Assert.NotEqual(a, ShopperIdentity.Create(Acct, email: "ann@example.com", phoneNumber: "+33612345678"));
        Assert.NotEqual(ShopperIdentity.Create(Acct, externalId: "X-1"), ShopperIdentity.Create(Acct, externalId: "x-1")); // external IDs exactly
        Assert.False(a.Equals(null));
    }

    [Fact]
    public void R11_FromProfile_returns_null_for_an_anonymous_profile_and_the_shopper_otherwise()
    {
        Assert.Null(ShopperIdentity.FromProfile(Acct, Profile.Anonymous));
        Assert.Null(ShopperIdentity.FromProfile(Acct, Profile.Create(name: "Ann")));
        Assert.Null(ShopperIdentity.FromProfile(Acct, Profile.Create(name: "Ann", anonymousId: "anon-1")));

        var byEmail = ShopperIdentity.FromProfile(Acct, Profile.Create(name: "Ann", email: "Ann@Example.com"));
        var byPhone = ShopperIdentity.FromProfile(Other, Profile.Create(phoneNumber: "+33 6 12 34 56 78"));
        var byExternal = ShopperIdentity.FromProfile(Acct, Profile.Create(externalId: "x-1"));

        Assert.Equal(Email("ann@example.com"), byEmail);
        Assert.Equal((Other, "+33612345678"), (byPhone!.AccountId, byPhone.PhoneNumber));
        Assert.Equal((Acct, (string?)"x-1", (string?)null), (byExternal!.AccountId, byExternal.ExternalId, byExternal.Email));
    }

    [Fact]
    public void R11_ID_FromProfile_rejects_a_default_account_and_a_null_profile()
    {
        Assert.Equal("ID", Assert.Throws<CustomerAgentException>(() => ShopperIdentity.FromProfile(default, Profile.Create(email: "ann@example.com"))).Rule);
        Assert.Throws<ArgumentNullException>(() => ShopperIdentity.FromProfile(Acct, null!));
    }

    [Fact]
    public void R11_R20_an_anonymous_web_chat_shoppers_clicks_are_no_evidence_but_the_conversations_recommendations_are()
    {
        var chat = Conv("chat-1", Channel.WebChat, H(0), profile: Profile.Create(name: "Ann", anonymousId: "anon-1"));
        chat.RecordProductCardClick(H(1), "SKU-1");

        var evidence = AttributionEvidence.FromConversations([chat]);

        Assert.Empty(evidence.Clicks);
        Assert.Equal(["SKU-1"], evidence.Recommendations.Select(r => r.ProductId));
        Assert.Empty(new WebChatAttributionCalculator().Attribute([OrderAt(H(2))], evidence).Orders);
    }
}
