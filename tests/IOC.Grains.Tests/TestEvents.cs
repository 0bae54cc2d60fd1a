using IOC.Domain.Events;
using IOC.Domain.Time;

namespace IOC.Grains.Tests;

/// <summary>Builders for events with plain defaults; each test states the time, the unit and what it is about.</summary>
internal static class TestEvents
{
    private static long _next;

    public static DateTimeOffset Local(int year, int month, int day, int hour, int minute, int second = 0) =>
        new(year, month, day, hour, minute, second, VietnamTime.Offset);

    public static DossierReceived Received(
        DateTimeOffset at, string? unit, string? agency = null, string? dossierId = null, DateTimeOffset? dueAt = null) => new()
        {
            Id = NextId(),
            At = at,
            Unit = unit,
            Agency = agency,
            DossierId = dossierId ?? NextId(),
            Procedure = "1.001234",
            Channel = DossierChannel.Online,
            FullProcessOnline = false,
            OnDigitalPlatform = true,
            DueAt = dueAt ?? at.AddDays(5),
        };

    public static DossierCompleted Completed(DateTimeOffset at, string? unit, string dossierId, DateTimeOffset dueAt, string? agency = null) => new()
    {
        Id = NextId(),
        At = at,
        Unit = unit,
        Agency = agency,
        DossierId = dossierId,
        DueAt = dueAt,
        CompletedAt = at,
        ResultDigitized = true,
        FeePaidOnline = null,
    };

    public static HotlineCall Call(DateTimeOffset at, string? unit, string? agency = null) => new()
    {
        Id = NextId(),
        At = at,
        Unit = unit,
        Agency = agency,
        Answered = true,
        WaitSeconds = 10,
        HandleSeconds = 120,
    };

    public static TicketOpened TicketOpened(DateTimeOffset at, string? unit, string ticketId, DateTimeOffset dueAt, string? agency = null) => new()
    {
        Id = NextId(),
        At = at,
        Unit = unit,
        Agency = agency,
        TicketId = ticketId,
        DueAt = dueAt,
    };

    public static TicketResolved TicketResolved(DateTimeOffset at, string? unit, string ticketId, DateTimeOffset dueAt) => new()
    {
        Id = NextId(),
        At = at,
        Unit = unit,
        TicketId = ticketId,
        DueAt = dueAt,
        ResolvedAt = at,
    };

    public static DocumentProcessed Document(DateTimeOffset at, string agency, string? unit = null) => new()
    {
        Id = NextId(),
        At = at,
        Unit = unit,
        Agency = agency,
        Digital = true,
        SignedDigitally = true,
    };

    private static string NextId() => $"g-{Interlocked.Increment(ref _next)}";
}
