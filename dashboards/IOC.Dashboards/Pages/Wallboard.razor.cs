using IOC.Alerts.Live;
using IOC.Grains.Alerts.Evaluation;
using IOC.Dashboards.Hosting;
using IOC.Dashboards.Localization;
using IOC.Dashboards.Models;
using IOC.Domain.Kpis;
using IOC.Live.Feed;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace IOC.Dashboards.Pages;

/// <summary>
/// The city wallboard. Subscribes to the live feed; a tick only marks the page dirty, and a timer re-renders at most
/// every RefreshMilliseconds, so a burst of events is one render. Kiosk mode shows one view at a time and rotates
/// (<see cref="KioskViews"/>: the alerts view only while alerts fire).
/// </summary>
public sealed partial class Wallboard : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private IDisposable? _subscription;
    private IDisposable? _alertSubscription;
    private WallboardData? _data;
    private volatile bool _dirty = true;
    private string _view = KioskViews.City;
    private string _rankKpi = WardRanking.DefaultKpi;

    [Inject] public required LiveKpis Live { get; set; }

    [Inject] public required NavigationManager Navigation { get; set; }

    [Inject] public required IOptions<WallboardOptions> Options { get; set; }

    [Inject] public required AlertBoard Alerts { get; set; }

    [CascadingParameter] public required Ui Ui { get; set; }

    [SupplyParameterFromQuery(Name = "kiosk")] public string? KioskParameter { get; set; }

    [SupplyParameterFromQuery(Name = "rotate")] public int? RotateParameter { get; set; }

    [SupplyParameterFromQuery(Name = "rank")] public string? RankParameter { get; set; }

    [SupplyParameterFromQuery(Name = "period")] public string? PeriodParameter { get; set; }

    private bool Kiosk => KioskParameter is "1" or "true";

    /// <summary>The period shown: <c>?period=</c>, else the kiosk's configured default, else today.</summary>
    private KpiWindow Window => WallboardPeriod.Parse(PeriodParameter, Kiosk ? WallboardPeriod.Parse(Options.Value.KioskPeriod, KpiWindow.Today) : KpiWindow.Today);

    // A province that entered no agencies has no agency view to show or rotate to; the alerts view only while any fire.
    private IReadOnlyList<string> Views => KioskViews.For(_data is not { Agencies.Count: 0 }, AnyFiring);

    private string CurrentView => _view;

    private bool AnyFiring => Alerts.Alerts.Any(Shown);

    private IReadOnlyList<AlertView> FiringAlerts => [.. Alerts.Alerts.Where(Shown)];

    /// <summary>What the strip shows too: firing (or recovering) and not silenced.</summary>
    private static bool Shown(AlertView alert) => alert.IsFiring && alert.SilencedBy is null;

    private int RotateSeconds => Math.Clamp(RotateParameter ?? Options.Value.RotateSeconds, 3, 3600);

    protected override async Task OnInitializedAsync()
    {
        _user = Auth is null ? null : (await Auth).User;
        if (RankParameter is { } rank && WardRanking.Choices.Contains(rank))
        {
            _rankKpi = rank;
        }
    }

    protected override void OnParametersSet()
    {
        // Prerender shows real figures at once; the interactive render then keeps them live. A period switched
        // (?period=) arrives here too: the figures change at once, not at the next event.
        _data = Build();
        _dirty = false;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive)
        {
            return;
        }

        _subscription = Live.Subscribe(tick => _dirty |= tick.Changed.Count > 0);
        _ = RefreshLoopAsync(_stop.Token);
        if (Kiosk)
        {
            _ = RotateLoopAsync(_stop.Token);
            _alertSubscription = Alerts.Subscribe(() => InvokeAsync(() =>
            {
                // The last alert ended while its view was shown: move on rather than show an empty view.
                if (_view == KioskViews.Alerts && !AnyFiring)
                {
                    _view = KioskViews.Next(Views, _view);
                }

                StateHasChanged();
            }));
        }
    }

    // The desk wallboard has the strip; the alerts view is the kiosk's.
    private bool Shows(string view) => Kiosk ? CurrentView == view : view != KioskViews.Alerts;

    private async Task RefreshLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(100, Options.Value.RefreshMilliseconds)));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (!_dirty)
                {
                    continue;
                }

                _dirty = false;
                var data = Build();
                await InvokeAsync(() =>
                {
                    _data = data;
                    StateHasChanged();
                });
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

    private async Task RotateLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(RotateSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await InvokeAsync(() =>
                {
                    _view = KioskViews.Next(Views, _view);
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void RankBy(string kpiId)
    {
        _rankKpi = WardRanking.Choices.Contains(kpiId) ? kpiId : WardRanking.DefaultKpi;
        _data = Build();
    }

    private string PeriodLink(KpiWindow window) => Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
    {
        ["period"] = window.ToWire(),
        ["lang"] = Ui.Lang,
    });

    private string LinkTo(bool kiosk) => Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
    {
        ["kiosk"] = kiosk ? "1" : null,
        ["lang"] = Ui.Lang,
    });

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _subscription?.Dispose();
        _alertSubscription?.Dispose();
    }
}
