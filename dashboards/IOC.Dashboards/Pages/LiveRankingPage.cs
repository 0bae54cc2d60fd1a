using IOC.Dashboards.Hosting;
using IOC.Dashboards.Localization;
using IOC.Dashboards.Models;
using IOC.Domain.Targets;
using IOC.Domain.Units;
using IOC.Live.Feed;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace IOC.Dashboards.Pages;

/// <summary>
/// A national page that ranks units on a KPI chosen by <c>?kpi=</c> and stays live: a tick of the feed only marks the
/// page dirty, and a timer rebuilds it at most every RefreshMilliseconds (as the wallboard does).
/// </summary>
public abstract class LiveRankingPage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private IDisposable? _subscription;
    private volatile bool _dirty;

    [Inject] public required LiveKpis Live { get; set; }

    [Inject] public required UnitCatalog Units { get; set; }

    [Inject] public required TargetCatalog Targets { get; set; }

    [Inject] public required IOptions<WallboardOptions> Options { get; set; }

    [CascadingParameter] public required Ui Ui { get; set; }

    [SupplyParameterFromQuery(Name = "kpi")] public string? KpiParameter { get; set; }

    protected string KpiId => UnitRanking.Choose(KpiParameter);

    /// <summary>Reads the live feed into what the page shows.</summary>
    protected abstract void Rebuild();

    protected override void OnParametersSet() => Rebuild();

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive)
        {
            return;
        }

        _subscription = Live.Subscribe(tick => _dirty |= tick.Changed.Count > 0);
        _ = RefreshLoopAsync(_stop.Token);
    }

    private async Task RefreshLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(100, Options.Value.RefreshMilliseconds)));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (_dirty)
                {
                    _dirty = false;
                    await InvokeAsync(() =>
                    {
                        Rebuild();
                        StateHasChanged();
                    });
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
