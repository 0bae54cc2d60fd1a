namespace IOC.Domain.Units;

/// <summary>
/// The units a deployment watches, as loaded from seed-data: one province with its wards and communes and its agencies
/// (province mode, Hanoi by default), or the whole country: 34 provinces, their 3,321 communes and the agencies of the
/// provinces that entered some (national mode). The hierarchy is country → province → ward/commune; an agency belongs
/// to a province. Codes are official and unique nationwide, so a unit's grain and history key never depends on the scope.
/// </summary>
public sealed class UnitCatalog
{
    /// <summary>Hanoi: the default deployment's province.</summary>
    public const string CityCode = "01";

    /// <summary>The country's key in national mode (the statistics office gives the country no code of its own).</summary>
    public const string CountryCode = "VN";

    private readonly Dictionary<string, Unit> _provinces;
    private readonly Dictionary<string, Unit> _wards;
    private readonly Dictionary<string, Unit> _agencies;
    private readonly Dictionary<UnitKey, string> _provinceOf;
    private readonly Dictionary<string, Unit[]> _wardsOf;
    private readonly Dictionary<string, Unit[]> _agenciesOf;

    /// <summary>Province mode: one province (the "city"), its wards and its agencies.</summary>
    public UnitCatalog(Unit city, IEnumerable<Unit> wards, IEnumerable<Unit> agencies)
        : this(null, [city], wards.Select(w => (w, city.Code)), agencies.Select(a => (a, city.Code)), 0)
    {
    }

    /// <summary>National mode: the country, its provinces, and every ward and agency with its province's code.</summary>
    public UnitCatalog(Unit country, IEnumerable<Unit> provinces, IEnumerable<(Unit Ward, string Province)> wards, IEnumerable<(Unit Agency, string Province)> agencies)
        : this(country, provinces, wards, agencies, 0)
    {
    }

    private UnitCatalog(Unit? country, IEnumerable<Unit> provinces, IEnumerable<(Unit Unit, string Province)> wards, IEnumerable<(Unit Unit, string Province)> agencies, int _)
    {
        Country = country;
        Provinces = provinces.ToArray();
        _provinces = Provinces.ToDictionary(p => p.Code, StringComparer.Ordinal);
        var wardList = wards.ToArray();
        var agencyList = agencies.ToArray();
        foreach (var (unit, province) in wardList.Concat(agencyList))
        {
            if (!_provinces.ContainsKey(province))
            {
                throw new ArgumentException($"{unit.Level.ToWire()} {unit.Code} names province '{province}', which is not in the catalog.");
            }
        }

        Wards = wardList.Select(w => w.Unit).ToArray();
        Agencies = agencyList.Select(a => a.Unit).ToArray();
        _wards = Wards.ToDictionary(u => u.Code, StringComparer.Ordinal);
        _agencies = Agencies.ToDictionary(u => u.Code, StringComparer.Ordinal);
        _provinceOf = wardList.Concat(agencyList).ToDictionary(u => u.Unit.Key, u => u.Province);
        _wardsOf = Provinces.ToDictionary(p => p.Code, p => wardList.Where(w => w.Province == p.Code).Select(w => w.Unit).ToArray(), StringComparer.Ordinal);
        _agenciesOf = Provinces.ToDictionary(p => p.Code, p => agencyList.Where(a => a.Province == p.Code).Select(a => a.Unit).ToArray(), StringComparer.Ordinal);
        Head = Country ?? Provinces.Single();
    }

    /// <summary>National mode: the country is the head, and every province a part of it.</summary>
    public bool IsNational => Country is not null;

    /// <summary>
    /// The deployment's head: its province, or the country in national mode. The API path <c>/kpi/city</c>, the hub
    /// group <c>city</c> and the wallboard show it.
    /// </summary>
    public Unit Head { get; }

    /// <summary>The deployment's head (<see cref="Head"/>): the name stays for the API's <c>city</c>, which it answers.</summary>
    public Unit City => Head;

    /// <summary>The country (national mode only).</summary>
    public Unit? Country { get; }

    /// <summary>The provinces in scope: one in province mode, 34 in national mode.</summary>
    public IReadOnlyList<Unit> Provinces { get; }

    public IReadOnlyList<Unit> Wards { get; }

    public IReadOnlyList<Unit> Agencies { get; }

    public bool TryGetWard(string code, out Unit ward) => _wards.TryGetValue(code, out ward!);

    public bool TryGetAgency(string code, out Unit agency) => _agencies.TryGetValue(code, out agency!);

    public bool TryGetProvince(string code, out Unit province) => _provinces.TryGetValue(code, out province!);

    public bool IsWard(string code) => _wards.ContainsKey(code);

    public bool IsAgency(string code) => _agencies.ContainsKey(code);

    public Unit? Find(UnitKey key) => key.Level switch
    {
        UnitLevel.City => _provinces.GetValueOrDefault(key.Code),
        UnitLevel.Ward => _wards.GetValueOrDefault(key.Code),
        UnitLevel.Agency => _agencies.GetValueOrDefault(key.Code),
        UnitLevel.Country => Country is { } country && key.Code == country.Code ? country : null,
        _ => null,
    };

    /// <summary>The head, the provinces under it (national mode), the wards and the agencies.</summary>
    public IEnumerable<Unit> All => IsNational
        ? Wards.Concat(Agencies).Prepend(Head).Concat(Provinces)
        : Wards.Concat(Agencies).Prepend(Head);

    /// <summary>The province a ward, an agency or a province's direct work belongs to (a province is its own); null for the country.</summary>
    public Unit? ProvinceOf(UnitKey key) => key.Level switch
    {
        UnitLevel.City or UnitLevel.Direct => _provinces.GetValueOrDefault(key.Code),
        UnitLevel.Ward or UnitLevel.Agency => _provinceOf.TryGetValue(key, out var code) ? _provinces[code] : null,
        _ => null,
    };

    /// <summary>
    /// What a unit is compared with: a ward's, an agency's or a direct work's province; a province's country (national
    /// mode); nothing for the head.
    /// </summary>
    public Unit? Parent(UnitKey key) => key.Level switch
    {
        UnitLevel.Ward or UnitLevel.Agency or UnitLevel.Direct => ProvinceOf(key),
        UnitLevel.City => Country,
        _ => null,
    };

    /// <summary>The province of a ward or agency, or the province itself; the head (the country) for the country.</summary>
    public Unit ProvinceOrHead(UnitKey key) => ProvinceOf(key) ?? Head;

    public IReadOnlyList<Unit> WardsOf(string province) => _wardsOf.GetValueOrDefault(province) ?? [];

    public IReadOnlyList<Unit> AgenciesOf(string province) => _agenciesOf.GetValueOrDefault(province) ?? [];

    /// <summary>The head province's direct work (province mode); see <see cref="DirectWorkOf"/>.</summary>
    public UnitKey DirectWork => DirectWorkOf(Provinces[0].Code);

    /// <summary>
    /// A province's direct work (agency events that name no ward; see <see cref="UnitLevel.Direct"/>): keyed by the
    /// province's code, since the agencies of a province feed it together.
    /// </summary>
    public static UnitKey DirectWorkOf(string province) => new(UnitLevel.Direct, province);

    /// <summary>Every province's direct work.</summary>
    public IEnumerable<UnitKey> DirectWorks => Provinces.Select(p => DirectWorkOf(p.Code));

    /// <summary>What a province is the sum of: each of its wards and its direct work.</summary>
    public IEnumerable<UnitKey> ContributorsOf(string province) => WardsOf(province).Select(w => w.Key).Append(DirectWorkOf(province));

    /// <summary>What the head province is the sum of (province mode).</summary>
    public IEnumerable<UnitKey> CityContributors => ContributorsOf(Provinces[0].Code);

    /// <summary>
    /// The roll-ups whose history series add this unit's deltas: a ward's and a direct work's province, and in national
    /// mode the country too. Agencies, provinces and the country roll into nothing.
    /// </summary>
    public IReadOnlyList<UnitKey> RollsUpTo(UnitKey key)
    {
        if (key.Level is not (UnitLevel.Ward or UnitLevel.Direct) || ProvinceOf(key) is not { } province)
        {
            return [];
        }

        return Country is { } country ? [province.Key, country.Key] : [province.Key];
    }
}
