using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IOC.Access.Store;

/// <summary>
/// The data-protection key ring of a cluster (what signs and encrypts the session, device and anti-forgery cookies)
/// in the shared access schema: a cookie issued by one node is read by every other. The embedded default keeps the
/// framework's own key ring in the user's profile.
/// </summary>
public sealed class AccessKeyRing(DbContextOptions<AccessKeyRing> options) : DbContext(options), IDataProtectionKeyContext
{
    public const string Table = "DataProtectionKeys";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.HasDefaultSchema(AccessDbContext.PostgresSchema);
        builder.Entity<DataProtectionKey>().ToTable(Table);
    }
}
