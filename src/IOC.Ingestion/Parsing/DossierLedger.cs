using IOC.Domain.Events;

namespace IOC.Ingestion.Parsing;

/// <summary>
/// When each open dossier was received, so that a completion dated before its receipt is rejected at the door.
/// Completed dossiers leave the ledger, so it holds only open work. Used under the ingestion lock only.
/// </summary>
public sealed class DossierLedger
{
    private readonly Dictionary<string, DateTimeOffset> _receivedAt = new(StringComparer.Ordinal);

    public int Count => _receivedAt.Count;

    /// <summary>The reason a completion contradicts what was accepted, or null when it does not.</summary>
    public static string? Contradiction(DossierCompleted completed, DateTimeOffset? receivedAt) =>
        receivedAt is { } received && completed.CompletedAt < received
            ? $"is before the dossier was received ({received:O})"
            : null;

    public DateTimeOffset? ReceivedAt(string dossierId) =>
        _receivedAt.TryGetValue(dossierId, out var at) ? at : null;

    /// <summary>An open dossier known from a saved checkpoint rather than from its event.</summary>
    public void Restore(string dossierId, DateTimeOffset receivedAt) => _receivedAt[dossierId] = receivedAt;

    public void Apply(IocEvent e)
    {
        switch (e)
        {
            case DossierReceived r:
                _receivedAt[r.DossierId] = r.At;
                break;
            case DossierCompleted c:
                _receivedAt.Remove(c.DossierId);
                break;
        }
    }
}
