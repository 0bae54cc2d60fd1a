using IOC.Access.Keys;
using IOC.Domain.Events;
using IOC.Ingestion;
using IOC.Ingestion.Parsing;

namespace IOC.Web.Security;

/// <summary>
/// Endpoint filter: 401 with a reason unless the request carries an accepted X-Api-Key: a configuration key
/// (Ingestion:ApiKeys, unlimited) or a key an admin created (scoped to units and event types, expiring, revocable).
/// The key's scope is left for the handler in <see cref="ScopeOf"/>.
/// </summary>
public sealed class ApiKeyFilter(ApiKeyValidator validator, ProducerKeyRegistry keys) : IEndpointFilter
{
    private const string ScopeKey = "ioc:producer-scope";

    /// <summary>What the request's key may post; null: anything (a configuration key).</summary>
    public static IEventScope? ScopeOf(HttpContext context) => context.Items[ScopeKey] as IEventScope;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var key = context.HttpContext.Request.Headers[ApiKeyValidator.HeaderName].ToString();
        if (string.IsNullOrEmpty(key))
        {
            return Refuse($"Missing {ApiKeyValidator.HeaderName} header.");
        }

        if (!validator.IsValid(key))
        {
            var (match, reason) = keys.Resolve(key);
            if (match is null)
            {
                return Refuse(reason ?? $"The {ApiKeyValidator.HeaderName} is not accepted.");
            }

            if (!match.Scope.IsEverything)
            {
                context.HttpContext.Items[ScopeKey] = new KeyScope(match.Scope);
            }
        }

        return await next(context);
    }

    private static IResult Refuse(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail);

    private sealed class KeyScope(ProducerScope scope) : IEventScope
    {
        public FieldError? Refuses(IocEvent e) =>
            scope.Refuses(e.Type.ToWire(), e.Unit, e.Agency) is { } refused ? new FieldError(refused.Field, refused.Reason) : null;
    }
}
