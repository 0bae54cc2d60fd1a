using Orleans;

namespace IOC.Domain.Events;

/// <summary>
/// One fact from a feed. Immutable; <see cref="Id"/> is the producer-unique dedupe key.
/// At least one of <see cref="Unit"/> (a ward) and <see cref="Agency"/> is set.
/// </summary>
[GenerateSerializer, Immutable, Alias("ioc.event")]
public abstract record IocEvent
{
    [Id(0)]
    public required string Id { get; init; }

    [Id(1)]
    public required DateTimeOffset At { get; init; }

    /// <summary>5-digit ward code, or null for an event that belongs to an agency only.</summary>
    [Id(2)]
    public string? Unit { get; init; }

    [Id(3)]
    public string? Agency { get; init; }

    public abstract EventType Type { get; }
}

[GenerateSerializer, Immutable, Alias("ioc.hotline.call")]
public sealed record HotlineCall : IocEvent
{
    public override EventType Type => EventType.HotlineCall;

    [Id(0)]
    public required bool Answered { get; init; }

    [Id(1)]
    public required double WaitSeconds { get; init; }

    /// <summary>Talk + hold + wrap time; only for answered calls.</summary>
    [Id(2)]
    public double? HandleSeconds { get; init; }
}

[GenerateSerializer, Immutable, Alias("ioc.hotline.ticket.opened")]
public sealed record TicketOpened : IocEvent
{
    public override EventType Type => EventType.HotlineTicketOpened;

    [Id(0)]
    public required string TicketId { get; init; }

    [Id(1)]
    public required DateTimeOffset DueAt { get; init; }
}

[GenerateSerializer, Immutable, Alias("ioc.hotline.ticket.resolved")]
public sealed record TicketResolved : IocEvent
{
    public override EventType Type => EventType.HotlineTicketResolved;

    [Id(0)]
    public required string TicketId { get; init; }

    [Id(1)]
    public required DateTimeOffset DueAt { get; init; }

    [Id(2)]
    public required DateTimeOffset ResolvedAt { get; init; }
}

[GenerateSerializer, Immutable, Alias("ioc.dossier.received")]
public sealed record DossierReceived : IocEvent
{
    public override EventType Type => EventType.DossierReceived;

    [Id(0)]
    public required string DossierId { get; init; }

    /// <summary>The procedure's code in the National Database on Administrative Procedures.</summary>
    [Id(1)]
    public required string Procedure { get; init; }

    /// <summary>The procedure's name as the producer's one-stop system shows it, when it sends one.</summary>
    [Id(6)]
    public string? ProcedureName { get; init; }

    [Id(2)]
    public required DossierChannel Channel { get; init; }

    [Id(3)]
    public required bool FullProcessOnline { get; init; }

    [Id(4)]
    public required bool OnDigitalPlatform { get; init; }

    [Id(5)]
    public required DateTimeOffset DueAt { get; init; }
}

[GenerateSerializer, Immutable, Alias("ioc.dossier.completed")]
public sealed record DossierCompleted : IocEvent
{
    public override EventType Type => EventType.DossierCompleted;

    [Id(0)]
    public required string DossierId { get; init; }

    /// <summary>The procedure's code when the producer sends it: counts a dossier whose receipt IOC never saw under its procedure.</summary>
    [Id(5)]
    public string? Procedure { get; init; }

    [Id(1)]
    public required DateTimeOffset DueAt { get; init; }

    [Id(2)]
    public required DateTimeOffset CompletedAt { get; init; }

    [Id(3)]
    public required bool ResultDigitized { get; init; }

    /// <summary>Null when the procedure has no fee.</summary>
    [Id(4)]
    public bool? FeePaidOnline { get; init; }
}

[GenerateSerializer, Immutable, Alias("ioc.survey.response")]
public sealed record SurveyResponse : IocEvent
{
    public override EventType Type => EventType.SurveyResponse;

    [Id(0)]
    public required SurveySubject Subject { get; init; }

    [Id(1)]
    public required SatisfactionRating Rating { get; init; }
}

[GenerateSerializer, Immutable, Alias("ioc.document.processed")]
public sealed record DocumentProcessed : IocEvent
{
    public override EventType Type => EventType.DocumentProcessed;

    [Id(0)]
    public required bool Digital { get; init; }

    [Id(1)]
    public required bool SignedDigitally { get; init; }
}
