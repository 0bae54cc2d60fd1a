using IOC.Ingestion.Parsing;

namespace IOC.Ingestion;

/// <summary>The answer to a producer: how many were kept, how many were repeats, and why the others were not.</summary>
public sealed record IngestResult(int Accepted, int Duplicates, IReadOnlyList<ItemError> Rejected);
