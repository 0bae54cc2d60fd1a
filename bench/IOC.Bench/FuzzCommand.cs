using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsCheck;
using IOC.Ingestion.Parsing;
using IOC.Testing.Fuzzing;

namespace IOC.Bench;

/// <summary>
/// <c>fuzz [--minutes 10] [--seed S] [--corpus DIR]</c>: throws generated and mutated bodies at the batch reader, the
/// parser and the validator for a while (<see cref="FuzzTarget"/> checks their promises). An input whose outcome is
/// new (another set of rules fired) joins the corpus, which the test command replays through the real API; an input
/// that breaks a promise is written to crashes/ beside it and makes the command fail.
/// </summary>
public static class FuzzCommand
{
    private const int MaxCorpusBytes = 4 * 1024;

    private static readonly byte[][] Tokens =
    [
        "\\ud800"u8.ToArray(), "\\udc00\\ud800"u8.ToArray(), "\""u8.ToArray(), "{"u8.ToArray(), "}"u8.ToArray(), "["u8.ToArray(), "]"u8.ToArray(),
        ","u8.ToArray(), ":"u8.ToArray(), "\n"u8.ToArray(), "\r\n"u8.ToArray(), "null"u8.ToArray(), "1e400"u8.ToArray(), "-0"u8.ToArray(),
        "9999999999999999999999"u8.ToArray(), "0001-01-01T00:00:00Z"u8.ToArray(), "9999-12-31T23:59:59+07:00"u8.ToArray(),
        "\"at\":\"2026-01-01T00:00:00Z\","u8.ToArray(), "\"unti\":1,"u8.ToArray(), "="u8.ToArray(), [0xFF], [0xC3], [0xE1, 0xBA], [0xEF, 0xBB, 0xBF], [0],
        "\\u0000"u8.ToArray(), "Đ"u8.ToArray(), "\t"u8.ToArray(), new string('[', 40).Select(c => (byte)c).ToArray(),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var minutes = double.Parse(Arg(args, "minutes", "10"), CultureInfo.InvariantCulture);
        var seed = Arg(args, "seed", "0N0XIzNsQ0O2");
        var corpus = Arg(args, "corpus", "");
        if (corpus.Length == 0)
        {
            corpus = Path.Combine(RepoRoot(), "tests", "IOC.Ingestion.Tests", "FuzzCorpus");
        }

        var crashes = Path.Combine(corpus, "crashes");
        Directory.CreateDirectory(corpus);

        var now = DateTimeOffset.UtcNow;
        var parser = new EventParser(BenchOptions.Units());
        var gen = new WireGen(now, "fuzz");
        var pcg = PCG.Parse(seed);
        var random = new Random(seed.GetHashCode(StringComparison.Ordinal));
        var pool = Directory.GetFiles(corpus).Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".ndjson", StringComparison.Ordinal))
            .Select(f => (Bytes: File.ReadAllBytes(f), Ndjson: f.EndsWith(".ndjson", StringComparison.Ordinal))).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (bytes, ndjson) in pool)
        {
            seen.UnionWith(Outcome(bytes, ndjson, parser, now, crashes, out _));
        }

        var started = Stopwatch.StartNew();
        var deadline = TimeSpan.FromMinutes(minutes);
        long runs = 0, added = 0, failures = 0;
        var failureKinds = new Dictionary<string, int>(StringComparer.Ordinal);
        while (started.Elapsed < deadline)
        {
            var ndjson = random.Next(2) == 0;
            var input = pool.Count == 0 || random.Next(3) == 0
                ? Generated(gen, pcg, random, ndjson)
                : Mutate(pool[random.Next(pool.Count)].Bytes, pool[random.Next(pool.Count)].Bytes, random);
            runs++;
            var outcome = Outcome(input, ndjson, parser, now, crashes, out var failure);
            if (failure is not null)
            {
                failures++;
                failureKinds[failure] = failureKinds.GetValueOrDefault(failure) + 1;
            }
            else if (input.Length <= MaxCorpusBytes && outcome.Count(seen.Add) > 0)
            {
                pool.Add((input, ndjson));
                File.WriteAllBytes(Path.Combine(corpus, Name(input) + (ndjson ? ".ndjson" : ".json")), input);
                added++;
            }

            if (runs % 200_000 == 0)
            {
                Console.WriteLine($"{started.Elapsed:mm\\:ss} {runs:N0} runs, {seen.Count} rule outcomes, corpus +{added}, {failures} failures");
            }
        }

        Console.WriteLine($"Fuzzed {runs:N0} inputs in {started.Elapsed.TotalMinutes:0.0} min ({runs / started.Elapsed.TotalSeconds:N0}/s) on {Environment.ProcessorCount} cores: " +
                          $"{seen.Count} distinct rule outcomes, {added} inputs added to {corpus} ({pool.Count} in all), {failures} failures.");
        foreach (var (kind, count) in failureKinds)
        {
            Console.WriteLine($"  {count} x {kind}");
        }

        await Task.CompletedTask;
        return failures == 0 ? 0 : 1;
    }

    private static IReadOnlySet<string> Outcome(byte[] input, bool ndjson, EventParser parser, DateTimeOffset now, string crashes, out string? failure)
    {
        failure = null;
        try
        {
            return FuzzTarget.Run(input, ndjson, parser, now);
        }
        catch (FuzzFailure ex)
        {
            failure = ex.Message.Length > 120 ? ex.Message[..120] : ex.Message;
            Directory.CreateDirectory(crashes);
            File.WriteAllBytes(Path.Combine(crashes, Name(input) + (ndjson ? ".ndjson" : ".json")), input);
            File.WriteAllText(Path.Combine(crashes, Name(input) + ".txt"), ex.ToString());
            return new HashSet<string>();
        }
    }

    /// <summary>A batch of generated items, valid at the edges or broken by one mutation.</summary>
    private static byte[] Generated(WireGen gen, PCG pcg, Random random, bool ndjson)
    {
        var cases = Enumerable.Range(0, random.Next(1, 6)).Select(_ => gen.Case.Generate(pcg, null, out Size _).Json).ToList();
        return Encoding.UTF8.GetBytes(ndjson ? string.Concat(cases.Select(c => c + "\n")) : "[" + string.Join(",", cases) + "]");
    }

    /// <summary>Byte-level mutations: flips, insertions of tokens, deletions, duplications, splices with another input.</summary>
    private static byte[] Mutate(byte[] input, byte[] other, Random random)
    {
        var bytes = new List<byte>(input);
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes.InsertRange(at, Tokens[random.Next(Tokens.Length)]);
                    break;
                case 2 when bytes.Count > 0:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 16), bytes.Count - at));
                    break;
                case 3 when bytes.Count > 0:
                    var length = Math.Min(random.Next(1, 64), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
                case 4 when other.Length > 0:
                    var from = random.Next(other.Length);
                    bytes.InsertRange(at, other.Skip(from).Take(random.Next(1, 128)));
                    break;
                default:
                    if (bytes.Count > 0)
                    {
                        bytes[at] = (byte)random.Next(256);
                    }

                    break;
            }
        }

        return [.. bytes];
    }

    private static string Name(byte[] input) => Convert.ToHexStringLower(SHA256.HashData(input))[..16];

    private static string Arg(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, "--" + name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IOC.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("IOC.sln not found above " + AppContext.BaseDirectory);
    }
}
