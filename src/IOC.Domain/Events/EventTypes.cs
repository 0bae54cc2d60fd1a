using Orleans;

namespace IOC.Domain.Events;

public enum EventType
{
    HotlineCall,
    HotlineTicketOpened,
    HotlineTicketResolved,
    DossierReceived,
    DossierCompleted,
    SurveyResponse,
    DocumentProcessed,
}

[GenerateSerializer, Alias("ioc.DossierChannel")]
public enum DossierChannel
{
    Online,
    InPerson,
    Postal,
}

[GenerateSerializer, Alias("ioc.SurveySubject")]
public enum SurveySubject
{
    Dossier,
    Hotline,
}

[GenerateSerializer, Alias("ioc.SatisfactionRating")]
public enum SatisfactionRating
{
    VerySatisfied,
    Satisfied,
    Neutral,
    Dissatisfied,
    VeryDissatisfied,
}

/// <summary>The wire names of the schema in DESIGN.md, both ways.</summary>
public static class WireNames
{
    public static readonly IReadOnlyDictionary<string, EventType> EventTypes = new Dictionary<string, EventType>
    {
        ["hotline.call"] = EventType.HotlineCall,
        ["hotline.ticket.opened"] = EventType.HotlineTicketOpened,
        ["hotline.ticket.resolved"] = EventType.HotlineTicketResolved,
        ["dossier.received"] = EventType.DossierReceived,
        ["dossier.completed"] = EventType.DossierCompleted,
        ["survey.response"] = EventType.SurveyResponse,
        ["document.processed"] = EventType.DocumentProcessed,
    };

    public static readonly IReadOnlyDictionary<string, DossierChannel> Channels = new Dictionary<string, DossierChannel>
    {
        ["online"] = DossierChannel.Online,
        ["in_person"] = DossierChannel.InPerson,
        ["postal"] = DossierChannel.Postal,
    };

    public static readonly IReadOnlyDictionary<string, SurveySubject> Subjects = new Dictionary<string, SurveySubject>
    {
        ["dossier"] = SurveySubject.Dossier,
        ["hotline"] = SurveySubject.Hotline,
    };

    public static readonly IReadOnlyDictionary<string, SatisfactionRating> Ratings = new Dictionary<string, SatisfactionRating>
    {
        ["very_satisfied"] = SatisfactionRating.VerySatisfied,
        ["satisfied"] = SatisfactionRating.Satisfied,
        ["neutral"] = SatisfactionRating.Neutral,
        ["dissatisfied"] = SatisfactionRating.Dissatisfied,
        ["very_dissatisfied"] = SatisfactionRating.VeryDissatisfied,
    };

    public static string ToWire(this EventType type) => EventTypes.First(p => p.Value == type).Key;

    public static string ToWire(this DossierChannel channel) => Channels.First(p => p.Value == channel).Key;

    public static string ToWire(this SurveySubject subject) => Subjects.First(p => p.Value == subject).Key;

    public static string ToWire(this SatisfactionRating rating) => Ratings.First(p => p.Value == rating).Key;
}
