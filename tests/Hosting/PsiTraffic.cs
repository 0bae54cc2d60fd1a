using System.Net;
using System.Net.Http.Headers;
using IOC.Domain.Events;
using IOC.Ingestion.Parsing;
using IOC.Tests.Shared;

namespace IOC.Testing.Hosting;

/// <summary>
/// Typed events (built with <see cref="TestEvents"/>) posted as NDJSON, and three wards whose PSI estimates differ:
/// Cửa Nam excellent (100), Hoàn Kiếm middle (50), Ba Đình weak (0), each out of the groups measured.
/// </summary>
public static class PsiTraffic
{
    public const string Excellent = "00082";
    public const string Middle = "00070";
    public const string Weak = "00004";

    public static async Task PostEventsAsync(this HttpClient producer, params IocEvent[] events)
    {
        using var content = new ByteArrayContent(EventJson.ToNdjson(events));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        var response = await producer.PostAsync("/api/v1/events", content);
        if (response.StatusCode != HttpStatusCode.Accepted || !(await response.Content.ReadAsStringAsync()).Contains("\"rejected\":[]", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Events not all accepted: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>
    /// Cửa Nam: 2 received online and full-process, 2 completed on time with digitized results: progress 20,
    /// digitization 22, online services 22 (no fee: payment not measured) = 64 of 64. Hoàn Kiếm: 2 completed, 1 late,
    /// 1 digitized: 10 + 11 = 21 of 42 = 50. Ba Đình: 2 completed late, none digitized: 0 of 42.
    /// </summary>
    public static IocEvent[] ThreeWards(DateTimeOffset at) =>
    [
        TestEvents.Received(at, Excellent, channel: DossierChannel.Online, fullProcess: true, onPlatform: true),
        TestEvents.Received(at, Excellent, channel: DossierChannel.Online, fullProcess: true, onPlatform: true),
        TestEvents.Completed(at, Excellent, digitized: true),
        TestEvents.Completed(at, Excellent, digitized: true),
        TestEvents.Completed(at, Middle, digitized: true),
        TestEvents.Completed(at, Middle, dueAt: at.AddHours(-1)),
        TestEvents.Completed(at, Weak, dueAt: at.AddHours(-1)),
        TestEvents.Completed(at, Weak, dueAt: at.AddHours(-1)),
    ];
}
