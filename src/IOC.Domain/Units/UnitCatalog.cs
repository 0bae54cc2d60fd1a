namespace IOC.Domain.Units;

/// <summary>The city, its wards and communes, and its agencies, as loaded from seed-data.</summary>
public sealed class UnitCatalog
{
    public const string CityCode = "01";

    private readonly Dictionary<string, Unit> _wards;
    private readonly Dictionary<string, Unit> _agencies;

    public UnitCatalog(Unit city, IEnumerable<Unit> wards, IEnumerable<Unit> agencies)
    {
        City = city;
        Wards = wards.ToArray();
        Agencies = agencies.ToArray();
        _wards = Wards.ToDictionary(u => u.Code, StringComparer.Ordinal);
        _agencies = Agencies.ToDictionary(u => u.Code, StringComparer.Ordinal);
    }

    public Unit City { get; }

    public IReadOnlyList<Unit> Wards { get; }

    public IReadOnlyList<Unit> Agencies { get; }

    public bool TryGetWard(string code, out Unit ward) => _wards.TryGetValue(code, out ward!);

    public bool TryGetAgency(string code, out Unit agency) => _agencies.TryGetValue(code, out agency!);

    public bool IsWard(string code) => _wards.ContainsKey(code);

    public bool IsAgency(string code) => _agencies.ContainsKey(code);

    public Unit? Find(UnitKey key) => key.Level switch
    {
        UnitLevel.City => key.Code == CityCode ? City : null,
        UnitLevel.Ward => _wards.GetValueOrDefault(key.Code),
        UnitLevel.Agency => _agencies.GetValueOrDefault(key.Code),
        _ => null,
    };

    public IEnumerable<Unit> All => Wards.Concat(Agencies).Prepend(City);

    /// <summary>The city's direct work (agency events that name no ward): see <see cref="UnitLevel.Direct"/>.</summary>
    public UnitKey DirectWork => new(UnitLevel.Direct, City.Code);

    /// <summary>What the city is the sum of: every ward and the city's direct work.</summary>
    public IEnumerable<UnitKey> CityContributors => Wards.Select(w => w.Key).Append(DirectWork);
}
