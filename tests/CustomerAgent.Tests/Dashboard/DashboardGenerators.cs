using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace CustomerAgent.Tests.Dashboard;

/// <summary>What a generated conversation does, in the order the aggregate records it.</summary>
internal sealed record ConversationSpec(
    string Id, Instant Start, Channel Channel, bool Preview, string Account, string[] Skills, bool ShopperLast, string[] Tags, int Handoff, bool VisitorClose, string? Name)
{
    public override string ToString() =>
        $"{Id}@{Start} {Channel}{(Preview ? " preview" : "")} {Account} skills[{string.Join(",", Skills)}] shopperLast={ShopperLast} tags[{string.Join(",", Tags)}] handoff={Handoff} close={VisitorClose}";

    /// <summary>Builds the conversation through the aggregate's own commands.</summary>
    public Conversation Build()
    {
        var profile = Name is null ? null : Profile.Create(name: Name, email: $"{Name.ToLowerInvariant()}@Example.COM");
        var header = ConversationHeader.Create(ConversationId.From(Id), AccountId.From(Account), Channel, Preview ? ConversationMode.Preview : ConversationMode.Live, profile);
        var c = Conversation.Start(header, Start, $"Question {Id}: where is my parcel?");
        var t = Start;
        foreach (var skill in Skills)
        {
            t += Duration.FromMinutes(1);
            c.RecordAgentMessage(t, $"Answer with {skill}", skill);
        }

        if (ShopperLast)
        {
            t += Duration.FromMinutes(1);
            c.RecordShopperMessage(t, "Thanks, one more thing");
        }

        foreach (var tag in Tags)
        {
            t += Duration.FromSeconds(1);
            c.ApplyTag(t, tag);
        }

        switch (Handoff)
        {
            case 1:
                t += Duration.FromMinutes(1);
                c.TriggerHandoff(t, HandoffKind.CustomMessage, HandoffMode.Hard, HandoffReason.KnowledgeGap);
                break;
            case 2 or 3:
                t += Duration.FromMinutes(1);
                c.OfferSupportTicket(t, HandoffMode.Soft, HandoffReason.ExplicitAsk);
                t += Duration.FromMinutes(1);
                c.AnswerSupportTicketOffer(t, Handoff == 2);
                break;
        }

        if (VisitorClose)
        {
            t += Duration.FromMinutes(1);
            c.Close(t, ClosedBy.Visitor);
        }

        return c;
    }
}

/// <summary>A period, conversations around it (some on day boundaries, ± 1 ns) and an instant to report as of.</summary>
internal sealed record DashboardCase(ReportingPeriod Period, ConversationSpec[] Specs, Instant AsOf)
{
    public override string ToString() => $"{Period} as of {AsOf}: [{string.Join("; ", Specs.Select(s => s.ToString()))}]";

    public Conversation[] Conversations() => Specs.Select(s => s.Build()).ToArray();
}

internal static class DashboardGenerators
{
    internal const string Account = "acct-1";

    /// <summary>Zones with 23/25-hour days, skipped midnights (Havana, Santiago, Beirut), half-hour DST (Lord Howe), a skipped date (Apia 2011), far offsets.</summary>
    internal static readonly string[] Zones =
    [
        "UTC", "Europe/Paris", "America/New_York", "America/Santiago", "America/Havana", "Asia/Beirut", "Australia/Lord_Howe",
        "Pacific/Apia", "Pacific/Kiritimati", "America/St_Johns", "Asia/Kathmandu",
    ];

    /// <summary>First dates that put a daylight-saving change (or Apia's skipped day) inside short periods.</summary>
    private static readonly LocalDate[] Anchors =
    [
        new(2026, 3, 5), new(2026, 3, 27), new(2026, 9, 3), new(2026, 10, 23), new(2026, 10, 30), new(2010, 3, 25), new(2011, 12, 27), new(2026, 4, 2), new(2010, 11, 5),
    ];

    internal static readonly Gen<AccountReportingSettings> Settings =
        from zone in Gen.Elements(Zones)
        from day in Gen.Elements(Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).ToArray())
        select AccountReportingSettings.Create(AccountId.From(Account), zone, day);

    internal static readonly Gen<ReportingPeriod> Period =
        from settings in Settings
        from anchor in Gen.Elements(Anchors)
        from shift in Gen.Choose(-3, 3)
        from days in Gen.Frequency((3, Gen.Choose(1, 10)), (1, Gen.Choose(1, 100)))
        from api in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from startMinutes in Gen.Choose(0, 24 * 60)
        from endMinutes in Gen.Choose(1, 24 * 60)
        select api
            ? ApiPeriod(settings, anchor.PlusDays(shift), days, startMinutes, endMinutes)
            : ReportingPeriod.ForDates(settings, anchor.PlusDays(shift), anchor.PlusDays(shift + days - 1));

    private static ReportingPeriod ApiPeriod(AccountReportingSettings settings, LocalDate first, int days, int startMinutes, int endMinutes)
    {
        var start = Instant.FromUtc(first.Year, first.Month, first.Day, 0, 0) + Duration.FromMinutes(startMinutes);
        var end = start + Duration.FromDays(days - 1) + Duration.FromMinutes(endMinutes);
        return ReportingPeriod.ForInstants(settings, start, end);
    }

    private static readonly string[] SkillNames = ["order-tracking", "product-qa", "general-qa"];
    private static readonly string[] TagNames = ["shipping", "returns", "sizing"];

    private static Gen<Instant> StartIn(ReportingPeriod period)
    {
        var span = (period.End - period.Start) + Duration.FromDays(4);
        var boundary =
            from k in Gen.Choose(0, period.DayCount)
            from jitter in Gen.Elements(-1L, 0L, 1L)
            select period.DayStarts[k] + Duration.FromNanoseconds(jitter);
        var anywhere =
            from f in Gen.Choose(0, 100_000)
            select period.Start - Duration.FromDays(2) + Duration.FromNanoseconds((long)(span.TotalNanoseconds * (f / 100_000.0)));
        return Gen.Frequency((1, boundary), (3, anywhere));
    }

    private static Gen<ConversationSpec> Spec(ReportingPeriod period, int index) =>
        from start in StartIn(period)
        from channel in Gen.Elements(Enum.GetValues<Channel>())
        from preview in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        from skills in Gen.Elements(SkillNames).ArrayOf().Select(a => a.Take(5).ToArray())
        from shopperLast in Gen.Elements(false, true)
        from tags in Gen.Elements(TagNames).ArrayOf().Select(a => a.Take(4).ToArray())
        from handoff in Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Constant(1)), (1, Gen.Constant(2)), (1, Gen.Constant(3)))
        from close in Gen.Elements(false, true)
        from name in Gen.Elements<string?>(null, "Ann", "bob", "Élise")
        select new ConversationSpec($"c{index:D3}", start, channel, preview, Account, skills, shopperLast, tags, handoff, close, name);

    internal static Gen<ConversationSpec[]> Specs(ReportingPeriod period) =>
        Gen.Choose(0, 60).SelectMany(n => Enumerable.Range(0, n).Select(i => Spec(period, i)).ToArray().Aggregate(
            Gen.Constant(Array.Empty<ConversationSpec>()),
            (acc, g) => from a in acc from s in g select a.Append(s).ToArray()));

    internal static readonly Gen<DashboardCase> Case =
        from period in Period
        from specs in Specs(period)
        from asOfKind in Gen.Choose(0, 3)
        from pick in Gen.Choose(0, 1000)
        select new DashboardCase(period, specs, AsOf(period, specs, asOfKind, pick));

    private static Instant AsOf(ReportingPeriod period, ConversationSpec[] specs, int kind, int pick) => kind switch
    {
        0 when specs.Length > 0 => Max(specs[pick % specs.Length].Start, period.Start),
        1 => period.Start + Duration.FromNanoseconds((long)((period.End - period.Start).TotalNanoseconds * (pick / 1000.0))),
        _ => period.End + Duration.FromDays(3),
    };

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    /// <summary>The expected report written from the rules, not from the accumulator: the day is the start's local date in the zone.</summary>
    internal static string Oracle(DashboardCase c, IReadOnlyList<Conversation> conversations)
    {
        var zone = c.Period.Zone;
        var cohort = conversations.Where(x => x.IsCountedInMetrics && x.StartedAt >= c.Period.Start && x.StartedAt < c.Period.End && x.StartedAt <= c.AsOf).ToList();
        var lines = new List<string>();
        var statuses = cohort.Select(x => ConversationClassifier.Default.Classify(x, c.AsOf).Status).ToList();
        lines.Add("by channel " + string.Join(" ", Enum.GetValues<Channel>().Select(ch =>
            $"{ch}:{cohort.Count(x => x.Channel == ch)}/{cohort.Count(x => x.Channel == ch && ConversationClassifier.Default.Classify(x, c.AsOf).Status == ConversationStatus.ResolvedByAi)}/{cohort.Count(x => x.Channel == ch && ConversationClassifier.Default.Classify(x, c.AsOf).Status == ConversationStatus.NotResolvedByAi)}")));
        lines.Add($"volume {cohort.Count} open {statuses.Count(s => s == ConversationStatus.Open)} resolved {statuses.Count(s => s == ConversationStatus.ResolvedByAi)} routed {statuses.Count(s => s == ConversationStatus.NotResolvedByAi)} closed {statuses.Count(s => s == ConversationStatus.Closed)}");
        for (var d = c.Period.FirstDate; d <= c.Period.LastDate; d = d.PlusDays(1))
        {
            var day = cohort.Where(x => BarDate(zone, x.StartedAt) == d).ToList();
            var tags = day.SelectMany(x => TagsAsOf(x, c.AsOf)).GroupBy(t => t).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}");
            lines.Add($"{d:uuuu-MM-dd} total {day.Count} ch [{string.Join(",", Enum.GetValues<Channel>().Select(ch => day.Count(x => x.Channel == ch)))}]"
                + $" st [{string.Join(",", Enum.GetValues<ConversationStatus>().Select(s => day.Count(x => ConversationClassifier.Default.Classify(x, c.AsOf).Status == s)))}]"
                + $" tags [{string.Join(",", tags)}] untagged {day.Count(x => !TagsAsOf(x, c.AsOf).Any())}");
        }

        var skills = cohort.SelectMany(x => SkillRuns(x, c.AsOf)).GroupBy(s => s).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}");
        lines.Add($"skills [{string.Join(",", skills)}]");
        return string.Join("\n", lines);
    }

    /// <summary>
    /// The local date whose bar holds <paramref name="t"/>: its local date, except where the clock went back across midnight
    /// (America/St_Johns before 2011) and the next date had already begun: the latest date begun by then.
    /// </summary>
    internal static LocalDate BarDate(DateTimeZone zone, Instant t)
    {
        var date = t.InZone(zone).Date;
        var next = date.PlusDays(1);
        return zone.MapLocal(next.AtMidnight()).Count > 0 && zone.AtStartOfDay(next).ToInstant() <= t ? next : date;
    }

    internal static IEnumerable<string> TagsAsOf(Conversation c, Instant asOf) =>
        c.History.OfType<TagApplied>().Where(t => t.At <= asOf).Select(t => t.Tag).Distinct();

    /// <summary>One entry per skill invocation: an agent message whose skill differs from the previous agent message's.</summary>
    internal static IEnumerable<string> SkillRuns(Conversation c, Instant asOf)
    {
        var skills = c.History.OfType<AgentMessageSent>().Where(m => m.At <= asOf).Select(m => m.Skill).ToList();
        return skills.Where((s, i) => i == 0 || s != skills[i - 1]);
    }

    /// <summary>The report in the oracle's text form.</summary>
    internal static string Canon(DashboardReport r)
    {
        var k = r.Kpis;
        var lines = new List<string>
        {
            "by channel " + string.Join(" ", Enum.GetValues<Channel>().Select(ch => $"{ch}:{r.KpisByChannel[ch].Volume}/{r.KpisByChannel[ch].ResolvedByAi}/{r.KpisByChannel[ch].NotResolvedByAi}")),
            $"volume {k.Volume} open {k.Open} resolved {k.ResolvedByAi} routed {k.NotResolvedByAi} closed {k.Closed}",
        };
        foreach (var d in r.Days)
        {
            lines.Add($"{d.Date:uuuu-MM-dd} total {d.Total} ch [{string.Join(",", Enum.GetValues<Channel>().Select(ch => d.ByChannel[ch]))}]"
                + $" st [{string.Join(",", Enum.GetValues<ConversationStatus>().Select(s => d.ByStatus[s]))}]"
                + $" tags [{string.Join(",", d.ByTag.Select(kv => $"{kv.Key}={kv.Value}"))}] untagged {d.Untagged}");
        }

        lines.Add($"skills [{string.Join(",", r.SkillVolumes.Select(s => $"{s.Skill}={s.Volume}"))}]");
        return string.Join("\n", lines);
    }

    internal static Arbitrary<DashboardCase> Cases => Case.ToArbitrary();
}
