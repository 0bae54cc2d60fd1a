
namespace IOC.Web.Tests.Logging;

public class LoggingTests
{
    [Fact]
    public async Task RequestsAndBatchSummariesGoToTheJsonLogFileWithoutKeysOrBodies()
    {
        var factory = new IocWebFactory { KeepDataDir = true };
        var dataDir = factory.DataDir;
        var secretProcedure = "DOSSIER-THAT-MUST-NOT-BE-LOGGED";
        var e = WireEvents.Received($"log-{Guid.NewGuid():N}", TestClock.RecentToday(1));
        e["dossierId"] = secretProcedure;
        var client = factory.CreateProducer();

        await client.PostAsync(e);
        await factory.DisposeAsync(); // flushes the async file sink
        var log = LogFiles.ReadAll(dataDir);
        Directory.Delete(dataDir, recursive: true);

        log.Should().Contain("HTTP POST /api/v1/events responded 202");
        log.Should().Contain("Ingested batch: 1 accepted, 0 duplicates, 0 rejected");
        log.Should().Contain("\"Timestamp\"", "the file holds one JSON object per event");
        log.Should().NotContain(IocWebFactory.ProducerKey);
        log.Should().NotContain(secretProcedure);
    }
}
