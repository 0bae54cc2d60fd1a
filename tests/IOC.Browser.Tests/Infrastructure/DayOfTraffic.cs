namespace IOC.Browser.Tests.Infrastructure;

/// <summary>
/// One app for the layout tests, with a day's worth of every kind of figure so that each page has its tables, lists
/// and charts filled: dossiers received and completed (some late) in several wards and an agency, calls, surveys and
/// documents.
/// </summary>
public sealed class DayOfTraffic : IAsyncLifetime
{
    private readonly IocWebFactory _app = new();

    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Address = _app.StartOnLoopback();
        var now = TestClock.RecentToday(3);
        using var producer = _app.CreateProducer();
        await producer.PostOrFailAsync(
        [
            .. Traffic.Completions("cn", "00082", count: 7, late: 2),
            .. Traffic.Completions("bd", "00004", count: 6, late: 1),
            .. Traffic.Completions("hk", "00070", count: 5, late: 0),
            .. Traffic.Completions("one", "00008", count: 1, late: 1),
            WireEvents.Received("on-1", now, channel: "online", unit: "00082"),
            WireEvents.Received("ag-1", now, channel: "online", agency: "TTPVHCC"),
            WireEvents.Received("ag-2", now, channel: "in_person", agency: "TTPVHCC"),
            WireEvents.Call("call-1", now, answered: true, wait: 12, handle: 180),
            WireEvents.Call("call-2", now.AddMinutes(-40), answered: true, wait: 35, handle: 240),
            WireEvents.Call("call-3", now.AddHours(-2), answered: false, wait: 60),
            WireEvents.Survey("sv-1", now, "satisfied", unit: "00082"),
            WireEvents.Survey("sv-2", now, "dissatisfied", unit: "00004"),
            WireEvents.Document("doc-1", now, "VPUBND", digital: true, signedDigitally: true),
            WireEvents.Document("doc-2", now, "VPUBND", digital: false),
        ]);
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }
}
