
namespace IOC.Web.Tests.Durability;

public class ReplayCommandTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("ioc-replay-test-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task ReplayingTheSampleDayKeepsEveryEventAndASecondReplayOnlyFindsDuplicates()
    {
        var sample = AppProcess.SeedDataFile("sample-day.ndjson");
        var lines = File.ReadLines(sample).Count(l => l.Trim().Length > 0);

        var first = await AppProcess.RunCommandAsync(_dataDir, "replay", sample);
        var second = await AppProcess.RunCommandAsync(_dataDir, "replay", sample);

        first.ExitCode.Should().Be(0, first.Output);
        first.Output.Should().Contain($"{lines} accepted, 0 duplicates, 0 rejected");
        second.ExitCode.Should().Be(0, second.Output);
        second.Output.Should().Contain($"0 accepted, {lines} duplicates, 0 rejected");
    }

    [Fact]
    public async Task ABadLineIsReportedWithItsLineNumberAndTheOtherLinesAreKept()
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        var file = Path.Combine(_dataDir, "events.ndjson");
        File.WriteAllLines(file,
        [
            WireEvents.Received("r1", now).ToJsonString(),
            "",
            "{ this is not json",
            WireEvents.Received("r2", now, unit: "12345").ToJsonString(),
            WireEvents.Received("r3", now).ToJsonString(),
        ]);

        var (exitCode, output) = await AppProcess.RunCommandAsync(_dataDir, "replay", file);

        exitCode.Should().Be(1, output);
        output.Should().Contain("2 accepted, 0 duplicates, 2 rejected");
        output.Should().Contain("line 3: (line)");
        output.Should().Contain("line 4: unit unknown unit code '12345' (id r2)");
    }

    [Fact]
    public async Task AMissingFileExitsWithCode2()
    {
        var (exitCode, output) = await AppProcess.RunCommandAsync(_dataDir, "replay", Path.Combine(_dataDir, "nope.ndjson"));

        exitCode.Should().Be(2);
        output.Should().Contain("not found");
    }
}
