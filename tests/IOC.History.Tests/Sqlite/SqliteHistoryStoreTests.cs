using IOC.History.Sqlite;
using IOC.History.Store;
using IOC.Tests.Shared;

namespace IOC.History.Tests.Sqlite;

public sealed class SqliteHistoryStoreTests : HistoryStoreContract
{
    private readonly TempFolder _folder = new("ioc-sqlite-history-");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }

    protected override Task<IHistoryStore> CreateAsync(Retention retention, TimeProvider time) =>
        Task.FromResult<IHistoryStore>(new SqliteHistoryStore(_folder.File("history.db"), retention, time));
}
