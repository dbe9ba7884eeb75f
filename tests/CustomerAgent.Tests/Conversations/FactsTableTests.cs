using CustomerAgent.Conversations;

namespace CustomerAgent.Tests.Conversations;

/// <summary>
/// The facts table's own rule methods, called directly as the reader calls them (the aggregate checks D2 and the enums before
/// it calls them, so its tests never reach these checks): each rule method refuses a line after the close and an undefined
/// value with its rule and field, and a table read as of an instant keeps each row as it was then (D1).
/// </summary>
public sealed class FactsTableTests
{
    private const long Minute = 60_000_000_000L;
    private const long T0 = 1_780_000_000_000_000_000L;

    private static (FactsTable Table, int Row) Opened(long cutoff = FactsTable.None)
    {
        var table = new FactsTable(ConversationPolicy.Default, row => $"c{row}") { AsOfCutoff = cutoff };
        var row = table.AddRow();
        table.Open(row, T0, Channel.WebChat, ConversationMode.Live);
        return (table, row);
    }

    private static void AssertRefused(string rule, string field, Action act) => Assert.Equal((rule, field), TestData.RuleAndField(act));

    [Fact]
    public void R1_R20_a_row_is_not_opened_with_an_undefined_channel_or_mode()
    {
        var table = new FactsTable(ConversationPolicy.Default, row => $"c{row}");
        var row = table.AddRow();

        AssertRefused("R1", "channel", () => table.Open(row, T0, (Channel)77, ConversationMode.Live));
        AssertRefused("R20", "mode", () => table.Open(row, T0, Channel.Sms, (ConversationMode)77));
    }

    [Fact]
    public void R3_R4_R8_R2_an_undefined_kind_mode_reason_or_closer_is_refused()
    {
        var (table, row) = Opened();

        AssertRefused("R3", "kind", () => table.TriggerHandoff(row, T0 + Minute, (HandoffKind)77, HandoffMode.Hard, HandoffReason.ExplicitAsk));
        AssertRefused("R3", "mode", () => table.TriggerHandoff(row, T0 + Minute, HandoffKind.TransferToHuman, (HandoffMode)77, HandoffReason.ExplicitAsk));
        AssertRefused("R8", "reason", () => table.TriggerHandoff(row, T0 + Minute, HandoffKind.TransferToHuman, HandoffMode.Hard, (HandoffReason)77));
        AssertRefused("R4", "mode", () => table.OfferSupportTicket(row, T0 + Minute, (HandoffMode)77, HandoffReason.ExplicitAsk));
        AssertRefused("R8", "reason", () => table.OfferSupportTicket(row, T0 + Minute, HandoffMode.Hard, (HandoffReason)77));
        AssertRefused("R2", "by", () => table.Close(row, T0 + Minute, (ClosedBy)77));
        Assert.Equal(FactsTable.None, table[row].HandoffAt);
        Assert.Equal(FactsTable.None, table[row].ClosedAt);
    }

    [Fact]
    public void D2_messages_after_the_close_are_refused_by_the_rule_methods_themselves()
    {
        var (table, row) = Opened();
        table.Close(row, T0 + Minute, ClosedBy.Host);

        AssertRefused("D2", "message", () => table.RecordShopperMessage(row, T0 + (2 * Minute)));
        AssertRefused("D2", "message", () => table.RecordAgentMessage(row, T0 + (2 * Minute), "support"u8, Utf8Interner.Hash("support"u8), new Products([])));
        AssertRefused("D2", "handoff", () => table.TriggerHandoff(row, T0 + (2 * Minute), HandoffKind.TransferToHuman, HandoffMode.Hard, HandoffReason.ExplicitAsk));
        AssertRefused("D2", "ticketOffer", () => table.OfferSupportTicket(row, T0 + (2 * Minute), HandoffMode.Hard, HandoffReason.ExplicitAsk));
        Assert.Equal(1, table[row].MessageCount);
    }

    [Fact]
    public void D1_a_row_changed_after_the_cutoff_is_kept_as_it_was_at_the_cutoff()
    {
        var cutoff = T0 + (2 * Minute);
        var (table, row) = Opened(cutoff);
        table.RecordShopperMessage(row, T0 + Minute);
        table.RecordShopperMessage(row, cutoff);

        // Nothing after the cutoff yet: the row itself answers.
        Assert.Equal(row, table.SlotAsOfCutoff(row));

        table.RecordShopperMessage(row, cutoff + 1);
        table.RecordShopperMessage(row, cutoff + Minute);
        var slot = table.SlotAsOfCutoff(row);

        Assert.True(slot < -1, $"slot {slot}");
        Assert.Equal((3, cutoff), (table.Slot(slot).MessageCount, table.Slot(slot).LastMessageAt));
        Assert.Equal((5, cutoff + Minute), (table[row].MessageCount, table[row].LastMessageAt));
    }

    [Fact]
    public void D1_each_row_keeps_its_own_copy_and_a_row_opened_after_the_cutoff_has_none()
    {
        var cutoff = T0 + (2 * Minute);
        var (table, first) = Opened(cutoff);
        var second = table.AddRow();
        table.Open(second, T0 + Minute, Channel.Sms, ConversationMode.Live);
        var untouched = table.AddRow();
        table.Open(untouched, T0 + Minute, Channel.Sms, ConversationMode.Live);
        var atCutoff = table.AddRow();
        table.Open(atCutoff, cutoff, Channel.WebChat, ConversationMode.Live);
        var late = table.AddRow();
        table.Open(late, cutoff + 1, Channel.Sms, ConversationMode.Live);

        table.RecordShopperMessage(second, cutoff + 2);
        table.RecordShopperMessage(first, cutoff + 3);
        table.RecordShopperMessage(first, cutoff + 4);
        table.Close(second, cutoff + 5, ClosedBy.Visitor);

        Assert.Equal(-1, table.SlotAsOfCutoff(late));
        Assert.Equal(untouched, table.SlotAsOfCutoff(untouched));
        Assert.Equal(atCutoff, table.SlotAsOfCutoff(atCutoff));
        var (firstSlot, secondSlot) = (table.SlotAsOfCutoff(first), table.SlotAsOfCutoff(second));
        Assert.NotEqual(firstSlot, secondSlot);
        Assert.Equal((T0, 1, FactsTable.None), (table.Slot(firstSlot).StartedAt, table.Slot(firstSlot).MessageCount, table.Slot(firstSlot).ClosedAt));
        Assert.Equal((T0 + Minute, (byte)Channel.Sms, FactsTable.None), (table.Slot(secondSlot).StartedAt, table.Slot(secondSlot).Channel, table.Slot(secondSlot).ClosedAt));
        Assert.Equal(cutoff + 5, table[second].ClosedAt);
    }

    [Fact]
    public void H2_a_product_recommended_only_in_another_conversation_cannot_be_clicked_here()
    {
        var (table, first) = Opened();
        var second = table.AddRow();
        table.Open(second, T0, Channel.WebChat, ConversationMode.Live);
        table.RecordAgentMessage(first, T0 + Minute, "shop"u8, Utf8Interner.Hash("shop"u8), new Products(["p1", "p2"]));

        table.RecordProductCardClick(first, T0 + (2 * Minute), "p2"u8);
        AssertRefused("H2", "productId", () => table.RecordProductCardClick(second, T0 + (2 * Minute), "p1"u8));
        AssertRefused("H2", "productId", () => table.RecordProductCardClick(second, T0 + (2 * Minute), "never"u8));
        Assert.Equal(T0, table[second].LastActivityAt);
    }

    [Fact]
    public void H4_a_recommendation_of_more_than_64_products_is_checked_and_kept_whole()
    {
        var (table, row) = Opened();
        var products = Enumerable.Range(0, 100).Select(i => $"p{i}").ToArray();
        table.RecordAgentMessage(row, T0 + Minute, "shop"u8, Utf8Interner.Hash("shop"u8), new Products(products));

        table.RecordProductCardClick(row, T0 + (2 * Minute), "p0"u8);
        table.RecordProductCardClick(row, T0 + (2 * Minute), "p99"u8);
        AssertRefused("H4", "products[100]", () => table.RecordAgentMessage(row, T0 + (3 * Minute), "shop"u8, Utf8Interner.Hash("shop"u8), new Products([.. products, "p7"])));
        Assert.Equal(1, table[row].AgentMessageCount);
    }

    [Fact]
    public void H1_a_click_or_a_tag_earlier_than_the_last_activity_is_refused()
    {
        var (table, row) = Opened();
        table.RecordAgentMessage(row, T0 + (2 * Minute), "shop"u8, Utf8Interner.Hash("shop"u8), new Products(["p1"]));

        AssertRefused("H1", "at", () => table.RecordProductCardClick(row, T0 + Minute, "p1"u8));
        AssertRefused("H1", "at", () => table.ApplyTag(row, T0 + Minute, "vip"u8, Utf8Interner.Hash("vip"u8)));
        Assert.Equal(T0 + (2 * Minute), table[row].LastActivityAt);
    }

    [Fact]
    public void Rows_past_the_first_segments_keep_their_own_facts_and_count_in_the_size()
    {
        var table = new FactsTable(ConversationPolicy.Default, row => $"c{row}");
        const int rows = 70_000;
        for (var i = 0; i < rows; i++)
        {
            var row = table.AddRow();
            Assert.Equal(i, row);
            table.Open(row, T0 + i, (Channel)(i % 2), ConversationMode.Live);
        }

        Assert.Equal(rows, table.Count);
        foreach (var row in new[] { 0, 32_767, 32_768, 65_535, 65_536, rows - 1 })
        {
            Assert.Equal((T0 + row, (byte)(row % 2)), (table[row].StartedAt, table[row].Channel));
        }

        Assert.True(table.Bytes >= rows * (long)System.Runtime.CompilerServices.Unsafe.SizeOf<FactsRow>(), $"{table.Bytes} bytes");
    }

    [Fact]
    public void Lists_past_the_first_sixteen_segments_keep_every_entry_and_count_in_the_size()
    {
        var pool = new EntryPool();
        const int entries = (16 << 16) + 10;
        var head = -1;
        for (var i = 0; i < entries; i++)
        {
            head = pool.Prepend(head, i, -i);
        }

        Assert.Equal(entries, pool.Count);
        foreach (var entry in new[] { 0, 65_535, 65_536, (16 << 16) - 1, 16 << 16, entries - 1 })
        {
            Assert.Equal(((long)entry, (long)-entry, entry - 1), (pool.A(entry), pool.B(entry), pool.Next(entry)));
        }

        Assert.True(pool.ContainsA(head, 0));
        Assert.False(pool.ContainsA(head, entries));
        Assert.InRange(pool.Bytes, entries * 24L, 2 * entries * 24L);
    }

    [Fact]
    public void D1_facts_asked_for_another_instant_name_the_instant_they_answer_for()
    {
        var asOf = NodaTime.Instant.FromUtc(2026, 6, 7, 10, 0);
        var factsAsOf = NodaTime.Instant.FromUtc(2026, 6, 8, 10, 0);

        var final = FactsTable.NotAsOf(asOf, factsAsOf, final: true);
        var cut = FactsTable.NotAsOf(asOf, factsAsOf, final: false);
        var empty = FactsTable.NotAsOf(asOf, null, final: false);

        Assert.Equal(("D1", "asOf", "2026-06-07T10:00:00Z"), (final.Rule, final.Field, final.Value));
        Assert.Contains("they are as of 2026-06-08T10:00:00Z and hold every fact of the account (any instant from its latest on); read with ActivityLogReaderOptions.AsOf to look back", final.Message, StringComparison.Ordinal);
        Assert.Contains("they are as of 2026-06-08T10:00:00Z; read with ActivityLogReaderOptions.AsOf to look back", cut.Message, StringComparison.Ordinal);
        Assert.Contains("they are as of -; read with", empty.Message, StringComparison.Ordinal);
    }

    private readonly ref struct Products(string[] values) : IUtf8List
    {
        public int Count => values.Length;

        public ReadOnlySpan<byte> this[int index] => System.Text.Encoding.UTF8.GetBytes(values[index]);
    }
}
