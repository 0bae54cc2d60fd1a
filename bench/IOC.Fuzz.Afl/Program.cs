using IOC.Domain.Seed;
using IOC.Ingestion.Parsing;
using SharpFuzz;

// One AFL++ input through the batch reader, the parser and the validator, as a JSON body and as an NDJSON body.
// Any exception but BatchRejectedException is a crash for AFL. Instrumented code (IOC.Ingestion) may only run inside
// Fuzzer.OutOfProcess.Run, where SharpFuzz has mapped AFL's coverage map, so the parser is made there.
var units = SeedData.LoadUnits(SeedData.Locate(args.FirstOrDefault()));
var now = DateTimeOffset.UtcNow;
EventParser? parser = null;
Fuzzer.OutOfProcess.Run(stream =>
{
    parser ??= new EventParser(units);
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    var body = memory.ToArray();
    foreach (var ndjson in new[] { false, true })
    {
        try
        {
            using var batch = BatchReader.Read(body, ndjson, maxEvents: 10_000);
            foreach (var item in batch)
            {
                _ = parser.Parse(item, now);
            }
        }
        catch (BatchRejectedException)
        {
            // A refused body is an answer (400/413), not a crash.
        }
    }
});
