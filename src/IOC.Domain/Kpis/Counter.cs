using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace IOC.Domain.Kpis;

/// <summary>
/// Everything a grain counts. Rates are never stored: each KPI is sum(numerator) / sum(denominator)
/// over the window asked for. Names are persisted (history store), so rename with care.
/// </summary>
public enum Counter
{
    DossiersReceived,
    DossiersReceivedOnline,
    DossiersReceivedInPerson,
    DossiersReceivedPostal,
    DossiersReceivedFullProcess,
    DossiersReceivedOnDigitalPlatform,
    DossiersCompleted,
    DossiersCompletedEarly,
    DossiersCompletedOnTime,
    DossiersCompletedLate,
    DossiersCompletedDigitized,
    DossiersCompletedWithFee,
    DossiersCompletedPaidOnline,
    CallsReceived,
    CallsOffered,
    CallsAnswered,
    CallsAbandoned,
    CallsAbandonedShort,
    CallsAnsweredWithinThreshold,
    AnsweredWaitMillis,
    HandleMillis,
    TicketsOpened,
    TicketsResolved,
    TicketsResolvedOnTime,
    SurveyResponses,
    SurveySatisfied,
    SurveyNeutral,
    SurveyDissatisfied,
    DossierSurveyResponses,
    DossierSurveySatisfied,
    HotlineSurveyResponses,
    HotlineSurveySatisfied,
    DocumentsProcessed,
    DocumentsDigital,
    DocumentsSignedDigitally,
}

/// <summary>One value per <see cref="Counter"/>, stored inline so buckets are flat arrays without pointers.</summary>
[InlineArray(Size)]
public struct CounterSet
{
    public const int Size = 35;

    private long _first;

    public long this[Counter counter]
    {
        readonly get => this[(int)counter];
        set => this[(int)counter] = value;
    }

    /// <summary>Adds every counter of <paramref name="other"/> (vectorised: buckets add whole runs of events, see UnitFold).</summary>
    public void Add(in CounterSet other)
    {
        var mine = MemoryMarshal.CreateSpan(ref Unsafe.As<CounterSet, long>(ref this), Size);
        var theirs = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<CounterSet, long>(ref Unsafe.AsRef(in other)), Size);
        var i = 0;
        for (; i <= Size - Vector<long>.Count; i += Vector<long>.Count)
        {
            (new Vector<long>(mine[i..]) + new Vector<long>(theirs[i..])).CopyTo(mine[i..]);
        }

        for (; i < Size; i++)
        {
            mine[i] += theirs[i];
        }
    }

    public readonly bool IsZero
    {
        get
        {
            for (var i = 0; i < Size; i++)
            {
                if (this[i] != 0)
                {
                    return false;
                }
            }

            return true;
        }
    }

    public readonly bool SameAs(in CounterSet other)
    {
        for (var i = 0; i < Size; i++)
        {
            if (this[i] != other[i])
            {
                return false;
            }
        }

        return true;
    }
}
