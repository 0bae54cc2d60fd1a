using IOC.Domain.Events;
using IOC.Domain.Kpis;
using IOC.Domain.Time;

namespace IOC.Domain.Tests;

/// <summary>Builders for domain events with plain defaults, so each test spells out only what it is about.</summary>
internal static class TestEvents
{
    public const string Ward = "00082";

    /// <summary>2025-07-02 09:00 in Hanoi.</summary>
    public static readonly DateTimeOffset Morning = new(2025, 7, 2, 9, 0, 0, VietnamTime.Offset);

    private static long _next;

    public static DossierReceived Received(
        DossierChannel channel = DossierChannel.InPerson, bool fullProcess = false, bool onPlatform = false) => new()
        {
            Id = NextId(),
            At = Morning,
            Unit = Ward,
            DossierId = NextId(),
            Procedure = "1.001234",
            Channel = channel,
            FullProcessOnline = fullProcess,
            OnDigitalPlatform = onPlatform,
            DueAt = Morning.AddDays(3),
        };

    public static DossierCompleted Completed(
        DateTimeOffset completedAt, DateTimeOffset dueAt, bool digitized = false, bool? feePaidOnline = null) => new()
        {
            Id = NextId(),
            At = completedAt,
            Unit = Ward,
            DossierId = NextId(),
            DueAt = dueAt,
            CompletedAt = completedAt,
            ResultDigitized = digitized,
            FeePaidOnline = feePaidOnline,
        };

    public static DossierCompleted CompletedOnTime(bool digitized = false, bool? feePaidOnline = null) =>
        Completed(Morning, Morning.AddHours(2), digitized, feePaidOnline);

    public static HotlineCall Call(bool answered, double waitSeconds, double? handleSeconds = null) => new()
    {
        Id = NextId(),
        At = Morning,
        Unit = Ward,
        Answered = answered,
        WaitSeconds = waitSeconds,
        HandleSeconds = handleSeconds,
    };

    public static TicketOpened TicketOpened(DateTimeOffset dueAt) => new()
    {
        Id = NextId(),
        At = Morning,
        Unit = Ward,
        TicketId = NextId(),
        DueAt = dueAt,
    };

    public static TicketResolved TicketResolved(DateTimeOffset dueAt, DateTimeOffset resolvedAt) => new()
    {
        Id = NextId(),
        At = resolvedAt,
        Unit = Ward,
        TicketId = NextId(),
        DueAt = dueAt,
        ResolvedAt = resolvedAt,
    };

    public static SurveyResponse Survey(SurveySubject subject, SatisfactionRating rating) => new()
    {
        Id = NextId(),
        At = Morning,
        Unit = Ward,
        Subject = subject,
        Rating = rating,
    };

    public static DocumentProcessed Document(bool digital, bool signedDigitally) => new()
    {
        Id = NextId(),
        At = Morning,
        Agency = "VPTU",
        Digital = digital,
        SignedDigitally = signedDigitally,
    };

    public static CounterSet Fold(params IocEvent[] events)
    {
        var counters = default(CounterSet);
        foreach (var e in events)
        {
            EventFolder.Fold(e, ref counters);
        }

        return counters;
    }

    private static string NextId() => $"t-{Interlocked.Increment(ref _next)}";
}
