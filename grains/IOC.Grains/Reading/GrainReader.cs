using IOC.Domain.Units;
using IOC.Grains.Fold;
using IOC.Grains.Interfaces;
using Orleans;

namespace IOC.Grains.Reading;

/// <summary>
/// Reads the grains themselves, for answers that must include every event acknowledged before the request (the KPI
/// API, the history catching up, the open-dossier lists). Live pages read the pushed copies instead (IOC.Live).
/// </summary>
public sealed class GrainReader(IGrainFactory grains, UnitCatalog units)
{
    /// <summary>The figures of a unit now; for a province or the country, after taking every contributor's pending share.</summary>
    public Task<GrainSnapshot> SnapshotAsync(UnitKey key) =>
        key.Level is UnitLevel.City or UnitLevel.Country ? grains.Rollup(key).Refresh() : grains.Unit(key).GetSnapshot();

    public async Task<IReadOnlyList<GrainSnapshot>> SnapshotsAsync(IEnumerable<UnitKey> keys) =>
        await Task.WhenAll(keys.Select(SnapshotAsync));

    /// <summary>Every unit grain hands over what it folded until now (to the history sink and the city's shares).</summary>
    public Task FlushAsync() => Task.WhenAll(UnitKeys().Select(k => grains.Unit(k).Flush()));

    public Task<IReadOnlyList<OpenDossier>> OpenDossiersAsync(UnitKey key, DateTimeOffset? dueBefore) =>
        grains.Unit(key).GetOpenDossiers(dueBefore);

    /// <summary>Every unit grain of the catalog: the wards, the agencies and each province's direct work.</summary>
    public IEnumerable<UnitKey> UnitKeys() => units.Wards.Concat(units.Agencies).Select(u => u.Key).Concat(units.DirectWorks);

    /// <summary>The roll-ups, bottom up: the provinces, then the country (national mode).</summary>
    public IEnumerable<UnitKey> RollupKeys() => units.Country is { } country ? units.Provinces.Select(p => p.Key).Append(country.Key) : [units.Head.Key];
}
