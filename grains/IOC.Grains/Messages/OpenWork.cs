using IOC.Domain.Units;
using IOC.Grains.Fold;
using Orleans;

namespace IOC.Grains.Messages;

/// <summary>A copy of one unit's open dossiers and tickets (those a caller asked for).</summary>
[GenerateSerializer, Immutable, Alias("ioc.OpenWork")]
public sealed record OpenWork(
    [property: Id(0)] UnitKey Key,
    [property: Id(1)] IReadOnlyList<OpenDossier> Dossiers,
    [property: Id(2)] IReadOnlyList<OpenTicket> Tickets);
