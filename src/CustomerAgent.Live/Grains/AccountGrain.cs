using CustomerAgent.ActivityLog;
using CustomerAgent.Conversations;

namespace CustomerAgent.Live.Grains;

/// <summary>See <see cref="IAccountGrain"/>.</summary>
internal sealed class AccountGrain(
    [PersistentState("account", LiveStorage.Name)] IPersistentState<AccountState> state,
    ConversationPolicy policy) : Grain, IAccountGrain
{
    private ActivityLogFeed? _feed;
    private bool _registered;

    private ActivityLogFeed Feed => _feed ??= LineRecords.Rebuild(new ActivityLogReaderOptions { Policy = policy }, state.State.Lines);

    public async Task<LineResult[]> Apply(LineInput[] lines)
    {
        var results = new LineResult[lines.Length];
        if (LineRecords.Apply(Feed, lines, state.State.Outcomes, state.State.Lines, results))
        {
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                // the feed holds lines the store does not: start again from the store
                _feed = null;
                DeactivateOnIdle();
                throw;
            }
        }

        if (!_registered && state.State.Lines.Count > 0)
        {
            // the dashboard lists the accounts that have data
            await GrainFactory.GetGrain<Dashboard.IDashboardDirectoryGrain>(Dashboard.DashboardShards.DirectoryKey).Add(this.GetPrimaryKeyString());
            _registered = true;
        }

        return results;
    }

    public Task<StoredLine[]> StoredLines() => Task.FromResult(state.State.Lines.ToArray());

    public Task<SwitchChange[]> Switches()
    {
        var timeline = Feed.Switches(AccountId.From(this.GetPrimaryKeyString()));
        return Task.FromResult(timeline is null ? [] : timeline.Changes
            .Select(c => new SwitchChange { Channel = (int)c.Channel, AtNanoseconds = (c.At - NodaTime.NodaConstants.UnixEpoch).ToInt64Nanoseconds(), Enabled = c.Enabled })
            .ToArray());
    }
}
