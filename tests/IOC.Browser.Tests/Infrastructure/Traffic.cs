using System.Text.Json.Nodes;

namespace IOC.Browser.Tests.Infrastructure;

/// <summary>Wire events the page tests need beyond <see cref="WireEvents"/>: completions that are late or on time.</summary>
public static class Traffic
{
    /// <summary>A dossier of <paramref name="unit"/> received and completed now, on time or a day late.</summary>
    public static JsonObject[] ReceivedAndCompleted(string id, string unit, bool late, DateTimeOffset? at = null)
    {
        var now = at ?? TestClock.RecentToday(2);
        // A late one was received three days ago and was due yesterday; an on-time one came in a minute ago.
        var received = WireEvents.Received(id + "-r", late ? now.AddDays(-3) : now.AddMinutes(-1), channel: "in_person", unit: unit);
        received["dossierId"] = "D-" + id;
        received["dueAt"] = WireEvents.Stamp(late ? now.AddDays(-1) : now.AddDays(2));
        var completed = WireEvents.Common(id + "-c", "dossier.completed", now, unit, null);
        completed["dossierId"] = "D-" + id;
        completed["dueAt"] = received["dueAt"]!.DeepClone();
        completed["completedAt"] = WireEvents.Stamp(now);
        completed["resultDigitized"] = true;
        return [received, completed];
    }

    /// <summary><paramref name="count"/> dossiers of a ward completed now, the first <paramref name="late"/> of them late.</summary>
    public static JsonObject[] Completions(string prefix, string unit, int count, int late) =>
        [.. Enumerable.Range(0, count).SelectMany(i => ReceivedAndCompleted($"{prefix}-{i}", unit, late: i < late))];
}
