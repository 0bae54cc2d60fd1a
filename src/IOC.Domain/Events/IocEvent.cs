namespace IOC.Domain.Events;

/// <summary>
/// One fact from a feed. Immutable; <see cref="Id"/> is the producer-unique dedupe key.
/// At least one of <see cref="Unit"/> (a ward) and <see cref="Agency"/> is set.
/// </summary>
public abstract record IocEvent
{
    public required string Id { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>5-digit ward code, or null for an event that belongs to an agency only.</summary>
    public string? Unit { get; init; }

    public string? Agency { get; init; }

    public abstract EventType Type { get; }
}

public sealed record HotlineCall : IocEvent
{
    public override EventType Type => EventType.HotlineCall;

    public required bool Answered { get; init; }

    public required double WaitSeconds { get; init; }

    /// <summary>Talk + hold + wrap time; only for answered calls.</summary>
    public double? HandleSeconds { get; init; }
}

public sealed record TicketOpened : IocEvent
{
    public override EventType Type => EventType.HotlineTicketOpened;

    public required string TicketId { get; init; }

    public required DateTimeOffset DueAt { get; init; }
}

public sealed record TicketResolved : IocEvent
{
    public override EventType Type => EventType.HotlineTicketResolved;

    public required string TicketId { get; init; }

    public required DateTimeOffset DueAt { get; init; }

    public required DateTimeOffset ResolvedAt { get; init; }
}

public sealed record DossierReceived : IocEvent
{
    public override EventType Type => EventType.DossierReceived;

    public required string DossierId { get; init; }

    /// <summary>The procedure's code in the National Database on Administrative Procedures.</summary>
    public required string Procedure { get; init; }

    /// <summary>The procedure's name as the producer's one-stop system shows it, when it sends one.</summary>
    public string? ProcedureName { get; init; }

    public required DossierChannel Channel { get; init; }

    public required bool FullProcessOnline { get; init; }

    public required bool OnDigitalPlatform { get; init; }

    public required DateTimeOffset DueAt { get; init; }
}

public sealed record DossierCompleted : IocEvent
{
    public override EventType Type => EventType.DossierCompleted;

    public required string DossierId { get; init; }

    /// <summary>The procedure's code when the producer sends it: counts a dossier whose receipt IOC never saw under its procedure.</summary>
    public string? Procedure { get; init; }

    public required DateTimeOffset DueAt { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }

    public required bool ResultDigitized { get; init; }

    /// <summary>Null when the procedure has no fee.</summary>
    public bool? FeePaidOnline { get; init; }
}

public sealed record SurveyResponse : IocEvent
{
    public override EventType Type => EventType.SurveyResponse;

    public required SurveySubject Subject { get; init; }

    public required SatisfactionRating Rating { get; init; }
}

public sealed record DocumentProcessed : IocEvent
{
    public override EventType Type => EventType.DocumentProcessed;

    public required bool Digital { get; init; }

    public required bool SignedDigitally { get; init; }
}
