using CustomerAgent.Live.Grains;
using Orleans.Concurrency;

namespace CustomerAgent.Live.Dashboard;

/// <summary>See <see cref="IDashboardShardGrain"/>.</summary>
/// <remarks>
/// Reentrant: conversation grains call <see cref="Update"/> from their own turn, and a rebuild calls conversation grains, so
/// neither waits for the other. The set of conversations is written with group commit: while one write runs, the updates
/// that add a conversation wait, and the next write stores all of them at once.
/// </remarks>
[Reentrant]
internal sealed class DashboardShardGrain(
    [PersistentState("dashboard-shard", LiveStorage.Name)] IPersistentState<DashboardShardState> state) : Grain, IDashboardShardGrain
{
    private readonly Dictionary<string, StoredLine[]> _lines = new(StringComparer.Ordinal);
    private Task? _writing;
    private readonly Guid _activation = Guid.NewGuid();
    private long _changes;
    private long _added;
    private long _saved;
    private bool _registered;
    private HashSet<string>? _known;

    public async Task Update(string conversationKey, StoredLine[] lines)
    {
        Keep(conversationKey, lines);
        if (Known.Add(conversationKey))
        {
            _added++;
        }

        // group commit: wait for the write under way, then write (once for every update that came meanwhile) unless it stored this one
        var target = _added;
        while (_saved < target)
        {
            if (_writing is { IsCompleted: false } running)
            {
                try
                {
                    await running;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // its caller gets the failure; this one tries a write of its own
                }

                continue;
            }

            _writing = WriteAsync();
            await _writing;
        }

        if (!_registered)
        {
            await GrainFactory.GetGrain<IDashboardDirectoryGrain>(DashboardShards.DirectoryKey).Add(DashboardShards.AccountOf(this.GetPrimaryKeyString()));
            _registered = true;
        }
    }

    public async Task<ShardLines> Lines(ShardVersion? known)
    {
        // after a new activation, the lines of the conversations recorded in the set come from the conversation grains
        var missing = Known.Where(k => !_lines.ContainsKey(k)).ToList();
        foreach (var chunk in missing.Chunk(64))
        {
            var fetched = await Task.WhenAll(chunk.Select(k => GrainFactory.GetGrain<IConversationGrain>(k).StoredLines()));
            for (var i = 0; i < chunk.Length; i++)
            {
                Keep(chunk[i], fetched[i]);
            }
        }

        var version = new ShardVersion(_activation, _changes);
        return new ShardLines { Version = version, Conversations = version == known ? null : _lines.Values.ToArray() };
    }

    /// <summary>The conversations recorded, stored or not yet (the state written is a copy: updates go on during a write).</summary>
    private HashSet<string> Known => _known ??= new HashSet<string>(state.State.Conversations, StringComparer.Ordinal);

    private async Task WriteAsync()
    {
        var writing = _added;
        state.State = new DashboardShardState { Conversations = new HashSet<string>(Known, StringComparer.Ordinal) };
        await state.WriteStateAsync();
        _saved = Math.Max(_saved, writing);
    }

    private void Keep(string conversationKey, StoredLine[] lines)
    {
        if (!_lines.TryGetValue(conversationKey, out var held) || held.Length < lines.Length)
        {
            _lines[conversationKey] = lines;
            _changes++;
        }
    }
}

/// <summary>See <see cref="IDashboardDirectoryGrain"/>.</summary>
internal sealed class DashboardDirectoryGrain(
    [PersistentState("dashboard-directory", LiveStorage.Name)] IPersistentState<DashboardDirectoryState> state) : Grain, IDashboardDirectoryGrain
{
    public async Task Add(string account)
    {
        if (state.State.Accounts.Add(account))
        {
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                state.State.Accounts.Remove(account);
                throw;
            }
        }
    }

    public Task<string[]> List() => Task.FromResult(state.State.Accounts.Order(StringComparer.Ordinal).ToArray());
}
