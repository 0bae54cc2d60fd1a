using Bunit;
using IOC.Dashboards.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Radzen;

namespace IOC.Dashboards.Tests.Controls;

/// <summary>A bUnit context as the pages give it to a control: Radzen's services and a loose JS runtime (charts ask
/// the browser for their size; there is none here).</summary>
public static class BunitUi
{
    public static BunitContext Context()
    {
        var context = new BunitContext();
        context.Services.AddRadzenComponents();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        return context;
    }

    /// <summary>Renders a control inside the page's language, as Routes cascades it.</summary>
    public static IRenderedComponent<T> Render<T>(this BunitContext context, Ui ui, Action<ComponentParameterCollectionBuilder<T>> parameters)
        where T : IComponent =>
        context.Render<T>(p =>
        {
            p.AddCascadingValue(ui);
            parameters(p);
        });
}
