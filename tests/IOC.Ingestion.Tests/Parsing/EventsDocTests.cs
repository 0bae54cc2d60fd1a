using System.Text;
using System.Text.RegularExpressions;
using IOC.Domain.Events;
using IOC.Ingestion.Parsing;
using IOC.Tests.Shared;

namespace IOC.Ingestion.Tests.Parsing;

/// <summary>docs/events.md is the contract a producer reads: its examples must be valid and it must name every field.</summary>
public sealed partial class EventsDocTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(Seed.Directory, "..", "docs", "events.md"));

    [Fact]
    public void EveryEventExampleInTheDocIsAcceptedByTheParser()
    {
        var examples = JsonBlock().Matches(Doc).Select(m => m.Groups[1].Value.Trim()).Where(b => b.StartsWith("{\"id\"", StringComparison.Ordinal)).ToList();
        var parser = new EventParser(Seed.Units);

        examples.Should().HaveCount(WireNames.EventTypes.Count);
        foreach (var example in examples)
        {
            using var items = BatchReader.Read(Encoding.UTF8.GetBytes(example), ndjson: false, maxEvents: 1);
            parser.Parse(items[0], EventExamples.SentAt).Error.Should().BeNull(example);
        }
    }

    [Fact]
    public void TheDocsExamplesAreTheOpenApiExamples()
    {
        var examples = JsonBlock().Matches(Doc).Select(m => m.Groups[1].Value.Trim()).Where(b => b.StartsWith("{\"id\"", StringComparison.Ordinal));

        examples.Should().BeEquivalentTo(EventExamples.Json.Values);
    }

    [Fact]
    public void TheDocNamesEveryFieldOfEveryType()
    {
        foreach (var type in WireNames.EventTypes.Values)
        {
            Doc.Should().Contain($"### {type.ToWire()}");
            foreach (var field in EventSchema.Fields(type))
            {
                Doc.Should().Contain($"| `{field.Name}` |", $"{type.ToWire()}.{field.Name} is a field");
            }
        }
    }

    [GeneratedRegex("```json\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
