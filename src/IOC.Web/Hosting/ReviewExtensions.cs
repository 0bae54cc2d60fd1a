using IOC.Reports.Pdf;
using IOC.Review.Agreement;
using IOC.Review.Reports;

namespace IOC.Web.Hosting;

public static class ReviewExtensions
{
    /// <summary>The competition agreement from seed data, the review built from the history store, the PDF licence.</summary>
    public static IHostApplicationBuilder AddIocReview(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(sp =>
        {
            var seed = sp.GetRequiredService<SeedCatalogs>();
            return new CompetitionAgreement(seed.Units, seed.Commitments);
        });
        services.AddSingleton<ReviewQuery>();

        // The PDF engine's licence is the deployment owner's choice (docs/review.md, "Printable report").
        PdfLicence.Load(builder.Configuration["Reports:PdfLicense"]);
        return builder;
    }
}
