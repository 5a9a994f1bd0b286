using SiteBuilder.Operations.Store;

namespace SiteBuilder.Operations.Environments;

/// <summary>Reads and changes an environment's state with conditional writes, retrying when another writer got there first.</summary>
public sealed class EnvironmentStates(IOperationsStore store, TimeProvider clock)
{
    public async Task<EnvironmentState> GetAsync(string environment, CancellationToken cancellationToken = default) =>
        await store.FindAsync<EnvironmentState>(environment, cancellationToken) ?? new EnvironmentState { Id = environment, CreatedAt = clock.GetUtcNow() };

    /// <summary>
    /// Applies <paramref name="change"/> to the current state until the write lands. <paramref name="change"/> may throw to refuse
    /// (e.g. another deployment holds the environment); returning the state unchanged writes nothing.
    /// </summary>
    public async Task<EnvironmentState> ChangeAsync(string environment, Func<EnvironmentState, EnvironmentState> change, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await store.FindAsync<EnvironmentState>(environment, cancellationToken);
            var baseline = current ?? new EnvironmentState { Id = environment, CreatedAt = clock.GetUtcNow() };
            var changed = change(baseline);
            if (ReferenceEquals(changed, baseline))
            {
                return baseline;
            }

            try
            {
                return current is null ? await store.InsertAsync(changed, cancellationToken) : await store.UpdateAsync(changed, cancellationToken);
            }
            catch (Exception e) when (e is OpsConflictException or OpsDuplicateException && attempt < 50)
            {
                // Someone else changed the environment between our read and write: read again and decide again.
                await Task.Delay(Random.Shared.Next(1, 10 + attempt * 5), cancellationToken);
            }
        }
    }
}
