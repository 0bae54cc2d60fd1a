using IOC.Domain.Events;
using IOC.Domain.Kpis;
using IOC.Domain.Time;

namespace IOC.Tests.Shared;

/// <summary>
/// Builders for typed events with plain defaults, so each test spells out only what it is about: at <see cref="Morning"/>
/// in ward <see cref="Ward"/>, with a fresh id (and dossier or ticket id), due three days later, completed on time.
/// Tests that care about the time, the unit or the agency pass them first, in that order.
/// </summary>
public static class TestEvents
{
    public const string Ward = "00082";

    /// <summary>2025-07-02 09:00 in Hanoi.</summary>
    public static readonly DateTimeOffset Morning = Local(2025, 7, 2, 9, 0);

    private static long _next;

    /// <summary>A local time in Hanoi.</summary>
    public static DateTimeOffset Local(int year, int month, int day, int hour, int minute, int second = 0) =>
        new(year, month, day, hour, minute, second, VietnamTime.Offset);

    public static DossierReceived Received(
        DateTimeOffset? at = null, string? unit = Ward, string? agency = null, string? dossierId = null, DateTimeOffset? dueAt = null,
        DossierChannel channel = DossierChannel.InPerson, bool fullProcess = false, bool onPlatform = false)
    {
        var received = at ?? Morning;
        return new()
        {
            Id = NextId(),
            At = received,
            Unit = unit,
            Agency = agency,
            DossierId = dossierId ?? NextId(),
            Procedure = "1.001234",
            Channel = channel,
            FullProcessOnline = fullProcess,
            OnDigitalPlatform = onPlatform,
            DueAt = dueAt ?? received.AddDays(3),
        };
    }

    /// <summary>A completion, on time unless <paramref name="dueAt"/> says otherwise (it defaults to two hours later).</summary>
    public static DossierCompleted Completed(
        DateTimeOffset? completedAt = null, string? unit = Ward, string? dossierId = null, DateTimeOffset? dueAt = null, string? agency = null,
        bool digitized = false, bool? feePaidOnline = null)
    {
        var completed = completedAt ?? Morning;
        return new()
        {
            Id = NextId(),
            At = completed,
            Unit = unit,
            Agency = agency,
            DossierId = dossierId ?? NextId(),
            DueAt = dueAt ?? completed.AddHours(2),
            CompletedAt = completed,
            ResultDigitized = digitized,
            FeePaidOnline = feePaidOnline,
        };
    }

    /// <summary>A call; an answered one is handled for two minutes unless <paramref name="handleSeconds"/> says otherwise.</summary>
    public static HotlineCall Call(
        DateTimeOffset? at = null, string? unit = Ward, string? agency = null,
        bool answered = true, double waitSeconds = 10, double? handleSeconds = null) => new()
        {
            Id = NextId(),
            At = at ?? Morning,
            Unit = unit,
            Agency = agency,
            Answered = answered,
            WaitSeconds = waitSeconds,
            HandleSeconds = handleSeconds ?? (answered ? 120 : null),
        };

    public static TicketOpened TicketOpened(
        DateTimeOffset? at = null, string? unit = Ward, string? ticketId = null, DateTimeOffset? dueAt = null, string? agency = null)
    {
        var opened = at ?? Morning;
        return new()
        {
            Id = NextId(),
            At = opened,
            Unit = unit,
            Agency = agency,
            TicketId = ticketId ?? NextId(),
            DueAt = dueAt ?? opened.AddDays(3),
        };
    }

    public static TicketResolved TicketResolved(
        DateTimeOffset? resolvedAt = null, string? unit = Ward, string? ticketId = null, DateTimeOffset? dueAt = null, string? agency = null)
    {
        var resolved = resolvedAt ?? Morning;
        return new()
        {
            Id = NextId(),
            At = resolved,
            Unit = unit,
            Agency = agency,
            TicketId = ticketId ?? NextId(),
            DueAt = dueAt ?? resolved.AddDays(3),
            ResolvedAt = resolved,
        };
    }

    public static SurveyResponse Survey(SurveySubject subject, SatisfactionRating rating, DateTimeOffset? at = null, string? unit = Ward) => new()
    {
        Id = NextId(),
        At = at ?? Morning,
        Unit = unit,
        Subject = subject,
        Rating = rating,
    };

    /// <summary>A document of an agency (no ward unless <paramref name="unit"/> is given), digital and digitally signed by default.</summary>
    public static DocumentProcessed Document(
        DateTimeOffset? at = null, string agency = "VPTU", string? unit = null, bool digital = true, bool signedDigitally = true) => new()
        {
            Id = NextId(),
            At = at ?? Morning,
            Unit = unit,
            Agency = agency,
            Digital = digital,
            SignedDigitally = signedDigitally,
        };

    /// <summary>The counters of <paramref name="events"/>, folded one by one.</summary>
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
