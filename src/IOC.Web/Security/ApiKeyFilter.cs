namespace IOC.Web.Security;

/// <summary>Endpoint filter: 401 with a reason unless the request carries an accepted X-Api-Key.</summary>
public sealed class ApiKeyFilter(ApiKeyValidator validator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var key = context.HttpContext.Request.Headers[ApiKeyValidator.HeaderName].ToString();
        if (!validator.IsValid(key))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: string.IsNullOrEmpty(key)
                    ? $"Missing {ApiKeyValidator.HeaderName} header."
                    : $"The {ApiKeyValidator.HeaderName} is not accepted.");
        }

        return await next(context);
    }
}
