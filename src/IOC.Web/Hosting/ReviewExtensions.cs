using IOC.Reports.Print;
using IOC.Review.Agreement;
using IOC.Review.Briefing;
using IOC.Review.Psi;
using IOC.Review.Reports;

namespace IOC.Web.Hosting;

public static class ReviewExtensions
{
    /// <summary>
    /// The competition agreement from seed data, the review built from the history store, and the PSI estimate with the
    /// points entered by hand (seed-data/psi-manual.csv, read with the other seed files).
    /// </summary>
    public static IHostApplicationBuilder AddIocReview(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(sp =>
        {
            var seed = sp.GetRequiredService<SeedCatalogs>();
            return new CompetitionAgreement(seed.Units, seed.Commitments);
        });
        services.AddSingleton<ReviewQuery>();
        services.AddSingleton(sp => sp.GetRequiredService<SeedCatalogs>().PsiManual);
        services.AddSingleton<PsiQuery>();

        // format=pdf prints the review's HTML with headless Chromium (docs/review.md, "Printable report").
        var reports = builder.Configuration.GetSection("Reports");
        services.AddSingleton(new ChromiumOptions
        {
            Browser = reports["Chromium"],
            Timeout = TimeSpan.FromSeconds(reports.GetValue("PdfTimeoutSeconds", 30)),
        });
        services.AddSingleton<ChromiumPdfPrinter>();
        services.AddSingleton<IPdfPrinter>(sp => sp.GetRequiredService<ChromiumPdfPrinter>());
        services.AddSingleton<IPageCamera>(sp => sp.GetRequiredService<ChromiumPdfPrinter>());

        // A unit's one-page briefing for a day, a week or a month (docs/briefing.md).
        services.AddSingleton<BriefingQuery>();
        return builder;
    }
}
