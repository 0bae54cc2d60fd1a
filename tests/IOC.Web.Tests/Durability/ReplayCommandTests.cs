
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

        // The sample is a fixed day (2026-11-20): allow ten years so this test does not expire with the 400-day default.
        var first = await AppProcess.RunCommandAsync(_dataDir, "replay", sample, "--Ingestion:MaxEventAgeDays=3650");
        var second = await AppProcess.RunCommandAsync(_dataDir, "replay", sample, "--Ingestion:MaxEventAgeDays=3650");

        first.ExitCode.Should().Be(0, first.Output);
        first.Output.Should().Contain($"{lines} accepted, 0 duplicates, 0 rejected");
        second.ExitCode.Should().Be(0, second.Output);
        second.Output.Should().Contain($"0 accepted, {lines} duplicates, 0 rejected");
    }

    [Fact]
    public async Task ABadLineIsReportedWithItsLineNumberAndTheOtherLinesAreKept()
    {
        var now = TestClock.RecentToday(5);
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
    public async Task ALineThatIsNotUtf8IsRejectedWithItsOffsetAndTheOtherLinesAreKept()
    {
        var now = TestClock.RecentToday(5);
        var file = Path.Combine(_dataDir, "latin1.ndjson");
        var latin1 = WireEvents.Received("u2", now);
        latin1["procedureName"] = "Café"; // é as Latin-1 is one byte 0xE9, not UTF-8
        var broken = System.Text.Encoding.Latin1.GetBytes(latin1.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        File.WriteAllBytes(file,
        [
            .. System.Text.Encoding.UTF8.GetBytes(WireEvents.Received("u1", now).ToJsonString() + "\n"),
            .. broken, (byte)'\n',
            .. System.Text.Encoding.UTF8.GetBytes(WireEvents.Received("u3", now).ToJsonString() + "\n"),
        ]);

        var (exitCode, output) = await AppProcess.RunCommandAsync(_dataDir, "replay", file);

        exitCode.Should().Be(1, output);
        output.Should().Contain("2 accepted, 0 duplicates, 1 rejected");
        output.Should().Contain("line 2: (line) Body is not valid UTF-8");
    }

    [Fact]
    public async Task AMissingFileExitsWithCode2()
    {
        var (exitCode, output) = await AppProcess.RunCommandAsync(_dataDir, "replay", Path.Combine(_dataDir, "nope.ndjson"));

        exitCode.Should().Be(2);
        output.Should().Contain("not found");
    }
}
