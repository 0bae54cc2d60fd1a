using IOC.Review.Agreement;
using IOC.Review.Reports;

namespace IOC.Web.Hosting;

public static class ReviewExtensions
{
    /// <summary>The competition agreement from seed data and the review built from the history store.</summary>
    public static IHostApplicationBuilder AddIocReview(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(sp =>
        {
            var seed = sp.GetRequiredService<SeedCatalogs>();
            return new CompetitionAgreement(seed.Units, seed.Commitments);
        });
        services.AddSingleton<ReviewQuery>();
        return builder;
    }
}
