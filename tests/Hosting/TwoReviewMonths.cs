using System.Text.Json.Nodes;

namespace IOC.Testing.Hosting;

/// <summary>
/// The competition-review scenario the API and browser tests share, with figures computed by hand in docs/review.md's
/// terms. Month A: VPTU 3 of 4 documents digital, VPDDBQH-HDND 2 of 2, VPUBND 4 of 4; the Service Center 5 dossiers,
/// 4 full-process online, all on the digital platform, no survey. Month B: VPTU 2 of 2, VPDDBQH-HDND nothing, VPUBND
/// 9 of 10; the Service Center 2 dossiers, 1 full-process, 19 of 20 surveys satisfied.
/// </summary>
public static class TwoReviewMonths
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));

    /// <summary>The 10th of the month before last, 10:00 Hanoi time: always in the past.</summary>
    public static readonly DateTimeOffset MonthA = new DateTimeOffset(Now.Year, Now.Month, 10, 10, 0, 0, Now.Offset).AddMonths(-2);

    /// <summary>The 10th of last month, 10:00.</summary>
    public static readonly DateTimeOffset MonthB = MonthA.AddMonths(1);

    public static JsonObject[] Events()
    {
        var events = new List<JsonObject>();
        void Documents(string prefix, DateTimeOffset at, string agency, int total, int digital)
        {
            for (var i = 0; i < total; i++)
            {
                events.Add(WireEvents.Document($"{prefix}-{agency}-{i}", at.AddMinutes(i), agency, digital: i < digital));
            }
        }

        void Dossiers(string prefix, DateTimeOffset at, int total, int fullProcess)
        {
            for (var i = 0; i < total; i++)
            {
                events.Add(WireEvents.Received($"{prefix}-d{i}", at.AddMinutes(i), "online", fullProcess: i < fullProcess, agency: "TTPVHCC"));
            }
        }

        Documents("a", MonthA, "VPTU", 4, 3);
        Documents("a", MonthA, "VPDDBQH-HDND", 2, 2);
        Documents("a", MonthA, "VPUBND", 4, 4);
        Dossiers("a", MonthA, 5, 4);
        Documents("b", MonthB, "VPTU", 2, 2);
        Documents("b", MonthB, "VPUBND", 10, 9);
        Dossiers("b", MonthB, 2, 1);
        for (var i = 0; i < 20; i++)
        {
            events.Add(WireEvents.Survey($"b-s{i}", MonthB.AddMinutes(i), i < 19 ? "satisfied" : "dissatisfied", agency: "TTPVHCC"));
        }

        return [.. events];
    }
}
