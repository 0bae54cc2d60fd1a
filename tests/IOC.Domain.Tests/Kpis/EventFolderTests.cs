using IOC.Domain.Events;
using IOC.Domain.Kpis;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.Domain.Tests.Kpis;

public sealed class EventFolderTests
{
    private static readonly DateTimeOffset DueAtEight = DateTimeOffset.Parse("2025-07-02T08:00:00+07:00");

    [Theory]
    [InlineData("2025-07-01T23:30:00+07:00", Timeliness.Early)]
    [InlineData("2025-07-01T23:59:59+07:00", Timeliness.Early)]
    [InlineData("2025-07-02T00:00:00+07:00", Timeliness.OnTime)]
    [InlineData("2025-07-02T07:00:00+07:00", Timeliness.OnTime)]
    [InlineData("2025-07-02T08:00:00+07:00", Timeliness.OnTime)]
    [InlineData("2025-07-02T08:00:01+07:00", Timeliness.Late)]
    [InlineData("2025-07-03T07:00:00+07:00", Timeliness.Late)]
    public void ClassifyComparesLocalDaysAndTheDueTime(string completedAt, Timeliness expected)
    {
        var completed = DateTimeOffset.Parse(completedAt);

        var timeliness = EventFolder.Classify(completed, DueAtEight);

        timeliness.Should().Be(expected);
    }

    [Fact]
    public void ClassifyUsesTheVietnamDateWhenTheUtcDateIsTheDayBefore()
    {
        // 2025-07-01T20:00Z is 03:00 on 2 July in Hanoi: the due day, so on time (by UTC dates it would look early).
        var completed = DateTimeOffset.Parse("2025-07-01T20:00:00Z");

        var timeliness = EventFolder.Classify(completed, DueAtEight);

        timeliness.Should().Be(Timeliness.OnTime);
    }

    [Fact]
    public void ClassifyTreatsSeventeenHundredUtcAsLocalMidnight()
    {
        var lastLocalMinuteOfJulyFirst = DateTimeOffset.Parse("2025-07-01T16:59:00Z");
        var localMidnight = DateTimeOffset.Parse("2025-07-01T17:00:00Z");

        var before = EventFolder.Classify(lastLocalMinuteOfJulyFirst, DueAtEight);
        var after = EventFolder.Classify(localMidnight, DueAtEight);

        before.Should().Be(Timeliness.Early);
        after.Should().Be(Timeliness.OnTime);
    }

    [Fact]
    public void ClassifyDoesNotDependOnTheOffsetTheTimestampsWereWrittenIn()
    {
        var dueInUtc = DateTimeOffset.Parse("2025-07-02T01:00:00Z");
        var completedInNewYork = DateTimeOffset.Parse("2025-07-01T12:30:00-04:00");

        var timeliness = EventFolder.Classify(completedInNewYork, dueInUtc);

        timeliness.Should().Be(Timeliness.Early, "16:30Z is 23:30 on 1 July in Hanoi, the day before the due day");
    }

    [Fact]
    public void ACallAbandonedUnderFiveSecondsIsReceivedButNotOffered()
    {
        var counters = Fold(Call(answered: false, waitSeconds: 4.99));

        counters[Counter.CallsReceived].Should().Be(1);
        counters[Counter.CallsAbandonedShort].Should().Be(1);
        counters[Counter.CallsOffered].Should().Be(0);
        counters[Counter.CallsAbandoned].Should().Be(0);
    }

    [Fact]
    public void ACallAbandonedAfterExactlyFiveSecondsIsOfferedAndAbandoned()
    {
        var counters = Fold(Call(answered: false, waitSeconds: 5));

        counters[Counter.CallsOffered].Should().Be(1);
        counters[Counter.CallsAbandoned].Should().Be(1);
        counters[Counter.CallsAbandonedShort].Should().Be(0);
    }

    [Fact]
    public void ACallAnsweredWithinFiveSecondsIsOfferedAndAnswered()
    {
        var counters = Fold(Call(answered: true, waitSeconds: 2, handleSeconds: 60));

        counters[Counter.CallsOffered].Should().Be(1);
        counters[Counter.CallsAnswered].Should().Be(1);
        counters[Counter.CallsAbandonedShort].Should().Be(0);
    }

    [Theory]
    [InlineData(20.0, 1)]
    [InlineData(20.001, 0)]
    [InlineData(0.0, 1)]
    public void ServiceLevelThresholdIncludesExactlyTwentySeconds(double waitSeconds, long withinThreshold)
    {
        var counters = Fold(Call(answered: true, waitSeconds: waitSeconds, handleSeconds: 30));

        counters[Counter.CallsAnsweredWithinThreshold].Should().Be(withinThreshold);
    }

    [Fact]
    public void WaitAndHandleAreSummedInRoundedMilliseconds()
    {
        var counters = Fold(
            Call(answered: true, waitSeconds: 12.3456, handleSeconds: 0.0004),
            Call(answered: true, waitSeconds: 1.5, handleSeconds: 100.25));

        counters[Counter.AnsweredWaitMillis].Should().Be(12_346 + 1_500);
        counters[Counter.HandleMillis].Should().Be(0 + 100_250);
    }

    [Fact]
    public void AnAbandonedCallAddsNoWaitOrHandleTime()
    {
        var counters = Fold(Call(answered: false, waitSeconds: 40));

        counters[Counter.AnsweredWaitMillis].Should().Be(0);
        counters[Counter.HandleMillis].Should().Be(0);
    }

    [Fact]
    public void ReceiptsAreCountedPerChannel()
    {
        var counters = Fold(
            Received(channel: DossierChannel.Online, fullProcess: true, onPlatform: true),
            Received(channel: DossierChannel.InPerson, onPlatform: true),
            Received(channel: DossierChannel.InPerson),
            Received(channel: DossierChannel.Postal));

        counters[Counter.DossiersReceived].Should().Be(4);
        counters[Counter.DossiersReceivedOnline].Should().Be(1);
        counters[Counter.DossiersReceivedInPerson].Should().Be(2);
        counters[Counter.DossiersReceivedPostal].Should().Be(1);
        counters[Counter.DossiersReceivedFullProcess].Should().Be(1);
        counters[Counter.DossiersReceivedOnDigitalPlatform].Should().Be(2);
    }

    [Fact]
    public void SurveyRatingsFallIntoSatisfiedNeutralAndDissatisfied()
    {
        var counters = Fold(
            Survey(SurveySubject.Dossier, SatisfactionRating.VerySatisfied),
            Survey(SurveySubject.Hotline, SatisfactionRating.Neutral),
            Survey(SurveySubject.Hotline, SatisfactionRating.Dissatisfied),
            Survey(SurveySubject.Dossier, SatisfactionRating.VeryDissatisfied));

        counters[Counter.SurveyResponses].Should().Be(4);
        counters[Counter.SurveySatisfied].Should().Be(1);
        counters[Counter.SurveyNeutral].Should().Be(1);
        counters[Counter.SurveyDissatisfied].Should().Be(2);
        counters[Counter.DossierSurveyResponses].Should().Be(2);
        counters[Counter.DossierSurveySatisfied].Should().Be(1);
        counters[Counter.HotlineSurveyResponses].Should().Be(2);
        counters[Counter.HotlineSurveySatisfied].Should().Be(0);
    }

    [Fact]
    public void AnOpenedTicketCountsAsOpenedOnly()
    {
        var counters = Fold(TicketOpened(dueAt: DueAtEight));

        counters[Counter.TicketsOpened].Should().Be(1);
        counters[Counter.TicketsResolved].Should().Be(0);
        counters[Counter.TicketsResolvedOnTime].Should().Be(0);
    }
}
