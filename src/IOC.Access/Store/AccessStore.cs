using Microsoft.EntityFrameworkCore;

namespace IOC.Access.Store;

/// <summary>
/// Opens the access store in the data folder; the first context made creates it (<see cref="AccessStoreSetup"/>), so
/// nothing reads it before it exists, whichever service asks first.
/// </summary>
public sealed class AccessStore : IDbContextFactory<AccessDbContext>
{
    private readonly DbContextOptions<AccessDbContext> _options;
    private readonly Lazy<bool> _prepared;

    public AccessStore(string dataDir)
    {
        DataDir = dataDir;
        _options = new DbContextOptionsBuilder<AccessDbContext>().UseSqlite(AccessStoreSetup.ConnectionString(dataDir)).Options;
        _prepared = new Lazy<bool>(() =>
        {
            using var db = new AccessDbContext(_options);
            AccessStoreSetup.Prepare(db);
            return true;
        });
    }

    public string DataDir { get; }

    public string Path => System.IO.Path.Combine(DataDir, "access.db");

    public AccessDbContext CreateDbContext()
    {
        _ = _prepared.Value;
        return new AccessDbContext(_options);
    }
}
