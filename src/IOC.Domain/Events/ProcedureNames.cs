namespace IOC.Domain.Events;

/// <summary>Where a procedure's name comes from: the operator's catalogue, or the producers' one-stop systems.</summary>
public enum ProcedureNameSource
{
    /// <summary>procedure-names.csv in the data folder, with the operator's citation of the official source.</summary>
    Catalogue,

    /// <summary>The latest <c>procedureName</c> a producer sent on a <c>dossier.received</c>: how its system names it.</summary>
    Producer,
}

/// <param name="Citation">For a catalogue name: where the official name comes from, as the operator wrote it.</param>
public sealed record ProcedureName(string Code, string Name, ProcedureNameSource Source, string? Citation = null);

/// <summary>The names IOC knows for procedure codes; a code with none is shown as its code alone.</summary>
public interface IProcedureNames
{
    ProcedureName? Find(string code);
}
