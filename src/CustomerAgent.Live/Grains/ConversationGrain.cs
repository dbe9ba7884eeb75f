using CustomerAgent.ActivityLog;
using CustomerAgent.Classification;
using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using CustomerAgent.Live.Delivery;
using CustomerAgent.Serialization;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace CustomerAgent.Live.Grains;

/// <summary>See <see cref="IConversationGrain"/>.</summary>
/// <remarks>
/// <para>
/// <b>Facts.</b> The state keeps the conversation's accepted lines; on activation they are fed again into an
/// <see cref="ActivityLogFeed"/> (the reader's own parse and apply stages), so the grain and <c>customer-agent</c> accept and
/// reject the same lines with the same reasons.
/// </para>
/// <para>
/// <b>Events.</b> After each request and each tick, the events of [start, now) (now: the clock, or just after the latest
/// activity when that is later) are computed by the feed (<c>MetricEventFactory</c>, screened by the account's agent switches,
/// R12); those whose unique ID was never emitted go to the outbox, in the same state write as the lines. The outbox is handed
/// to the sink by a one-shot grain timer; what the sink did not accept stays and is sent again on the next tick.
/// </para>
/// <para>
/// <b>Reminder.</b> While the conversation can still close by inactivity (D1: last message + the policy's timeout, in the
/// future), or while the outbox holds events, a durable reminder ticks: first at the close instant (or a minute later for a
/// waiting outbox), then every minute, so the Resolved or Closed event happens with no further activity, and a silo that
/// stops never loses a pending event (the reminder reactivates the grain elsewhere).
/// </para>
/// </remarks>
internal sealed class ConversationGrain(
    [PersistentState("conversation", LiveStorage.Name)] IPersistentState<ConversationState> state,
    ConversationPolicy policy,
    IClock clock,
    IMetricEventSink sink,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain, IRemindable
{
    internal const string ReminderName = "tick";

    /// <summary>The most events handed to the sink at once (the vendor's bulk limit).</summary>
    internal const int MaxBatch = Events.MetricEventBatch.MaxEvents;

    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    private ActivityLogFeed? _feed;
    private IGrainTimer? _delivery;

    /// <summary>How many stored lines the account's dashboard shard has acknowledged in this activation (-1: none yet).</summary>
    private int _shared = -1;

    private ConversationState State => state.State;

    private ActivityLogFeed Feed => _feed ??= LineRecords.Rebuild(new ActivityLogReaderOptions { Policy = policy }, State.Lines);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Outbox.Count > 0)
        {
            ScheduleDelivery();
        }

        return base.OnActivateAsync(cancellationToken);
    }

    public async Task<LineResult[]> Apply(LineInput[] lines, SwitchChange[]? switches)
    {
        var results = new LineResult[lines.Length];
        if (LineRecords.Apply(Feed, lines, State.Outcomes, State.Lines, results))
        {
            await EmitAndWrite(switches);
        }

        await ShareWithDashboard();
        return results;
    }

    public Task<StoredLine[]> StoredLines() => Task.FromResult(State.Lines.ToArray());

    /// <summary>
    /// Hands the stored lines to the account's dashboard shard once they are stored (never before: the dashboard shows only
    /// what the store holds). A failure fails the request, and its retry (answered from the records) hands them again.
    /// </summary>
    private async Task ShareWithDashboard()
    {
        if (State.Lines.Count > 0 && _shared != State.Lines.Count)
        {
            var key = this.GetPrimaryKeyString();
            var account = GrainKeys.AccountOf(key);
            await GrainFactory.GetGrain<Dashboard.IDashboardShardGrain>(Dashboard.DashboardShards.Key(account, Dashboard.DashboardShards.Of(key))).Update(key, State.Lines.ToArray());
            _shared = State.Lines.Count;
        }
    }

    public async Task Tick()
    {
        await EmitAndWrite();
    }

    public Task<ConversationSnapshot> Snapshot()
    {
        var opened = Feed.Conversations();
        return Task.FromResult(new ConversationSnapshot
        {
            AcceptedLines = (int)Feed.AcceptedLineCount,
            Emitted = State.Emitted.ToArray(),
            Pending = State.Outbox.Count,
            Status = opened.Count == 0 ? null : new ConversationClassifier(policy).Classify(opened[0].Facts, Instant.Max(clock.GetCurrentInstant(), opened[0].Facts.LastActivityAt)).Status.ToApiName(),
            Silo = RuntimeIdentity,
        });
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await EmitAndWrite();
    }

    /// <summary>Puts the events due by now in the outbox, writes the state (lines, records, outbox in one write), keeps the reminder, starts delivery.</summary>
    /// <param name="known">The account's agent switches as the ingestion request read them once for all its conversations, or null to ask the account grain.</param>
    private async Task EmitAndWrite(SwitchChange[]? known = null)
    {
        var opened = Feed.Conversations();
        var now = clock.GetCurrentInstant();
        if (opened.Count > 0)
        {
            var facts = opened[0].Facts;
            var end = Instant.Max(now, facts.LastActivityAt + Duration.Epsilon);
            var switches = Timeline(opened[0].AccountId, known ?? await GrainFactory.GetGrain<IAccountGrain>(opened[0].AccountId.Value).Switches());
            foreach (var metricEvent in Feed.Events(SupportedInstants.Start, end, switches))
            {
                if (!State.Emitted.Contains(metricEvent.UniqueId))
                {
                    State.Emitted.Add(metricEvent.UniqueId);
                    State.Outbox.Add(new OutboxEntry { UniqueId = metricEvent.UniqueId, Body = CustomerAgentJson.Serialize(metricEvent) });
                }
            }
        }

        // the reminder moves only when it must tick earlier, has ticked, or must go: a later close (each new message moves it)
        // keeps the reminder registered for the earlier instant, whose tick then registers it for the later one (so each
        // message costs no reminder write, and a tick is never late)
        var due = NextTick(opened, now);
        var dueNanos = due is { } d ? (d - NodaConstants.UnixEpoch).ToInt64Nanoseconds() : 0;
        var nowNanos = (now - NodaConstants.UnixEpoch).ToInt64Nanoseconds();
        var reminderChanged = due is null
            ? State.ReminderDue != 0
            : State.ReminderDue == 0 || dueNanos < State.ReminderDue || State.ReminderDue <= nowNanos;
        if (reminderChanged)
        {
            State.ReminderDue = dueNanos;
        }
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // the feed and the state hold lines the store does not: start again from the store (the caller retries)
            _feed = null;
            DeactivateOnIdle();
            throw;
        }

        if (reminderChanged)
        {
            if (due is { } at)
            {
                var wait = at - now;
                await this.RegisterOrUpdateReminder(ReminderName, wait > Duration.Zero ? wait.ToTimeSpan() : TimeSpan.Zero, Period);
            }
            else if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }

        if (State.Outbox.Count > 0)
        {
            ScheduleDelivery();
        }
    }

    /// <summary>When the reminder must tick next: the close by inactivity still ahead (D1), else a minute from now while the outbox waits, else never.</summary>
    private Instant? NextTick(IReadOnlyList<ConversationSummary> opened, Instant now)
    {
        if (opened.Count > 0 && opened[0].Facts is var facts && facts.ExplicitClose is null
            && facts.AutoCloseAt > now && facts.AutoCloseAt < SupportedInstants.End)
        {
            return facts.AutoCloseAt;
        }

        return State.Outbox.Count > 0 ? now + Duration.FromMinutes(1) : null;
    }

    private static AgentSwitchTimeline? Timeline(AccountId account, SwitchChange[] changes)
    {
        return changes.Length == 0
            ? null
            : AgentSwitchTimeline.Create(account, changes.Select(c => new AgentSwitchChange(NodaConstants.UnixEpoch + Duration.FromNanoseconds(c.AtNanoseconds), (Channel)c.Channel, c.Enabled)));
    }

    private void ScheduleDelivery()
    {
        _delivery ??= this.RegisterGrainTimer(DeliverAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = false });
    }

    /// <summary>Hands the outbox to the sink, a batch at a time; a batch leaves the outbox only once the sink accepted it.</summary>
    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (State.Outbox.Count > 0 && !cancellationToken.IsCancellationRequested)
            {
                var batch = State.Outbox.Take(MaxBatch).ToList();
                try
                {
                    await sink.SendAsync(batch, cancellationToken);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    logger.LogWarning("conversation {Key}: {Count} events stay in the outbox, to be sent again: {Error}", this.GetPrimaryKeyString(), batch.Count, ex.Message);
                    return;
                }

                State.Outbox.RemoveRange(0, batch.Count);
                if (State.Outbox.Count == 0 && State.ReminderDue != 0 && NextTick(Feed.Conversations(), clock.GetCurrentInstant()) is null)
                {
                    State.ReminderDue = 0;
                    if (await this.GetReminder(ReminderName, cancellationToken) is { } reminder)
                    {
                        await this.UnregisterReminder(reminder, cancellationToken);
                    }
                }

                await state.WriteStateAsync(cancellationToken);
            }
        }
        finally
        {
            _delivery?.Dispose();
            _delivery = null;
        }
    }
}
