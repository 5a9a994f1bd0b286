using Microsoft.Data.Sqlite;

namespace SiteBuilder.Storage.Sqlite;

/// <summary>An open connection holding the database's writer turn; disposing it closes the connection and passes the turn on.</summary>
public sealed class SqliteWriteConnection(SqliteConnection connection, SemaphoreSlim turn) : IAsyncDisposable
{
    private int _disposed;

    public SqliteConnection Connection { get; } = connection;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            try
            {
                await Connection.DisposeAsync();
            }
            finally
            {
                turn.Release();
            }
        }
    }
}
