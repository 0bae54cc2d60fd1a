using IOC.Reports.Print;
using IOC.Review.Reports;
using IOC.Tests.Shared;

namespace IOC.Reports.Tests.Print;

/// <summary>The known review written as HTML and printed by the real headless Chromium, read back with poppler.</summary>
public partial class ReviewPdfTests
{
    private static readonly Lazy<Task<byte[]>> VietnamesePdf = new(() => Printer.PrintAsync(KnownReview.Build()));

    [Fact]
    public async Task TheTitleNamesThePeriodTheTimeOfTheFiguresAndThatThePeriodIsStillRunning()
    {
        var text = Poppler.Flat(Poppler.Text(await VietnamesePdf.Value));

        text.Should().Contain("Báo cáo đánh giá thực hiện cam kết thi đua chuyển đổi số");
        text.Should().Contain("Kỳ đánh giá: Tháng 11/2026 (01/11/2026 – 30/11/2026)");
        text.Should().Contain("Số liệu lúc 21/11/2026 14:05");
        text.Should().Contain("Kỳ đánh giá đang diễn ra: số liệu tính đến 21/11/2026 14:05");
    }

    [Fact]
    public async Task AClosedPeriodHasNoRunningNote()
    {
        var text = Poppler.Text(await Printer.PrintAsync(KnownReview.Build(running: false)));

        text.Should().NotContain("đang diễn ra");
    }

    [Fact]
    public async Task TheRankingNamesTheAgenciesInFullWithTheirDiacriticsBestFirst()
    {
        var lines = Poppler.Text(await VietnamesePdf.Value).Split('\n');

        var ranked = new[]
        {
            "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân thành phố Hà Nội",
            "Trung tâm Phục vụ hành chính công thành phố Hà Nội",
            "Văn phòng Thành ủy Hà Nội",
            "Văn phòng Ủy ban nhân dân thành phố Hà Nội",
        }.Select(name => Array.FindIndex(lines, l => l.Contains(name) && IsRankingRow(l))).ToList();

        ranked.Should().NotContain(-1).And.BeInAscendingOrder();
        Row(lines, "Văn phòng Đoàn đại biểu").Should().StartWith("1 ").And.Contain("100%").And.EndWith("1/1");
        Row(lines, "Trung tâm Phục vụ hành chính công").Should().StartWith("2 ").And.Contain("93,1%").And.EndWith("0/3");
        Row(lines, "Văn phòng Thành ủy").Should().StartWith("3 ").And.Contain("81,5%").And.EndWith("0/1");
        Row(lines, "Văn phòng Ủy ban nhân dân").Should().StartWith("— ").And.EndWith("0/1");
    }

    [Fact]
    public async Task EachCellShowsTheValueWithItsCountsTheTargetTheStatusAndTheRank()
    {
        var text = Poppler.Text(await VietnamesePdf.Value);

        text.Should().Contain("81,5% (489/600)").And.Contain("100% (200/200)").And.Contain("81,5% (163/200)");
        text.Should().Contain("98% (196/200)").And.Contain("94,9% (1.234/1.300)");
        text.Should().Contain("Chỉ tiêu ≥ 100%").And.Contain("Chỉ tiêu ≥ 95%");
        text.Should().Contain("Chưa đạt").And.Contain("Gần đạt").And.Contain("Chưa có dữ liệu");
        text.Should().Contain("Hạng 2/3").And.Contain("Hạng 1/3").And.Contain("Chưa xếp hạng");
    }

    [Fact]
    public async Task ACommitmentOnlyOneAgencyHoldsIsPrintedWithoutARank()
    {
        var text = Poppler.Text(await VietnamesePdf.Value);

        text.Should().NotContain("Hạng 1/1", "the Service Center alone holds its three commitments: a rank among one says nothing");
        text.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"Hạng \d")).Should().Be(1, "one line carries the two ranked offices' ranks side by side");
    }

    /// <summary>
    /// Reports of slightly different heights: with the Service Center meeting its satisfaction commitment (a shorter
    /// cell), the English report once left the ranking's heading, header and first row at the foot of page 1 and the
    /// other three rows on a page 2 otherwise empty.
    /// </summary>
    [Theory]
    [InlineData(true, 1234, false)]
    [InlineData(false, 1300, false)]
    [InlineData(false, 1300, true)]
    [InlineData(true, 1300, true)]
    public async Task TheOverallRankingAndTheRulesAreEachPrintedWholeOnOnePage(bool running, long satisfied, bool english)
    {
        var pages = Poppler.Pages(await Printer.PrintAsync(KnownReview.Build(running, satisfied), english));

        var heading = english ? "2. Overall ranking" : "2. Xếp hạng chung";
        var withRanking = pages.Single(p => p.Contains(heading));
        withRanking.Split('\n').Count(l => RankingRow().IsMatch(l)).Should().Be(4, "the heading, the header and all four agencies share a page");
        pages.Where(p => p != withRanking).SelectMany(p => p.Split('\n')).Should().NotContain(l => RankingRow().IsMatch(l), "no ranking row is printed away from its heading");
        var rules = pages.Single(p => p.Contains(english ? "3. How commitments are judged" : "3. Cách đánh giá và xếp hạng"));
        Poppler.Flat(rules).Should().Contain(english ? "Agencies without data are not ranked" : "Cơ quan không có số liệu không được xếp hạng");
    }

    [Fact]
    public async Task ThePdfSaysWhatThePageSays()
    {
        var text = Poppler.Flat(Poppler.Text(await VietnamesePdf.Value));

        text.Should().Contain(ReviewTerms.NotCommitted.Vi).And.Contain(ReviewTerms.Attainment.Vi).And.Contain(ReviewTerms.Met.Vi);
        text.Should().NotContain("Không cam kết chỉ tiêu này").And.NotContain("Mức đạt ");
    }

    [Fact]
    public async Task TheGapIsPrintedInWordsForEveryCommitment()
    {
        // Drawing order keeps a cell's wrapped lines together, so a sentence is read across its line breaks.
        var text = Poppler.Flat(Poppler.Text(await VietnamesePdf.Value, "-raw"));

        text.Should().Contain("Cần thêm 111 văn bản xử lý trên môi trường số để đạt 100%");
        text.Should().Contain("Đạt cam kết 100%");
        text.Should().Contain("100% dịch vụ công trực tuyến thiết yếu đạt mức toàn trình", "the commitment's published wording heads its row");
        text.Should().Contain("Chưa có dữ liệu trong kỳ");
        text.Should().Contain("Cần thêm 37 hồ sơ trực tuyến toàn trình để đạt 100%");
        text.Should().Contain("Cần thêm 4 hồ sơ xử lý trên nền tảng số để đạt 100%");
        text.Should().Contain("Cần thêm 1 đánh giá hài lòng để đạt 95%");
    }

    [Fact]
    public async Task PagesAreNumberedAndTheRankingRulesAreExplained()
    {
        var text = Poppler.Flat(Poppler.Text(await VietnamesePdf.Value));

        text.Should().MatchRegex(@"Trang 1/(\d)").And.Contain("Cách đánh giá và xếp hạng");
        text.Should().Contain("đồng hạng và hạng kế tiếp bị bỏ qua (1, 1, 3)");
    }

    [Fact]
    public async Task TheFontTravelsInsideThePdfSoAnyReaderShowsTheVietnameseLetters()
    {
        var pdf = await VietnamesePdf.Value;

        var dejaVu = Poppler.Fonts(pdf).Split('\n').Where(l => l.Contains("DejaVuSans")).ToList();
        dejaVu.Should().Contain(l => l.Contains("DejaVuSans-Bold")).And.Contain(l => !l.Contains("Bold"), "regular and bold");
        dejaVu.Should().OnlyContain(l => l.Contains(" yes "), "embedded (emb column)");
        Poppler.Fonts(pdf).Split('\n').Skip(2).Where(l => l.Length > 0).Should().OnlyContain(l => l.Contains("DejaVuSans"), "no font of the machine is used");
        var charts = KnownReview.Build().Kpis.Sum(kpi => IOC.Charts.ChartImage.Png(
            IOC.Charts.LineChart.Build(ReviewCharts.Input(KnownReview.Build(), kpi, ReviewWords.Vietnamese, english: false)), ReviewCharts.PrintSize).Length);
        (pdf.Length - charts).Should().BeLessThan(300_000, "Chromium embeds subsets of the fonts, with the accents of ố, ế, ề intact (the text checks above); the trend charts' pictures aside");
    }

    [Fact]
    public async Task ThePagesAreA4LandscapeAndTheTableFillsMoreThanOne()
    {
        var pdf = await VietnamesePdf.Value;

        var lines = Poppler.Info(pdf).Split('\n');
        lines.Single(l => l.StartsWith("Page size:")).Should().Contain("841.92 x 594.96 pts (A4)", "A4 landscape: wider than tall");
        int.Parse(lines.Single(l => l.StartsWith("Pages:"))[6..].Trim()).Should().Be(3, "the four commitment rows and the ranking do not fit one page (no row is split); the trend charts take a page of their own");
    }

    [Fact]
    public async Task TheEnglishReportUsesEnglishWordsAndNumbers()
    {
        var pdf = await Printer.PrintAsync(KnownReview.Build(), english: true);

        var text = Poppler.Text(pdf);
        var raw = Poppler.Flat(Poppler.Text(pdf, "-raw"));

        text.Should().Contain("Digital transformation competition: commitments review").And.Contain("November 2026");
        text.Should().Contain("Hanoi Public Administration Service Center").And.Contain("93.1%");
        text.Should().Contain("94.9% (1,234/1,300)").And.Contain("Missed").And.Contain("Near").And.Contain("Page 1 of ");
        text.Should().Contain(ReviewTerms.NotCommitted.En).And.Contain("Rank 2 of 3").And.Contain("Not ranked");
        raw.Should().Contain("37 more full-process online dossiers needed to reach 100%");
    }

    /// <summary>A row of the overall ranking as pdftotext lays it out: the rank (or a dash), a wide gap, the agency.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(\d+|—)\s{2,}\S")]
    private static partial System.Text.RegularExpressions.Regex RankingRow();

    /// <summary>The ranking table's line for an agency: it starts with the rank (a digit or a dash).</summary>
    private static string Row(string[] lines, string name) => lines.Single(l => l.Contains(name) && IsRankingRow(l)).Trim();

    private static bool IsRankingRow(string line) => line.Trim() is { Length: > 0 } l && (char.IsDigit(l[0]) || l[0] == '—');
}
