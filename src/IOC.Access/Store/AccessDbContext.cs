using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IOC.Access.Store;

/// <summary>
/// The access store (<c>access.db</c> in the data folder): Identity's accounts and roles, kiosk devices, producer keys,
/// service tokens and the audit log. SQLite, like the inbox: nothing to install; in a cluster the same model lives in
/// the schema <see cref="PostgresSchema"/> of the shared PostgreSQL database (<see cref="PostgresAccessStore"/>).
/// </summary>
public sealed class AccessDbContext(DbContextOptions<AccessDbContext> options) : IdentityDbContext<IocUser>(options)
{
    public DbSet<KioskDevice> Devices => Set<KioskDevice>();

    public DbSet<ProducerKeyRecord> ProducerKeys => Set<ProducerKeyRecord>();

    public DbSet<ServiceTokenRecord> ServiceTokens => Set<ServiceTokenRecord>();

    public DbSet<AuditRecord> Audit => Set<AuditRecord>();

    /// <summary>The PostgreSQL schema of the access tables, so they keep apart from the inbox's and the alerts' in one database.</summary>
    public const string PostgresSchema = "access";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        if (Database.IsNpgsql())
        {
            builder.HasDefaultSchema(PostgresSchema);
        }

        builder.Entity<KioskDevice>().HasIndex(d => d.SecretDigest);
        builder.Entity<KioskDevice>().HasIndex(d => d.PairingDigest);
        builder.Entity<ProducerKeyRecord>().HasIndex(k => k.Digest).IsUnique();
        builder.Entity<ServiceTokenRecord>().HasIndex(t => t.Digest).IsUnique();
        builder.Entity<AuditRecord>().ToTable("AuditLog").HasIndex(a => a.At);
    }

    /// <summary>
    /// SQLite cannot order or compare DateTimeOffset: store UTC ticks, which sort like the instants. PostgreSQL keeps
    /// the same ticks (bigint), so both stores hold the same values and no offset is ever lost or refused.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        builder.Properties<DateTimeOffset>().HaveConversion<UtcTicks>();
        builder.Properties<DateTimeOffset?>().HaveConversion<UtcTicks>();
    }

    private sealed class UtcTicks() : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
}
