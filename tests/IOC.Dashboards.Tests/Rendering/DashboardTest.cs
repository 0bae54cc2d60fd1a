using Bunit;
using IOC.Dashboards.Localization;
using Microsoft.AspNetCore.Components;
using Radzen;
using Radzen.Blazor.Rendering;

namespace IOC.Dashboards.Tests.Rendering;

/// <summary>
/// A bUnit context for the dashboards' components: Radzen's services, loose JS interop (Radzen's charts call JS after
/// render; nothing here needs an answer) and the cascading <see cref="Ui"/> the pages provide.
/// </summary>
public abstract class DashboardTest : BunitContext
{
    protected DashboardTest()
    {
        Services.AddRadzenComponents();
        JSInterop.Mode = JSRuntimeMode.Loose;
        // Radzen's charts measure their box through JS after the first render; a browser would answer with a size.
        JSInterop.Setup<Rect>("Radzen.createChart", _ => true).SetResult(new Rect { Width = 320, Height = 120 });
    }

    /// <summary>Renders <typeparamref name="T"/> with <paramref name="parameters"/> inside the page's language.</summary>
    protected IRenderedComponent<T> Render<T>(Ui ui, IReadOnlyDictionary<string, object?> parameters)
        where T : IComponent =>
        InPageLanguage(ui, builder =>
        {
            builder.OpenComponent<T>(0);
            foreach (var (name, value) in parameters)
            {
                builder.AddComponentParameter(1, name, value);
            }

            builder.CloseComponent();
        }).FindComponent<T>();

    /// <summary>Renders <typeparamref name="T"/> with typed parameters inside the page's language.</summary>
    protected IRenderedComponent<T> Render<T>(Ui ui, Action<ComponentParameterCollectionBuilder<T>> parameters)
        where T : IComponent =>
        Render<CascadingValue<Ui>>(root => root
                .Add(p => p.Value, ui)
                .Add(p => p.IsFixed, true)
                .AddChildContent(parameters))
            .FindComponent<T>();

    private IRenderedComponent<CascadingValue<Ui>> InPageLanguage(Ui ui, RenderFragment child) =>
        Render<CascadingValue<Ui>>(root => root
            .Add(p => p.Value, ui)
            .Add(p => p.IsFixed, true)
            .AddChildContent(child));
}
