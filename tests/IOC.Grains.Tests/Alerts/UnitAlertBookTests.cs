using IOC.Domain.Calendar;
using IOC.Domain.Units;
using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Rules;
using IOC.Grains.Fold;
using IOC.Tests.Shared;
using static IOC.Tests.Shared.TestEvents;

namespace IOC.Grains.Tests.Alerts;

/// <summary>
/// One unit's alert instances judged on its own fold, with the clock in the test's hands: Grafana's states, the minimum
/// denominator, office hours, no data, acknowledgements, silences and the duty officer's sentence.
/// </summary>
public sealed class UnitAlertBookTests
{
    // Wednesday 2 July 2025, a working day.
    private static readonly DateTimeOffset NineForty = Local(2025, 7, 2, 9, 40);
    private static readonly UnitKey CuaNam = new(UnitLevel.Ward, "00082");
    private static readonly AlertRuleChecker Checker = new(Seed.Units, Seed.Targets);
    private static readonly AlertContext Context = new(Seed.Units, Seed.Targets, new OfficeHours(WorkingCalendar.WeekendsOnly, OfficeHours.DefaultSpans));

    private readonly UnitFold _fold = new(CuaNam);
    private readonly UnitAlertBook _book = new(CuaNam, Context, TimeSpan.FromSeconds(1));

    [Fact]
    public void AnOnTimeRateMissedGoesPendingThenFiresAfterThePendingPeriodWithTheDutyOfficersSentence()
    {
        var config = Config(OnTime(pending: "5m"));
        Complete(onTime: 14, late: 3, at: NineForty.AddMinutes(-30));

        var first = Step(config, NineForty);
        var stillPending = Step(config, NineForty.AddMinutes(4));
        var fired = Step(config, NineForty.AddMinutes(5));

        first.Should().ContainSingle().Which.Alert.State.Should().Be(AlertState.Pending);
        stillPending.Should().BeEmpty("nothing a person sees changed");
        var firing = fired.Should().ContainSingle().Which;
        firing.Kind.Should().Be(AlertChangeKind.Transition);
        firing.From.Should().Be(AlertState.Pending);
        firing.StartsFiring.Should().BeTrue();
        firing.Alert.State.Should().Be(AlertState.Firing);
        firing.Alert.SentenceVi.Should().Be("Phường Cửa Nam: tỷ lệ giải quyết đúng hạn hôm nay 82,4% (14/17), chỉ tiêu 100%, từ 09:40");
        firing.Alert.SentenceEn.Should().StartWith("Cua Nam Ward: on-time completion rate today 82.4% (14/17), target 100%, since 09:40");
        (firing.Alert.Numerator, firing.Alert.Denominator, firing.Alert.Target).Should().Be((14d, 17L, 100d));
        firing.Alert.Episode.Should().Be(1);
    }

    [Fact]
    public void AFiringAlertRecoversForTheKeepFiringPeriodThenResolvesToNormal()
    {
        var config = Config(OnTime(keepFiring: "2m"));
        Complete(onTime: 14, late: 3, at: NineForty.AddMinutes(-30));
        Step(config, NineForty).Single().Alert.State.Should().Be(AlertState.Firing);

        Complete(onTime: 100, late: 0, at: NineForty.AddMinutes(1));
        var recovering = Step(config, NineForty.AddMinutes(2)).Single();
        var held = Step(config, NineForty.AddMinutes(3));
        var resolved = Step(config, NineForty.AddMinutes(4)).Single();

        recovering.Alert.State.Should().Be(AlertState.Recovering, "114/117 = 97.4% is within the near band, not missed");
        held.Should().BeEmpty();
        resolved.Alert.State.Should().Be(AlertState.Normal);
        resolved.Resolves.Should().BeTrue();
        _book.Views().Should().BeEmpty();
    }

    [Fact]
    public void OneLateDossierOutOfOneStaysNormalBelowTheMinimumDenominator()
    {
        var config = Config(OnTime());
        Complete(onTime: 0, late: 1, at: NineForty.AddMinutes(-10));

        var changes = Step(config, NineForty);

        changes.Should().BeEmpty();
        _book.Find("ontime")!.State.Should().Be(AlertState.Normal);
    }

    [Fact]
    public void ARateWithNothingToDivideByIsNormalByDefault()
    {
        var config = Config(OnTime());

        var changes = Step(config, NineForty);

        changes.Should().BeEmpty();
        _book.Views().Should().BeEmpty();
    }

    [Fact]
    public void ARateWithNothingToDivideByIsNoDataWhenTheRuleSaysSoAndTheSentenceSaysWhy()
    {
        var config = Config(OnTime() with { NoData = AlertNoDataState.NoData });

        var change = Step(config, NineForty).Single();

        change.Alert.State.Should().Be(AlertState.NoData);
        change.Alert.SentenceVi.Should().Be("Phường Cửa Nam: tỷ lệ giải quyết đúng hạn hôm nay chưa có số liệu");
    }

    [Fact]
    public void ASilentFeedFiresAfterThirtyOfficeMinutesAndLunchDoesNotCount()
    {
        var config = Config(Silent());
        var lastEvent = Local(2025, 7, 2, 11, 50);
        _book.Restore([], lastEvent);
        Step(config, lastEvent);

        var atLunchEnd = Step(config, Local(2025, 7, 2, 13, 15));
        var after = Step(config, Local(2025, 7, 2, 13, 21));

        atLunchEnd.Should().BeEmpty("10 minutes before noon and 15 after lunch are 25 office minutes");
        after.Single().Alert.State.Should().Be(AlertState.Firing);
        after.Single().Alert.SentenceVi.Should().Be("Phường Cửa Nam: không nhận được sự kiện nào trong 31 phút làm việc (từ 11:50), ngưỡng 30 phút");
    }

    [Fact]
    public void ASilentFeedIsNotJudgedOnASaturday()
    {
        var config = Config(Silent());
        var saturday = Local(2025, 7, 5, 9, 0);
        _book.Restore([], saturday);

        var changes = Step(config, saturday.AddHours(5));

        changes.Should().BeEmpty();
    }

    [Fact]
    public void AnAcknowledgementHoldsForTheEpisodeAndANewEpisodeNeedsANewOne()
    {
        var config = Config(OnTime());
        Complete(onTime: 14, late: 3, at: NineForty.AddMinutes(-30));
        Step(config, NineForty);

        var ack = _book.Acknowledge("ontime", "Trực ban Hà", "Đã gọi phường", NineForty.AddMinutes(1))!;
        Complete(onTime: 200, late: 0, at: NineForty.AddMinutes(2));
        Step(config, NineForty.AddMinutes(3));
        Complete(onTime: 0, late: 60, at: NineForty.AddMinutes(4));
        var again = Step(config, NineForty.AddMinutes(5)).Single();

        ack.Kind.Should().Be(AlertChangeKind.Acknowledged);
        ack.Alert.Ack.Should().Be(new AlertAck("Trực ban Hà", NineForty.AddMinutes(1), "Đã gọi phường"));
        again.Alert.State.Should().Be(AlertState.Firing);
        again.Alert.Episode.Should().Be(2);
        again.Alert.Ack.Should().BeNull();
    }

    [Fact]
    public void ASilenceMutesTheInstanceWhileItIsStillJudged()
    {
        var silence = new AlertSilence("s1", "ontime", CuaNam, NineForty, NineForty.AddHours(1), "Bảo trì hệ thống", "admin");
        var config = Config(OnTime()) with { Silences = [silence] };
        Complete(onTime: 14, late: 3, at: NineForty.AddMinutes(-30));

        var change = Step(config, NineForty).Single();
        var ended = Step(config, NineForty.AddHours(1)).Single();

        change.Alert.State.Should().Be(AlertState.Firing);
        change.Alert.SilencedBy.Should().Be("s1");
        ended.Kind.Should().Be(AlertChangeKind.Unsilenced);
    }

    [Fact]
    public void ADisabledRuleEndsItsFiringInstance()
    {
        var rule = OnTime();
        Complete(onTime: 14, late: 3, at: NineForty.AddMinutes(-30));
        Step(Config(rule), NineForty);

        var removed = Step(new AlertConfig(2, [rule with { Enabled = false }], []), NineForty.AddMinutes(1)).Single();

        removed.Kind.Should().Be(AlertChangeKind.Removed);
        removed.Resolves.Should().BeTrue();
        _book.Find("ontime").Should().BeNull();
    }

    [Fact]
    public void ARestoredFiringInstanceKeepsItsEpisodeAndAcknowledgement()
    {
        var config = Config(OnTime());
        Complete(onTime: 14, late: 3, at: NineForty.AddMinutes(-30));
        Step(config, NineForty);
        var saved = _book.Acknowledge("ontime", "Hà", null, NineForty.AddMinutes(1))!.Alert;
        var restarted = new UnitAlertBook(CuaNam, Context, TimeSpan.FromSeconds(1));

        restarted.Restore([saved], NineForty.AddMinutes(2));
        var changes = restarted.Evaluate(config, new AlertFigures(_fold.Snapshot(NineForty.AddMinutes(3)), _fold.Day, NineForty.AddMinutes(2)), NineForty.AddMinutes(3));

        changes.Should().BeEmpty("the restored instance is still firing on the same figures");
        restarted.Views().Single().Should().BeEquivalentTo(new { State = AlertState.Firing, Episode = 1L, Ack = new AlertAck("Hà", NineForty.AddMinutes(1), null) });
    }

    [Fact]
    public void TheCheckerNamesEveryWrongField()
    {
        var (rule, errors) = Checker.Check(new AlertRuleDraft
        {
            Id = "Bad Id", NameVi = "x", NameEn = "x", Kpi = "dossier.nope", Scope = "ward", Unit = "99999", Window = "week",
            Condition = "below", Severity = "loud", Pending = "soon",
        });

        rule.Should().BeNull();
        errors.Select(e => e.Field).Should().BeEquivalentTo(["id", "kpi", "unit", "window", "severity", "pending", "threshold"]);
        errors.Single(e => e.Field == "kpi").Reason.Should().Contain("unknown KPI id 'dossier.nope'");
    }

    private List<AlertChange> Step(AlertConfig config, DateTimeOffset now) =>
        _book.Evaluate(config, new AlertFigures(_fold.Snapshot(now), _fold.Day, _book.LastArrival), now);

    private void Complete(int onTime, int late, DateTimeOffset at)
    {
        for (var i = 0; i < onTime; i++)
        {
            _fold.Receive(Completed(at));
        }

        for (var i = 0; i < late; i++)
        {
            _fold.Receive(Completed(at, dueAt: at.AddDays(-1)));
        }
    }

    private static AlertConfig Config(AlertRule rule) => new(1, [rule], []);

    private static AlertRule OnTime(string pending = "0", string keepFiring = "0") => Rule(new AlertRuleDraft
    {
        Id = "ontime", NameVi = "Đúng hạn", NameEn = "On time", Kpi = "dossier.onTimeRate", Scope = "wards", Window = "today",
        Condition = "missed", MinDenominator = 10, Pending = pending, KeepFiring = keepFiring, Severity = "critical",
    });

    private static AlertRule Silent() => Rule(new AlertRuleDraft
    {
        Id = "silent", NameVi = "Im lặng", NameEn = "Silent", Scope = "wards", Condition = "silent", Threshold = 30, Severity = "warning",
    });

    private static AlertRule Rule(AlertRuleDraft draft)
    {
        var (rule, errors) = Checker.Check(draft);
        errors.Should().BeEmpty();
        return rule!;
    }
}
