using Npgsql;

namespace IOC.Storage.Postgres;

/// <summary>The one cheap round trip a shared store's <c>PingAsync</c> makes for /health and its writer.</summary>
public static class PostgresPing
{
    /// <summary>A connection from <paramref name="source"/>'s pool and <c>SELECT 1</c> (see the other overload).</summary>
    public static Task PingAsync(this NpgsqlDataSource source, Func<Exception, Exception> unavailable, CancellationToken cancellationToken) =>
        PingAsync(source.OpenConnectionAsync, unavailable, cancellationToken);

    /// <summary>
    /// A connection from <paramref name="open"/> and <c>SELECT 1</c>. A failure that means the server cannot be reached
    /// (<see cref="PostgresFailure.IsUnavailable"/>) is thrown as the store's own exception, made by
    /// <paramref name="unavailable"/> from the driver's; any other goes through as it is.
    /// </summary>
    public static async Task PingAsync(Func<CancellationToken, ValueTask<NpgsqlConnection>> open, Func<Exception, Exception> unavailable, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await open(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
        }
        catch (Exception ex) when (PostgresFailure.IsUnavailable(ex))
        {
            throw unavailable(ex);
        }
    }
}
