using IOC.Domain.Events;
using IOC.Ingestion.Parsing;

namespace IOC.Ingestion.Tests.Parsing;

public sealed class DossierLedgerTests
{
    private static readonly DateTimeOffset Received = new(2025, 7, 2, 9, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public void AReceiptIsRememberedUntilTheDossierIsCompleted()
    {
        var ledger = new DossierLedger();

        ledger.Apply(Receipt("D1"));
        var open = ledger.ReceivedAt("D1");
        ledger.Apply(Completion("D1", Received.AddHours(1)));

        open.Should().Be(Received);
        ledger.ReceivedAt("D1").Should().BeNull();
        ledger.Count.Should().Be(0);
    }

    [Fact]
    public void ACompletionBeforeTheReceiptIsAContradiction()
    {
        var reason = DossierLedger.Contradiction(Completion("D1", Received.AddSeconds(-1)), Received);

        reason.Should().StartWith("is before the dossier was received (2025-07-02T09:00:00");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    public void ACompletionAtOrAfterTheReceiptIsFine(int seconds)
    {
        var reason = DossierLedger.Contradiction(Completion("D1", Received.AddSeconds(seconds)), Received);

        reason.Should().BeNull();
    }

    [Fact]
    public void ACompletionOfAnUnknownDossierIsNotJudged()
    {
        var reason = DossierLedger.Contradiction(Completion("D9", Received.AddYears(-1)), receivedAt: null);

        reason.Should().BeNull();
    }

    private static DossierReceived Receipt(string dossierId) => new()
    {
        Id = "r-" + dossierId,
        At = Received,
        Unit = "00082",
        DossierId = dossierId,
        Procedure = "1.001234",
        Channel = DossierChannel.Online,
        FullProcessOnline = false,
        OnDigitalPlatform = true,
        DueAt = Received.AddDays(3),
    };

    private static DossierCompleted Completion(string dossierId, DateTimeOffset completedAt) => new()
    {
        Id = "c-" + dossierId,
        At = completedAt,
        Unit = "00082",
        DossierId = dossierId,
        DueAt = Received.AddDays(3),
        CompletedAt = completedAt,
        ResultDigitized = true,
    };
}
