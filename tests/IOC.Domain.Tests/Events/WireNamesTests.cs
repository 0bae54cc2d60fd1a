using IOC.Domain.Events;

namespace IOC.Domain.Tests.Events;

public sealed class WireNamesTests
{
    [Fact]
    public void TheSevenEventTypesHaveTheSchemaNames()
    {
        var names = Enum.GetValues<EventType>().Select(t => t.ToWire());

        names.Should().Equal(
            "hotline.call", "hotline.ticket.opened", "hotline.ticket.resolved",
            "dossier.received", "dossier.completed", "survey.response", "document.processed");
    }

    [Fact]
    public void EnumsRoundTripThroughTheirWireNames()
    {
        var channels = Enum.GetValues<DossierChannel>().Select(c => WireNames.Channels[c.ToWire()]);
        var subjects = Enum.GetValues<SurveySubject>().Select(s => WireNames.Subjects[s.ToWire()]);
        var ratings = Enum.GetValues<SatisfactionRating>().Select(r => WireNames.Ratings[r.ToWire()]);

        channels.Should().Equal(Enum.GetValues<DossierChannel>());
        subjects.Should().Equal(Enum.GetValues<SurveySubject>());
        ratings.Should().Equal(Enum.GetValues<SatisfactionRating>());
        DossierChannel.InPerson.ToWire().Should().Be("in_person");
        SatisfactionRating.VeryDissatisfied.ToWire().Should().Be("very_dissatisfied");
    }
}
