using IOC.Domain.Events;
using IOC.Domain.Kpis;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.Domain.Tests.Kpis;

/// <summary>Every KPI of the catalogue against a case computed by hand from its official definition (DESIGN.md).</summary>
public sealed class KpiFormulaTests
{
    /// <summary>The ids with a hand-computed case below; a KPI added to the catalogue needs one too.</summary>
    private static readonly string[] Covered =
    [
        "dossier.received", "dossier.onlineRate", "dossier.fullProcessOnlineRate", "dossier.digitalPlatformRate",
        "dossier.completed", "dossier.onTimeRate", "dossier.completedEarly", "dossier.completedOnTime", "dossier.completedLate",
        "dossier.overduePending", "dossier.dueSoon", "dossier.openPending", "dossier.digitizedRate", "dossier.onlinePaymentRate",
        "hotline.offered", "hotline.answerRate", "hotline.abandonmentRate", "hotline.serviceLevel",
        "hotline.avgSpeedOfAnswerSeconds", "hotline.avgHandleSeconds", "hotline.ticketOnTimeRate",
        "hotline.openOverdueTickets", "hotline.openTickets",
        "satisfaction.rate", "satisfaction.responses", "satisfaction.dossierRate", "satisfaction.hotlineRate",
        "document.processed", "document.digitalRate", "document.signedRate",
    ];

    private static readonly DateTimeOffset Due = new(2025, 7, 2, 17, 0, 0, TimeSpan.FromHours(7));

    public static TheoryData<string> RatesAndAverages()
    {
        var data = new TheoryData<string>();
        foreach (var kpi in KpiCatalog.All.Where(k => k.Kind is KpiKind.Rate or KpiKind.AverageSeconds))
        {
            data.Add(kpi.Id);
        }

        return data;
    }

    [Fact]
    public void EveryCatalogKpiHasAHandComputedCase()
    {
        var ids = KpiCatalog.All.Select(k => k.Id);

        ids.Should().BeEquivalentTo(Covered);
    }

    [Fact]
    public void DossiersReceivedCountsEveryChannel()
    {
        var counters = Fold(Received(channel: DossierChannel.Online), Received(channel: DossierChannel.InPerson), Received(channel: DossierChannel.Postal));

        var value = Evaluate("dossier.received", counters);

        value.Should().Be(new KpiValue(3, null, null));
    }

    [Fact]
    public void OnlineRateIsReceivedOnlineOverReceived()
    {
        var counters = Fold(Received(channel: DossierChannel.Online), Received(channel: DossierChannel.Online), Received(channel: DossierChannel.InPerson));

        var value = Evaluate("dossier.onlineRate", counters);

        ShouldBe(value, 66.67, numerator: 2, denominator: 3);
    }

    [Fact]
    public void FullProcessOnlineRateIsFullProcessOverAllReceived()
    {
        var counters = Fold(
            Received(channel: DossierChannel.Online, fullProcess: true),
            Received(channel: DossierChannel.Online, fullProcess: false),
            Received(channel: DossierChannel.Postal),
            Received(channel: DossierChannel.InPerson));

        var value = Evaluate("dossier.fullProcessOnlineRate", counters);

        ShouldBe(value, 25, numerator: 1, denominator: 4);
    }

    [Fact]
    public void DigitalPlatformRateIsReceivedOnThePlatformOverReceived()
    {
        var counters = Fold(
            Received(channel: DossierChannel.InPerson, onPlatform: true),
            Received(channel: DossierChannel.Online, onPlatform: false),
            Received(channel: DossierChannel.Postal, onPlatform: false));

        var value = Evaluate("dossier.digitalPlatformRate", counters);

        ShouldBe(value, 33.33, numerator: 1, denominator: 3);
    }

    [Fact]
    public void OnTimeRateCountsEarlyAndOnTimeOverCompleted()
    {
        var counters = Fold(
            Completed(Due.AddDays(-1), dueAt: Due),
            Completed(Due.AddHours(-3), dueAt: Due),
            Completed(Due, dueAt: Due),
            Completed(Due.AddSeconds(1), dueAt: Due),
            Completed(Due.AddDays(2), dueAt: Due));

        var rate = Evaluate("dossier.onTimeRate", counters);
        var completed = Evaluate("dossier.completed", counters);
        var early = Evaluate("dossier.completedEarly", counters);
        var onTime = Evaluate("dossier.completedOnTime", counters);
        var late = Evaluate("dossier.completedLate", counters);

        ShouldBe(rate, 60, numerator: 3, denominator: 5);
        completed.Value.Should().Be(5);
        early.Value.Should().Be(1);
        onTime.Value.Should().Be(2);
        late.Value.Should().Be(2);
    }

    [Fact]
    public void OnTimeRateIsZeroNotNullWhenEveryCompletionIsLate()
    {
        var counters = Fold(Completed(Due.AddHours(1), dueAt: Due));

        var value = Evaluate("dossier.onTimeRate", counters);

        ShouldBe(value, 0, numerator: 0, denominator: 1);
    }

    [Fact]
    public void DigitizedRateIsDigitizedResultsOverCompleted()
    {
        var counters = Fold(Completed(digitized: true), Completed(digitized: true), Completed(digitized: false));

        var value = Evaluate("dossier.digitizedRate", counters);

        ShouldBe(value, 66.67, numerator: 2, denominator: 3);
    }

    [Fact]
    public void OnlinePaymentRateCountsOnlyDossiersWithAFee()
    {
        var counters = Fold(
            Completed(feePaidOnline: true),
            Completed(feePaidOnline: true),
            Completed(feePaidOnline: false),
            Completed(feePaidOnline: null),
            Completed(feePaidOnline: null));

        var value = Evaluate("dossier.onlinePaymentRate", counters);

        ShouldBe(value, 66.67, numerator: 2, denominator: 3);
    }

    [Fact]
    public void OnlinePaymentRateHasNoValueWhenNoDossierHadAFee()
    {
        var counters = Fold(Completed(feePaidOnline: null));

        var value = Evaluate("dossier.onlinePaymentRate", counters);

        value.Should().Be(new KpiValue(null, 0, 0));
    }

    [Fact]
    public void DossierGaugesReadOpenOverdueAndDueSoonNow()
    {
        var gauges = new Gauges(OpenDossiers: 7, OverdueDossiers: 2, DueSoonDossiers: 3, OpenTickets: 4, OverdueTickets: 1);

        var open = Evaluate("dossier.openPending", default, gauges);
        var overdue = Evaluate("dossier.overduePending", default, gauges);
        var dueSoon = Evaluate("dossier.dueSoon", default, gauges);

        open.Should().Be(new KpiValue(7, null, null));
        overdue.Should().Be(new KpiValue(2, null, null));
        dueSoon.Should().Be(new KpiValue(3, null, null));
    }

    [Fact]
    public void TicketGaugesReadOpenAndOverdueTicketsNow()
    {
        var gauges = new Gauges(OpenDossiers: 7, OverdueDossiers: 2, DueSoonDossiers: 3, OpenTickets: 4, OverdueTickets: 1);

        var open = Evaluate("hotline.openTickets", default, gauges);
        var overdue = Evaluate("hotline.openOverdueTickets", default, gauges);

        open.Should().Be(new KpiValue(4, null, null));
        overdue.Should().Be(new KpiValue(1, null, null));
    }

    /// <summary>
    /// Four calls: answered after 12.5 s (handled 95.5 s), answered after 30 s (handled 200 s),
    /// abandoned after 3 s (under 5 s: not offered) and abandoned after 12 s. Offered = 3.
    /// </summary>
    private static CounterSet FourCalls() => Fold(
        Call(answered: true, waitSeconds: 12.5, handleSeconds: 95.5),
        Call(answered: true, waitSeconds: 30, handleSeconds: 200),
        Call(answered: false, waitSeconds: 3),
        Call(answered: false, waitSeconds: 12));

    [Fact]
    public void OfferedCallsExcludeCallsAbandonedUnderFiveSeconds()
    {
        var counters = FourCalls();

        var value = Evaluate("hotline.offered", counters);

        value.Should().Be(new KpiValue(3, null, null));
    }

    [Fact]
    public void AnswerRateIsAnsweredOverOffered()
    {
        var counters = FourCalls();

        var value = Evaluate("hotline.answerRate", counters);

        ShouldBe(value, 66.67, numerator: 2, denominator: 3);
    }

    [Fact]
    public void AbandonmentRateExcludesShortAbandonsFromBothSides()
    {
        var counters = FourCalls();

        var value = Evaluate("hotline.abandonmentRate", counters);

        ShouldBe(value, 33.33, numerator: 1, denominator: 3);
    }

    [Fact]
    public void ServiceLevelIsAnsweredWithinTwentySecondsOverOffered()
    {
        var counters = FourCalls();

        var value = Evaluate("hotline.serviceLevel", counters);

        ShouldBe(value, 33.33, numerator: 1, denominator: 3);
    }

    [Fact]
    public void AverageSpeedOfAnswerIsTheMeanWaitOfAnsweredCallsInSeconds()
    {
        var counters = FourCalls();

        var value = Evaluate("hotline.avgSpeedOfAnswerSeconds", counters);

        value.Value.Should().BeApproximately(21.25, 1e-9);
        value.Numerator.Should().BeApproximately(42.5, 1e-9);
        value.Denominator.Should().Be(2);
    }

    [Fact]
    public void AverageHandleTimeIsTheMeanHandleOfAnsweredCallsInSeconds()
    {
        var counters = FourCalls();

        var value = Evaluate("hotline.avgHandleSeconds", counters);

        value.Value.Should().BeApproximately(147.75, 1e-9);
        value.Numerator.Should().BeApproximately(295.5, 1e-9);
        value.Denominator.Should().Be(2);
    }

    [Fact]
    public void TicketOnTimeRateIsResolvedOnOrBeforeDueOverResolved()
    {
        var counters = Fold(
            TicketOpened(dueAt: Due),
            TicketResolved(resolvedAt: Due.AddHours(-5), dueAt: Due),
            TicketResolved(resolvedAt: Due, dueAt: Due),
            TicketResolved(resolvedAt: Due.AddMinutes(1), dueAt: Due));

        var value = Evaluate("hotline.ticketOnTimeRate", counters);

        ShouldBe(value, 66.67, numerator: 2, denominator: 3);
    }

    /// <summary>Dossier: 2 satisfied of 4. Hotline: 2 satisfied of 3. Together: 4 of 7.</summary>
    private static CounterSet SevenResponses() => Fold(
        Survey(SurveySubject.Dossier, SatisfactionRating.VerySatisfied),
        Survey(SurveySubject.Dossier, SatisfactionRating.Satisfied),
        Survey(SurveySubject.Dossier, SatisfactionRating.Neutral),
        Survey(SurveySubject.Dossier, SatisfactionRating.VeryDissatisfied),
        Survey(SurveySubject.Hotline, SatisfactionRating.Satisfied),
        Survey(SurveySubject.Hotline, SatisfactionRating.Dissatisfied),
        Survey(SurveySubject.Hotline, SatisfactionRating.VerySatisfied));

    [Fact]
    public void SatisfactionRateIsVerySatisfiedAndSatisfiedOverResponses()
    {
        var counters = SevenResponses();

        var rate = Evaluate("satisfaction.rate", counters);
        var responses = Evaluate("satisfaction.responses", counters);

        ShouldBe(rate, 57.14, numerator: 4, denominator: 7);
        responses.Value.Should().Be(7);
    }

    [Fact]
    public void SatisfactionWithDossierHandlingCountsOnlyDossierResponses()
    {
        var counters = SevenResponses();

        var value = Evaluate("satisfaction.dossierRate", counters);

        ShouldBe(value, 50, numerator: 2, denominator: 4);
    }

    [Fact]
    public void SatisfactionWithTheHotlineCountsOnlyHotlineResponses()
    {
        var counters = SevenResponses();

        var value = Evaluate("satisfaction.hotlineRate", counters);

        ShouldBe(value, 66.67, numerator: 2, denominator: 3);
    }

    /// <summary>Digital and signed, digital only, digital and signed, on paper: 3 of 4 digital, 2 of 4 signed.</summary>
    private static CounterSet FourDocuments() => Fold(
        Document(digital: true, signedDigitally: true),
        Document(digital: true, signedDigitally: false),
        Document(digital: true, signedDigitally: true),
        Document(digital: false, signedDigitally: false));

    [Fact]
    public void DocumentsProcessedCountsEveryDocument()
    {
        var counters = FourDocuments();

        var value = Evaluate("document.processed", counters);

        value.Should().Be(new KpiValue(4, null, null));
    }

    [Fact]
    public void DigitalDocumentRateIsDigitalOverProcessed()
    {
        var counters = FourDocuments();

        var value = Evaluate("document.digitalRate", counters);

        ShouldBe(value, 75, numerator: 3, denominator: 4);
    }

    [Fact]
    public void SignedDocumentRateIsSignedOverProcessed()
    {
        var counters = FourDocuments();

        var value = Evaluate("document.signedRate", counters);

        ShouldBe(value, 50, numerator: 2, denominator: 4);
    }

    [Theory]
    [MemberData(nameof(RatesAndAverages))]
    public void ARateOrAverageWithNothingToDivideByHasNoValue(string id)
    {
        var counters = default(CounterSet);

        var value = Evaluate(id, counters);

        value.Value.Should().BeNull();
        value.Numerator.Should().Be(0);
        value.Denominator.Should().Be(0);
    }

    [Fact]
    public void ARateOfEverythingIsExactlyOneHundred()
    {
        var counters = Fold(Received(channel: DossierChannel.Online), Received(channel: DossierChannel.Online));

        var value = Evaluate("dossier.onlineRate", counters);

        ShouldBe(value, 100, numerator: 2, denominator: 2);
    }

    [Fact]
    public void RatesAreSummedCountersNotAveragedPercentages()
    {
        // Day one: 1 of 1 online (100 %). Day two: 1 of 3 online (33.33 %). Average of percentages would be 66.67.
        var dayOne = Fold(Received(channel: DossierChannel.Online));
        var dayTwo = Fold(Received(channel: DossierChannel.Online), Received(channel: DossierChannel.InPerson), Received(channel: DossierChannel.Postal));
        var both = dayOne;
        both.Add(dayTwo);

        var value = Evaluate("dossier.onlineRate", both);

        ShouldBe(value, 50, numerator: 2, denominator: 4);
    }

    [Fact]
    public void GetRejectsAnUnknownKpiId()
    {
        var act = () => KpiCatalog.Get("dossier.nope");

        act.Should().Throw<KeyNotFoundException>().WithMessage("*dossier.nope*");
    }

    private static KpiValue Evaluate(string id, CounterSet counters, Gauges gauges = default) =>
        KpiCatalog.Get(id).Evaluate(counters, gauges);

    private static void ShouldBe(KpiValue value, double percent, long numerator, long denominator)
    {
        value.Value.Should().BeApproximately(percent, 1e-9);
        value.Numerator.Should().Be(numerator);
        value.Denominator.Should().Be(denominator);
    }
}
