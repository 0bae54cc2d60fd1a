using Microsoft.EntityFrameworkCore;

namespace IOC.Access.Store;

/// <summary>
/// Creates the access store on first run (WAL, like the inbox) and makes its audit table append-only: SQLite itself
/// refuses any UPDATE or DELETE of an audit line, whatever code asks.
/// </summary>
public static class AccessStoreSetup
{
    public static void Prepare(AccessDbContext db)
    {
        db.Database.EnsureCreated();
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        db.Database.ExecuteSqlRaw("""
            CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON AuditLog
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            """);
        db.Database.ExecuteSqlRaw("""
            CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON AuditLog
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            """);
    }

    public static string ConnectionString(string dataDir) =>
        $"Data Source={Path.Combine(dataDir, "access.db")};Default Timeout=30;Pooling=True";
}
