using IOC.History.Model;
using IOC.History.Store;

namespace IOC.History.Reading;

/// <summary>One stretch of a range read from one resolution: [FromMs, ToMs).</summary>
public readonly record struct Segment(Resolution Resolution, long FromMs, long ToMs);

/// <summary>
/// How a total over [from, to) is read: whole local days from day buckets, the whole hours at the ends from hour
/// buckets and the minutes left at the ends from minute buckets. A boundary is moved out to the bucket holding it at
/// the finest resolution still kept there (minutes for 48 h, hours for 90 days, days for ever): the effective range
/// is made of whole buckets and may be a little wider than asked.
/// </summary>
public sealed record RangePlan(long FromMs, long ToMs, IReadOnlyList<Segment> Segments)
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <param name="finest">The finest resolution the measurement has (procedures: hours).</param>
    public static RangePlan For(long fromMs, long toMs, long nowMs, Retention retention, Resolution finest = Resolution.Minute)
    {
        TimeSpan Precision(long at) =>
            finest == Resolution.Minute && retention.Keeps(Resolution.Minute, at, nowMs) ? Minute
            : finest <= Resolution.Hour && retention.Keeps(Resolution.Hour, at, nowMs) ? Hour
            : Day;
        var from = Resolutions.Floor(fromMs, Precision(fromMs));
        var to = Resolutions.Ceiling(toMs, Precision(Math.Max(fromMs, toMs - 1)));
        var segments = new List<Segment>();
        var dayFrom = Resolutions.Ceiling(from, Day);
        var dayTo = Resolutions.Floor(to, Day);
        if (dayFrom < dayTo)
        {
            AddEdge(segments, from, dayFrom);
            segments.Add(new Segment(Resolution.Day, dayFrom, dayTo));
            AddEdge(segments, dayTo, to);
        }
        else
        {
            AddEdge(segments, from, to);
        }

        return new RangePlan(from, to, segments);
    }

    /// <summary>A stretch shorter than a day: whole hours from hour buckets, the rest from minute buckets.</summary>
    private static void AddEdge(List<Segment> segments, long from, long to)
    {
        if (from >= to)
        {
            return;
        }

        var hourFrom = Resolutions.Ceiling(from, Hour);
        var hourTo = Resolutions.Floor(to, Hour);
        if (hourFrom < hourTo)
        {
            Add(segments, Resolution.Minute, from, hourFrom);
            segments.Add(new Segment(Resolution.Hour, hourFrom, hourTo));
            Add(segments, Resolution.Minute, hourTo, to);
        }
        else
        {
            Add(segments, Resolution.Minute, from, to);
        }
    }

    private static void Add(List<Segment> segments, Resolution resolution, long from, long to)
    {
        if (from < to)
        {
            segments.Add(new Segment(resolution, from, to));
        }
    }
}
