using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IOC.Access.Store;

/// <summary>
/// The access store (<c>access.db</c> in the data folder): Identity's accounts and roles, kiosk devices, producer keys,
/// service tokens and the audit log. SQLite, like the inbox: nothing to install.
/// </summary>
public sealed class AccessDbContext(DbContextOptions<AccessDbContext> options) : IdentityDbContext<IocUser>(options)
{
    public DbSet<KioskDevice> Devices => Set<KioskDevice>();

    public DbSet<ProducerKeyRecord> ProducerKeys => Set<ProducerKeyRecord>();

    public DbSet<ServiceTokenRecord> ServiceTokens => Set<ServiceTokenRecord>();

    public DbSet<AuditRecord> Audit => Set<AuditRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<KioskDevice>().HasIndex(d => d.SecretDigest);
        builder.Entity<KioskDevice>().HasIndex(d => d.PairingDigest);
        builder.Entity<ProducerKeyRecord>().HasIndex(k => k.Digest).IsUnique();
        builder.Entity<ServiceTokenRecord>().HasIndex(t => t.Digest).IsUnique();
        builder.Entity<AuditRecord>().ToTable("AuditLog").HasIndex(a => a.At);
    }

    /// <summary>SQLite cannot order or compare DateTimeOffset: store UTC ticks, which sort like the instants.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        builder.Properties<DateTimeOffset>().HaveConversion<UtcTicks>();
        builder.Properties<DateTimeOffset?>().HaveConversion<UtcTicks>();
    }

    private sealed class UtcTicks() : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
}
