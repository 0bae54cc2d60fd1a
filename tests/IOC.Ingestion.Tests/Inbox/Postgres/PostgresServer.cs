using System.Diagnostics;

namespace IOC.Ingestion.Tests.Inbox.Postgres;

/// <summary>
/// A real PostgreSQL started by <c>scripts/postgres.sh start</c> in a temp folder (loopback, a free port) and stopped by
/// <c>stop</c> (by its PID). PostgreSQL must be installed (scripts/test.sh installs Debian's postgresql when it is
/// missing): without it these tests fail with the script's message, they are never skipped.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ioc-postgres-test-").FullName;
    private int _databases;

    /// <summary>The Npgsql connection string of the database <c>ioc</c>.</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync() => await StartAsync();

    public async Task DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Starts the server: the first time on a free port, then again on the same port with the same data.</summary>
    public async Task StartAsync() => ConnectionString = (await ScriptAsync("start")).Trim().Split('\n')[^1];

    public Task StopAsync() => ScriptAsync("stop");

    /// <summary>
    /// A connection string to a database of its own (created now), so that no test meets another test's rows.
    /// Short timeouts: a test about an outage should not wait Npgsql's default 15 s for a refused connection.
    /// </summary>
    public async Task<string> NewDatabaseAsync()
    {
        var name = $"t{Interlocked.Increment(ref _databases)}";
        // Unpooled: a pooled connection would be a dead one after a test restarted the server.
        await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Database = name, Timeout = 5, CommandTimeout = 10 }.ToString();
    }

    private async Task<string> ScriptAsync(string command)
    {
        var script = Path.Combine(RepoRoot(), "scripts", "postgres.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, command, _folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/postgres.sh {command} failed ({process.ExitCode}): {await error}{await output}");
        }

        return await output;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IOC.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"IOC.sln not found above {AppContext.BaseDirectory}");
    }
}
