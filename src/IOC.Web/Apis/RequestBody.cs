using System.Buffers;

namespace IOC.Web.Apis;

/// <summary>
/// A request's whole body in a pooled buffer, returned to the pool on dispose. A batch of a thousand events is ~250 KB,
/// past the GC's large-object threshold: a fresh array per request made the large-object heap churn and forced full
/// collections under load. Dispose only once nothing holds the body any more (the inbox keeps slices of it until the
/// request's commit).
/// </summary>
internal sealed class RequestBody : IDisposable
{
    private const int UnknownLengthStart = 64 * 1024;

    private byte[]? _buffer;
    private readonly int _length;

    private RequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    public ReadOnlyMemory<byte> Memory => _buffer is { } buffer ? buffer.AsMemory(0, _length) : throw new ObjectDisposedException(nameof(RequestBody));

    /// <summary>Reads the whole body, or returns null as soon as it passes <paramref name="limit"/> bytes.</summary>
    public static async Task<RequestBody?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        // One byte more than the declared length or the limit, so that a body longer than either is seen without growing.
        var cap = limit >= Array.MaxLength ? Array.MaxLength : (int)limit + 1;
        var first = request.ContentLength is { } declared && declared < cap ? (int)declared + 1 : Math.Min(UnknownLengthStart, cap);
        var buffer = ArrayPool<byte>.Shared.Rent(first);
        var length = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
                if (length > limit)
                {
                    GiveBack(buffer);
                    return null;
                }

                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, cap));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    GiveBack(buffer);
                    buffer = larger;
                }
            }
        }
        catch
        {
            GiveBack(buffer);
            throw;
        }

        return new RequestBody(buffer, length);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            GiveBack(buffer);
        }
    }

    /// <summary>
    /// Every buffer goes back cleared (a refused or outgrown one too): no producer's events are left for another request
    /// to see, and a body disposed too early shows as zeros in what is stored rather than as another batch's events
    /// (tests/…/PooledBodyTests). Clearing ~256 KB costs microseconds against the milliseconds of its thousand events.
    /// </summary>
    private static void GiveBack(byte[] buffer) => ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
}
