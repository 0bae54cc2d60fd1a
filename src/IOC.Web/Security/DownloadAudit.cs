using IOC.Access.Audit;

namespace IOC.Web.Security;

/// <summary>
/// Records every export and report download in the audit log: an answer that is a file to save (Content-Disposition:
/// attachment, as every CSV, Excel, PDF and briefing is) names who took which file of what (path and query).
/// Pictures shown in place (charts) are not downloads.
/// </summary>
public static class DownloadAudit
{
    public static IApplicationBuilder UseDownloadAudit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        var disposition = context.Response.Headers.ContentDisposition.ToString();
        if (context.Response.StatusCode == StatusCodes.Status200OK && disposition.StartsWith("attachment", StringComparison.OrdinalIgnoreCase))
        {
            var audit = context.RequestServices.GetRequiredService<IAuditLog>();
            await audit.WriteAsync(context, AuditActions.Download, context.Request.Path + context.Request.QueryString, disposition);
        }
    });
}
