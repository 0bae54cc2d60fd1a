using System.Net.Sockets;
using Npgsql;

namespace IOC.Storage.Postgres.Tests;

public sealed class PostgresFailureTests
{
    [Theory]
    [InlineData("08006", "connection_failure")]
    [InlineData("08001", "sqlclient_unable_to_establish_sqlconnection")]
    [InlineData("53300", "too_many_connections")]
    [InlineData("53100", "disk_full")]
    [InlineData("57P01", "admin_shutdown")]
    [InlineData("57P03", "cannot_connect_now (the database system is starting up)")]
    public void AServerErrorOfAConnectionResourceOrShutdownClassMeansTheStoreIsUnavailable(string sqlState, string what)
    {
        var error = Server(sqlState);

        PostgresFailure.IsUnavailable(error).Should().BeTrue(what);
    }

    [Theory]
    [InlineData("23505", "unique_violation")]
    [InlineData("23503", "foreign_key_violation")]
    [InlineData("22P02", "invalid_text_representation")]
    [InlineData("42601", "syntax_error")]
    [InlineData("42P01", "undefined_table")]
    [InlineData("40001", "serialization_failure")]
    [InlineData("57014", "query_canceled: class 57 but not 57P")]
    [InlineData("P0001", "raise_exception (the access audit log's append-only trigger)")]
    public void AStatementTheServerRefusedIsNotAnOutage(string sqlState, string what)
    {
        var error = Server(sqlState);

        PostgresFailure.IsUnavailable(error).Should().BeFalse(what);
    }

    [Fact]
    public void AClientSideDriverFailureWithoutSqlStateMeansTheStoreIsUnavailable()
    {
        var refused = new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));
        var timedOut = new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt"));

        refused.SqlState.Should().BeNull();
        PostgresFailure.IsUnavailable(refused).Should().BeTrue();
        PostgresFailure.IsUnavailable(timedOut).Should().BeTrue();
    }

    [Fact]
    public void ASocketErrorOrATimeoutOutsideTheDriverMeansTheStoreIsUnavailable()
    {
        var socket = new SocketException((int)SocketError.ConnectionReset);
        var timeout = new TimeoutException();

        PostgresFailure.IsUnavailable(socket).Should().BeTrue();
        PostgresFailure.IsUnavailable(timeout).Should().BeTrue();
    }

    [Fact]
    public void AnyOtherExceptionIsNotAnOutage()
    {
        var bug = new InvalidOperationException("A command is already in progress");
        var cancelled = new OperationCanceledException();

        PostgresFailure.IsUnavailable(bug).Should().BeFalse();
        PostgresFailure.IsUnavailable(cancelled).Should().BeFalse();
    }

    private static PostgresException Server(string sqlState) => new($"server error {sqlState}", "ERROR", "ERROR", sqlState);
}
