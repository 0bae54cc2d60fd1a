using IOC.Domain.Events;
using IOC.Ingestion.Parsing;
using IOC.Tests.Shared;

namespace IOC.Ingestion.Tests.Parsing;

public sealed class EventJsonTests
{
    private static readonly DateTimeOffset At = new(2025, 7, 2, 9, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public void EveryEventWrittenAsNdjsonParsesBackToTheSameRecord()
    {
        IocEvent[] events =
        [
            new HotlineCall { Id = "c1", At = At, Unit = "00082", Answered = true, WaitSeconds = 12.5, HandleSeconds = 95.25 },
            new HotlineCall { Id = "c2", At = At, Unit = "00082", Agency = "TTPVHCC", Answered = false, WaitSeconds = 3 },
            new TicketOpened { Id = "t1", At = At, Unit = "00070", TicketId = "T-1", DueAt = At.AddDays(3) },
            new TicketResolved { Id = "t2", At = At, Unit = "00070", TicketId = "T-1", DueAt = At.AddDays(3), ResolvedAt = At.AddMinutes(-30) },
            new DossierReceived
            {
                Id = "d1", At = At, Unit = "00004", DossierId = "D-1", Procedure = "1.001193", ProcedureName = "Đăng ký khai sinh",
                Channel = DossierChannel.Postal, FullProcessOnline = false, OnDigitalPlatform = true, DueAt = At.AddDays(2),
            },
            new DossierCompleted
            {
                Id = "d2", At = At, Unit = "00004", DossierId = "D-1", DueAt = At.AddDays(2), CompletedAt = At,
                ResultDigitized = false, FeePaidOnline = null,
            },
            new DossierCompleted
            {
                Id = "d3", At = At, Unit = "00004", DossierId = "D-2", Procedure = "1.001193.000.00.00.H26", DueAt = At.AddDays(-1), CompletedAt = At,
                ResultDigitized = true, FeePaidOnline = true,
            },
            new SurveyResponse { Id = "s1", At = At, Unit = "00082", Subject = SurveySubject.Hotline, Rating = SatisfactionRating.Neutral },
            new DocumentProcessed { Id = "p1", At = At, Agency = "VPUBND", Digital = true, SignedDigitally = false },
        ];
        var parser = new EventParser(Seed.Units);

        var parsed = BatchReader.Read(EventJson.ToNdjson(events), ndjson: true, maxEvents: 100).Select(i => parser.Parse(i, At)).ToArray();

        parsed.Select(p => p.Error).Should().OnlyContain(e => e == null);
        parsed.Select(p => p.Event).Should().Equal(events);
    }
}
