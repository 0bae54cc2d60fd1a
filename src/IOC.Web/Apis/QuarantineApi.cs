using IOC.Domain.Time;
using IOC.Grains.Ports;
using IOC.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IOC.Web.Apis;

/// <summary>Events set aside so that one bad event never stops the pipeline (issue 15): the list, and a replay after a fix.</summary>
public static class QuarantineApi
{
    public static IEndpointRouteBuilder MapQuarantineApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/quarantine").WithTags("Operations");
        api.MapGet("/", List)
            .WithName("GetQuarantine")
            .WithSummary("Accepted events a unit could not take (the fold's guard, or a stored event that no longer validates), latest first.");
        // Changes what is counted: admins only (Program.cs maps this API under the admin policy; docs/security.md).
        api.MapPost("/replay", ReplayAsync)
            .WithName("ReplayQuarantine")
            .WithSummary("Reads each quarantined event from the inbox and has its unit fold it again; what is counted leaves the quarantine.");
        return app;
    }

    private static Ok<QuarantineList> List(Quarantine quarantine) =>
        TypedResults.Ok(new QuarantineList(quarantine.Count, [.. quarantine.Latest(1000).Select(QuarantineItem.From)]));

    private static async Task<Ok<ReplayAnswer>> ReplayAsync(QuarantineReplay replay)
    {
        var outcomes = await replay.ReplayAsync();
        return TypedResults.Ok(new ReplayAnswer(
            outcomes.Count(o => o.Counted),
            [.. outcomes.Where(o => !o.Counted).Select(o => QuarantineItem.From(o.Event) with { Reason = o.Reason! })]));
    }
}

public sealed record QuarantineItem(string Unit, string Level, long Seq, string EventId, string Reason, DateTimeOffset At)
{
    public static QuarantineItem From(QuarantinedEvent e) =>
        new(e.Unit.Code, Domain.Units.UnitLevelNames.ToWire(e.Unit.Level), e.Seq, e.EventId, e.Reason, VietnamTime.ToLocal(e.At));
}

/// <param name="Total">Every quarantined event (the list shows the latest 1,000).</param>
public sealed record QuarantineList(long Total, IReadOnlyList<QuarantineItem> Items);

/// <param name="Counted">Events counted by this replay.</param>
/// <param name="StillQuarantined">The others, each with why it still cannot be counted.</param>
public sealed record ReplayAnswer(int Counted, IReadOnlyList<QuarantineItem> StillQuarantined);
