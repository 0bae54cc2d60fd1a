namespace IOC.Access.Store;

/// <summary>A TV or screen paired to show the kiosk: view-only, revocable at once.</summary>
public sealed class KioskDevice
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public string Location { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    /// <summary>SHA-256 hex of the one-time pairing code; null once used.</summary>
    public string? PairingDigest { get; set; }

    public DateTimeOffset? PairingExpiresAt { get; set; }

    /// <summary>SHA-256 hex of the secret the paired screen keeps in its cookie; null until paired.</summary>
    public string? SecretDigest { get; set; }

    public DateTimeOffset? PairedAt { get; set; }

    public string? PairedFrom { get; set; }

    public DateTimeOffset? LastSeenAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>A producer's key for POST /api/v1/events, shown once and kept as a digest, scoped to units and event types.</summary>
public sealed class ProducerKeyRecord
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public required string Digest { get; set; }

    /// <summary>The key's first characters (never enough to use it), so a person can tell keys apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>Ward and agency codes, comma-separated; empty: every unit.</summary>
    public string Units { get; set; } = "";

    /// <summary>Event types (wire names), comma-separated; empty: every type.</summary>
    public string EventTypes { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}

/// <summary>A token another system reads IOC with (Authorization: Bearer), shown once and kept as a digest.</summary>
public sealed class ServiceTokenRecord
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public required string Digest { get; set; }

    public required string Prefix { get; set; }

    public required string Role { get; set; }

    public string Units { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}

/// <summary>One line of the audit log: who, when, from where, what. Written once; the store refuses changes.</summary>
public sealed class AuditRecord
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>"person alice", "service bi-tool", "device TV tầng 3", "anonymous", "system".</summary>
    public required string Actor { get; set; }

    /// <summary>Remote address of the request, when there was one.</summary>
    public string? Address { get; set; }

    /// <summary>One of <see cref="Audit.AuditActions"/>.</summary>
    public required string Action { get; set; }

    /// <summary>What it was done to: an account, a device, a key, a path.</summary>
    public string Target { get; set; } = "";

    public string Detail { get; set; } = "";

    public bool Succeeded { get; set; } = true;
}
