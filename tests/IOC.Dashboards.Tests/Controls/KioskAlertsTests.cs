using Bunit;
using IOC.Dashboards.Controls;
using IOC.Dashboards.Localization;
using IOC.Dashboards.Models;
using IOC.Dashboards.Tests.Rendering;
using IOC.Domain.Units;
using IOC.Grains.Alerts.Evaluation;
using IOC.Grains.Alerts.Rules;

namespace IOC.Dashboards.Tests.Controls;

/// <summary>The kiosk's alerts view and when its rotation includes it.</summary>
public sealed class KioskAlertsTests : DashboardTest
{
    private static readonly DateTimeOffset Since = new(2026, 12, 3, 2, 40, 0, TimeSpan.Zero);   // 09:40 in Hanoi

    [Fact]
    public void FiringAlertsAreGroupedCriticalFirstEachInItsSentenceWithAcknowledgedOnesMarked()
    {
        IReadOnlyList<AlertView> alerts =
        [
            Alert("ward-ontime-today", "00082", AlertSeverity.Critical, "Phường Cửa Nam: tỷ lệ giải quyết đúng hạn hôm nay 82,4% (14/17), chỉ tiêu 100%, từ 09:40"),
            Alert("ward-ontime-today", "00004", AlertSeverity.Critical, "Phường Ba Đình: tỷ lệ giải quyết đúng hạn hôm nay 90% (9/10), chỉ tiêu 100%, từ 09:40") with
            {
                Ack = new AlertAck("Trực ban Hà", Since.AddMinutes(5), "Đã gọi phường"),
            },
            Alert("hotline-abandonment", "00001", AlertSeverity.Warning, "Thành phố Hà Nội: tỷ lệ bỏ máy 60 phút qua 7,5% (9/120), chỉ tiêu ≤ 5%, từ 09:40"),
        ];

        var html = Render<KioskAlerts>(Ui.Vietnamese, p => p.Add(c => c.Alerts, alerts));

        html.Find(".view-title").TextContent.Should().Contain("Cảnh báo đang diễn ra: 3");
        html.FindAll("[data-severity]").Select(s => s.GetAttribute("data-severity")).Should().Equal("critical", "warning");
        html.Find("[data-severity='critical'] h3").TextContent.Should().Be("Nghiêm trọng (2)");
        var first = html.Find("[data-alert='ward-ontime-today:ward:00082']");
        first.QuerySelector(".kiosk-alert-sentence")!.TextContent.Should().Be("Phường Cửa Nam: tỷ lệ giải quyết đúng hạn hôm nay 82,4% (14/17), chỉ tiêu 100%, từ 09:40");
        first.QuerySelector(".kiosk-alert-meta")!.TextContent.Should().Contain("Từ 03/12/2026 09:40");
        first.ClassList.Should().NotContain("is-acked");
        var acked = html.Find("[data-alert='ward-ontime-today:ward:00004']");
        acked.ClassList.Should().Contain("is-acked");
        acked.QuerySelector("[data-acked]")!.TextContent.Should().Contain("✔ Đã xác nhận: Trực ban Hà, 03/12/2026 09:45");
    }

    [Fact]
    public void InEnglishTheViewSpeaksEnglishAndSaysHowManyMoreDoNotFit()
    {
        IReadOnlyList<AlertView> alerts = [.. Enumerable.Range(1, 6).Select(i => Alert("r", $"0000{i}", AlertSeverity.Warning, $"Ward {i}: low"))];

        var html = Render<KioskAlerts>(Ui.English, p => p.Add(c => c.Alerts, alerts));

        html.Find(".view-title").TextContent.Should().Contain("Alerts firing: 6");
        html.FindAll("[data-severity='warning'] [data-alert]").Should().HaveCount(4);
        html.Find(".kiosk-alert.more").TextContent.Should().Be("and 2 more");
    }

    [Fact]
    public void TheRotationShowsTheAlertsViewAfterTheCityOnlyWhileAlertsFire()
    {
        KioskViews.For(hasAgencies: true, anyFiring: false).Should().Equal("city", "wards", "agencies", "hotline");
        KioskViews.For(hasAgencies: true, anyFiring: true).Should().Equal("city", "alerts", "wards", "agencies", "hotline");
        KioskViews.For(hasAgencies: false, anyFiring: true).Should().Equal("city", "alerts", "wards", "hotline");
    }

    [Fact]
    public void TheRotationGoesByNameSoAlertsEndingMoveOnWithoutSkippingAView()
    {
        var quiet = KioskViews.For(hasAgencies: true, anyFiring: false);
        var firing = KioskViews.For(hasAgencies: true, anyFiring: true);

        KioskViews.Next(firing, "city").Should().Be("alerts");
        KioskViews.Next(quiet, "city").Should().Be("wards");
        KioskViews.Next(quiet, "alerts").Should().Be("wards", "the alerts ended while shown: the next view is the one after it");
        KioskViews.Next(firing, "hotline").Should().Be("city");
        KioskViews.Next(firing, "wards").Should().Be("agencies", "alerts starting do not push the rotation back");
    }

    private static AlertView Alert(string rule, string ward, AlertSeverity severity, string sentence) => new()
    {
        Id = AlertView.IdOf(rule, new UnitKey(UnitLevel.Ward, ward)),
        RuleId = rule,
        Unit = new UnitKey(UnitLevel.Ward, ward),
        State = AlertState.Firing,
        StateSince = Since,
        ActiveSince = Since,
        Severity = severity,
        Kpi = "dossier.onTimeRate",
        SentenceVi = sentence,
        SentenceEn = sentence,
        RuleNameVi = rule,
        RuleNameEn = rule,
    };
}
