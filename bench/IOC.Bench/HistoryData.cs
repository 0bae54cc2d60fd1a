using IOC.Domain.Events;
using IOC.Domain.Kpis;
using IOC.Domain.Units;
using IOC.Grains.Fold;

namespace IOC.Bench;

/// <summary>Simulated history: counters of a unit in a stretch of time, busier in office hours, with a realistic mix.</summary>
internal static class HistoryData
{
    public static readonly string[] Procedures =
        ["2.000815", "2.000884", "1.008878", "1.001193", "1.000894", "1.000656", "1.004873", "1.001612", "2.000635", "1.003005", "1.010727", "1.009994"];

    public static UnitKey[] Units() => BenchOptions.Units().All.Select(u => u.Key).ToArray();

    /// <summary>Counters of <paramref name="minutes"/> minutes of one unit at a local hour (dossiers, calls, surveys, documents).</summary>
    public static CounterSet Counters(Random rng, int localHour, double minutes)
    {
        var busy = localHour is >= 8 and < 17 ? 1.0 : 0.05;
        var c = default(CounterSet);
        var received = Draw(rng, 0.3 * minutes * busy);
        var online = Draw(rng, received * 0.65);
        c[Counter.DossiersReceived] = received;
        c[Counter.DossiersReceivedOnline] = Math.Min(online, received);
        c[Counter.DossiersReceivedInPerson] = received - c[Counter.DossiersReceivedOnline];
        c[Counter.DossiersReceivedFullProcess] = c[Counter.DossiersReceivedOnline] / 3;
        c[Counter.DossiersReceivedOnDigitalPlatform] = received;
        var completed = Draw(rng, 0.28 * minutes * busy);
        c[Counter.DossiersCompleted] = completed;
        c[Counter.DossiersCompletedEarly] = completed / 2;
        c[Counter.DossiersCompletedLate] = completed / 20;
        c[Counter.DossiersCompletedOnTime] = completed - (completed / 2) - (completed / 20);
        c[Counter.DossiersCompletedDigitized] = completed * 9 / 10;
        var calls = Draw(rng, 0.2 * minutes * busy);
        c[Counter.CallsReceived] = calls;
        c[Counter.CallsOffered] = calls;
        c[Counter.CallsAnswered] = calls * 9 / 10;
        c[Counter.CallsAbandoned] = calls - (calls * 9 / 10);
        c[Counter.CallsAnsweredWithinThreshold] = calls * 8 / 10;
        c[Counter.AnsweredWaitMillis] = c[Counter.CallsAnswered] * 12_000;
        c[Counter.HandleMillis] = c[Counter.CallsAnswered] * 180_000;
        var responses = Draw(rng, 0.05 * minutes * busy);
        c[Counter.SurveyResponses] = responses;
        c[Counter.SurveySatisfied] = responses * 96 / 100;
        c[Counter.DossierSurveyResponses] = responses;
        c[Counter.DossierSurveySatisfied] = responses * 96 / 100;
        return c;
    }

    /// <summary>A delta of one minute for one unit, with dossiers per procedure, as a grain hands it over.</summary>
    public static GrainDelta Minute(Random rng, long minuteKey, int localHour)
    {
        var delta = new GrainDelta();
        var counters = Counters(rng, localHour, 1);
        delta.Counters[minuteKey] = counters;
        for (var i = 0; i < counters[Counter.DossiersReceived]; i++)
        {
            var channel = rng.NextDouble() < 0.65 ? DossierChannel.Online : DossierChannel.InPerson;
            delta.Procedures.Add(new ProcedureEvent(new ProcedureBucket(minuteKey, Procedures[rng.Next(Procedures.Length)], channel), false, false));
        }

        return delta;
    }

    /// <summary>A whole number with mean <paramref name="mean"/> (Poisson by inversion; means here are small).</summary>
    private static long Draw(Random rng, double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean > 30)
        {
            return Math.Max(0, (long)Math.Round(mean + (Math.Sqrt(mean) * (rng.NextDouble() - 0.5) * 3.4)));
        }

        var limit = Math.Exp(-mean);
        long k = 0;
        var p = rng.NextDouble();
        while (p > limit)
        {
            k++;
            p *= rng.NextDouble();
        }

        return k;
    }
}
