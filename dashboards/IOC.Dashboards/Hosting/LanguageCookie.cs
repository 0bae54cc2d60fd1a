using IOC.Dashboards.Localization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IOC.Dashboards.Hosting;

/// <summary>
/// A page asked for with <c>?lang=vi|en</c> remembers the choice for a year in the ioc-lang cookie. An API request's
/// <c>lang</c> (the language of a downloaded report or export) is not a choice of page language and sets nothing: an
/// English PDF downloaded from a Vietnamese page must not turn the next page English.
/// </summary>
internal static class LanguageCookie
{
    public static IApplicationBuilder UseLanguageCookie(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var lang = context.Request.Query["lang"].ToString();
        if (Ui.IsKnown(lang) && !context.Request.Path.StartsWithSegments("/api") && context.Request.Cookies[Ui.CookieName] != lang)
        {
            context.Response.Cookies.Append(Ui.CookieName, lang, new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365),
                SameSite = SameSiteMode.Lax,
                HttpOnly = true,
                IsEssential = true,
            });
        }

        await next(context);
    });
}
