using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using IOC.Dashboards.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using Radzen;

namespace IOC.Dashboards.Tests.Rendering;

/// <summary>
/// Renders a component to HTML with the framework's HtmlRenderer (bUnit does not run on .NET 10 here) inside the
/// cascading <see cref="Ui"/> the pages provide, and parses the result with AngleSharp.
/// </summary>
public static class ComponentRenderer
{
    public static async Task<IDocument> RenderAsync<T>(Ui ui, IDictionary<string, object?> parameters)
        where T : IComponent
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddRadzenComponents()
            .AddSingleton<IJSRuntime, InertJsRuntime>()
            .AddSingleton<NavigationManager, FixedNavigationManager>()
            .BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            RenderFragment child = builder =>
            {
                builder.OpenComponent<T>(0);
                foreach (var (name, value) in parameters)
                {
                    builder.AddComponentParameter(1, name, value);
                }

                builder.CloseComponent();
            };
            var root = await renderer.RenderComponentAsync<CascadingValue<Ui>>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                ["Value"] = ui,
                ["IsFixed"] = true,
                ["ChildContent"] = child,
            }));
            return root.ToHtmlString();
        });
        await services.DisposeAsync();
        return new HtmlParser().ParseDocument($"<html><body>{html}</body></html>");
    }

    /// <summary>Radzen's charts ask for JS interop after render; static rendering has none to give.</summary>
    private sealed class InertJsRuntime : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            ValueTask.FromResult(default(TValue)!);
    }

    private sealed class FixedNavigationManager : NavigationManager
    {
        public FixedNavigationManager() => Initialize("http://127.0.0.1/", "http://127.0.0.1/");
    }
}
