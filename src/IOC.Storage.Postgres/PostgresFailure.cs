using System.Net.Sockets;
using Npgsql;

namespace IOC.Storage.Postgres;

/// <summary>
/// Whether a failure of a PostgreSQL store means the server cannot be reached or will not serve now — the store is
/// down, worth trying again later and worth a 503 and an Unhealthy /health — as opposed to a statement the server
/// answered and refused (a constraint violation, bad data, a syntax error, a missing table), which trying again does
/// not mend and which is no outage. One rule for every store (inbox, history, access, alerts), so /health, the API
/// and the writers agree on what "down" is.
/// </summary>
public static class PostgresFailure
{
    /// <summary>
    /// The server is unreachable or not serving: a server error of SQLSTATE class 08 (connection exception), 53
    /// (insufficient resources: too many connections, out of memory, disk full) or 57P (operator intervention: an admin
    /// shutdown, a crash, a start under way); or a client-side failure, which carries no SQLSTATE (a refused or reset
    /// connection, a timeout, the pool exhausted).
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException server => IsUnavailableState(server.SqlState),
        NpgsqlException => true,
        TimeoutException or SocketException => true,
        _ => false,
    };

    /// <summary>Whether a server error's SQLSTATE (five characters) says it cannot serve now.</summary>
    public static bool IsUnavailableState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState.StartsWith("53", StringComparison.Ordinal)
        || sqlState.StartsWith("57P", StringComparison.Ordinal);
}
