using System.Text;
using System.Text.RegularExpressions;
using IOC.Domain.Events;
using IOC.Ingestion.Parsing;

namespace IOC.Testing.Fuzzing;

/// <summary>A broken promise of the reader, parser or validator: the input and what went wrong.</summary>
public sealed class FuzzFailure(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// One fuzz input through the batch reader, the parser and the validator, with the promises they make checked:
/// no exception but <see cref="BatchRejectedException"/>, every refusal says where, every accepted event keeps its
/// bounds and writes back to an equal event. The outcome's signature (which rules fired) tells the fuzzer what is new.
/// </summary>
public static partial class FuzzTarget
{
    /// <returns>The outcome, one element per rule that fired, with the values taken out ("at:is more than N days old", "body:Body is not valid JSON at byte offset N").</returns>
    public static IReadOnlySet<string> Run(ReadOnlyMemory<byte> body, bool ndjson, EventParser parser, DateTimeOffset now)
    {
        RawBatch batch;
        try
        {
            batch = BatchReader.Read(body, ndjson, maxEvents: 10_000);
        }
        catch (BatchRejectedException ex)
        {
            if (ex.Kind == BatchRejection.Unreadable && ex.Location is null)
            {
                throw new FuzzFailure("an unreadable body was refused without saying where", ex);
            }

            return new HashSet<string> { "body:" + Shape(ex.Message.Split(':')[0]) };
        }
        catch (Exception ex)
        {
            throw new FuzzFailure($"the reader threw {ex.GetType().Name}: {ex.Message}", ex);
        }

        using (batch)
        {
            var signature = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var item in batch)
            {
                ParseResult result;
                try
                {
                    result = parser.Parse(item, now);
                }
                catch (Exception ex)
                {
                    throw new FuzzFailure($"the parser threw {ex.GetType().Name} on item {item.Index}: {ex.Message}", ex);
                }

                if (result.Error is { } error)
                {
                    if (error.Errors.Count == 0 || error.Errors.Any(e => string.IsNullOrWhiteSpace(e.Field) || string.IsNullOrWhiteSpace(e.Reason)))
                    {
                        throw new FuzzFailure($"item {item.Index} was rejected without a field and a reason");
                    }

                    signature.UnionWith(error.Errors.Select(e => $"{(KnownFields.Contains(e.Field) ? e.Field : "(other)")}:{Shape(e.Reason)}"));
                }
                else
                {
                    Check(result.Event!, parser, now);
                    signature.Add("ok:" + result.Event!.Type.ToWire());
                }
            }

            return signature;
        }
    }

    private static readonly HashSet<string> KnownFields =
        [.. EventSchema.Common.Concat(EventSchema.Specific.Values.SelectMany(f => f)).Select(f => f.Name), "(item)"];

    /// <summary>An accepted event is inside every bound, and what IOC writes of it reads back as the same event.</summary>
    private static void Check(IocEvent e, EventParser parser, DateTimeOffset now)
    {
        IEnumerable<DateTimeOffset> times = e switch
        {
            DossierReceived r => [r.At, r.DueAt],
            DossierCompleted d => [d.At, d.DueAt, d.CompletedAt],
            TicketOpened t => [t.At, t.DueAt],
            TicketResolved t => [t.At, t.DueAt, t.ResolvedAt],
            _ => [e.At],
        };
        if (times.Any(t => t < EventRules.Earliest || t >= EventRules.Latest) || e.At > now + EventRules.MaxClockSkew)
        {
            throw new FuzzFailure($"accepted {e.Id} with a timestamp out of bounds");
        }

        if (!EventRules.Id().IsMatch(e.Id))
        {
            throw new FuzzFailure($"accepted an id outside the safe set: {e.Id}");
        }

        var written = EventJson.ToNdjson([e]);
        using var again = BatchReader.Read(written, ndjson: true, maxEvents: 1);
        var reparsed = parser.Parse(again[0], now);
        if (reparsed.Event != e)
        {
            throw new FuzzFailure($"{e.Id} does not survive being written and read again: {Encoding.UTF8.GetString(written)} -> {reparsed.Error?.Field} {reparsed.Error?.Reason}");
        }
    }

    /// <summary>A reason without its values: quoted text and numbers become placeholders.</summary>
    private static string Shape(string reason) => Numbers().Replace(Quoted().Replace(reason, "'…'"), "N");

    [GeneratedRegex("'.*'", RegexOptions.Singleline)]
    private static partial Regex Quoted();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Numbers();
}
