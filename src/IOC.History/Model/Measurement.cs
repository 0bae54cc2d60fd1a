using IOC.Domain.Kpis;

namespace IOC.History.Model;

/// <summary>
/// What the history stores, per unit and bucket, as integer fields only. <see cref="Counters"/>: the grains' 35
/// counters (every KPI's numerator and denominator), at every resolution. <see cref="Procedures"/>: dossiers per
/// procedure code and intake channel (received, completed, completed late), per hour and day.
/// </summary>
public sealed class Measurement
{
    public static readonly Measurement Counters = new(0, "counters", Enum.GetNames<Counter>(), byProcedure: false, Model.Resolutions.All);

    public static readonly Measurement Procedures = new(1, "procedures", ["Received", "Completed", "CompletedLate"], byProcedure: true, [Resolution.Hour, Resolution.Day]);

    public static readonly Measurement[] All = [Counters, Procedures];

    private Measurement(byte id, string name, string[] fields, bool byProcedure, Resolution[] resolutions)
    {
        Id = id;
        Name = name;
        Fields = fields;
        ByProcedure = byProcedure;
        Resolutions = resolutions;
    }

    public byte Id { get; }

    public string Name { get; }

    /// <summary>Field names: persisted (InfluxDB fields, SQLite columns), so rename with care.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>Tagged with <c>procedure</c> and <c>channel</c> besides <c>level</c> and <c>unit</c>.</summary>
    public bool ByProcedure { get; }

    public IReadOnlyList<Resolution> Resolutions { get; }

    public static Measurement FromId(byte id) => All[id];

    public override string ToString() => Name;
}
