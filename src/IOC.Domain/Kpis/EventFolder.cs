using IOC.Domain.Events;

namespace IOC.Domain.Kpis;

/// <summary>Turns one event into counter increments: the official definitions, in one place.</summary>
public static class EventFolder
{
    /// <summary>Calls abandoned in under this many seconds are not counted as offered (caller hung up at once).</summary>
    public const double ShortAbandonSeconds = 5;

    /// <summary>Service level threshold: answered within this many seconds.</summary>
    public const double ServiceLevelSeconds = 20;

    public static void Fold(IocEvent e, ref CounterSet c)
    {
        switch (e)
        {
            case DossierReceived r:
                c[Counter.DossiersReceived]++;
                c[r.Channel switch
                {
                    DossierChannel.Online => Counter.DossiersReceivedOnline,
                    DossierChannel.InPerson => Counter.DossiersReceivedInPerson,
                    _ => Counter.DossiersReceivedPostal,
                }]++;
                if (r.FullProcessOnline)
                {
                    c[Counter.DossiersReceivedFullProcess]++;
                }

                if (r.OnDigitalPlatform)
                {
                    c[Counter.DossiersReceivedOnDigitalPlatform]++;
                }

                break;
            case DossierCompleted d:
                c[Counter.DossiersCompleted]++;
                c[Classify(d.CompletedAt, d.DueAt) switch
                {
                    Timeliness.Early => Counter.DossiersCompletedEarly,
                    Timeliness.OnTime => Counter.DossiersCompletedOnTime,
                    _ => Counter.DossiersCompletedLate,
                }]++;
                if (d.ResultDigitized)
                {
                    c[Counter.DossiersCompletedDigitized]++;
                }

                if (d.FeePaidOnline is { } paidOnline)
                {
                    c[Counter.DossiersCompletedWithFee]++;
                    if (paidOnline)
                    {
                        c[Counter.DossiersCompletedPaidOnline]++;
                    }
                }

                break;
            case HotlineCall call:
                FoldCall(call, ref c);
                break;
            case TicketOpened:
                c[Counter.TicketsOpened]++;
                break;
            case TicketResolved t:
                c[Counter.TicketsResolved]++;
                if (t.ResolvedAt <= t.DueAt)
                {
                    c[Counter.TicketsResolvedOnTime]++;
                }

                break;
            case SurveyResponse s:
                FoldSurvey(s, ref c);
                break;
            case DocumentProcessed doc:
                c[Counter.DocumentsProcessed]++;
                if (doc.Digital)
                {
                    c[Counter.DocumentsDigital]++;
                }

                if (doc.SignedDigitally)
                {
                    c[Counter.DocumentsSignedDigitally]++;
                }

                break;
        }
    }

    /// <summary>
    /// Early: done on a local day before the due day. On time: on the due day, not after the due time.
    /// Late: after the due time. (The one-stop system's "trước hạn / đúng hạn / quá hạn".)
    /// </summary>
    public static Timeliness Classify(DateTimeOffset completedAt, DateTimeOffset dueAt)
    {
        if (completedAt > dueAt)
        {
            return Timeliness.Late;
        }

        return Time.VietnamTime.DayKey(completedAt) < Time.VietnamTime.DayKey(dueAt) ? Timeliness.Early : Timeliness.OnTime;
    }

    private static void FoldCall(HotlineCall call, ref CounterSet c)
    {
        c[Counter.CallsReceived]++;
        if (!call.Answered && call.WaitSeconds < ShortAbandonSeconds)
        {
            c[Counter.CallsAbandonedShort]++;
            return;
        }

        c[Counter.CallsOffered]++;
        if (!call.Answered)
        {
            c[Counter.CallsAbandoned]++;
            return;
        }

        c[Counter.CallsAnswered]++;
        c[Counter.AnsweredWaitMillis] += (long)Math.Round(call.WaitSeconds * 1000);
        c[Counter.HandleMillis] += (long)Math.Round((call.HandleSeconds ?? 0) * 1000);
        if (call.WaitSeconds <= ServiceLevelSeconds)
        {
            c[Counter.CallsAnsweredWithinThreshold]++;
        }
    }

    private static void FoldSurvey(SurveyResponse s, ref CounterSet c)
    {
        var satisfied = s.Rating is SatisfactionRating.VerySatisfied or SatisfactionRating.Satisfied;
        c[Counter.SurveyResponses]++;
        c[satisfied ? Counter.SurveySatisfied
            : s.Rating == SatisfactionRating.Neutral ? Counter.SurveyNeutral
            : Counter.SurveyDissatisfied]++;
        var (responses, satisfiedCounter) = s.Subject == SurveySubject.Dossier
            ? (Counter.DossierSurveyResponses, Counter.DossierSurveySatisfied)
            : (Counter.HotlineSurveyResponses, Counter.HotlineSurveySatisfied);
        c[responses]++;
        if (satisfied)
        {
            c[satisfiedCounter]++;
        }
    }
}

public enum Timeliness
{
    Early,
    OnTime,
    Late,
}
