using IOC.Dashboards.Hosting;
using IOC.Dashboards.Localization;
using IOC.Dashboards.Models;
using IOC.Live.Feed;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace IOC.Dashboards.Pages;

/// <summary>
/// The city wallboard. Subscribes to the live feed; a tick only marks the page dirty, and a timer re-renders at most
/// every RefreshMilliseconds, so a burst of events is one render. Kiosk mode shows one view at a time and rotates.
/// </summary>
public sealed partial class Wallboard : IDisposable
{
    private static readonly string[] AllViews = ["city", "wards", "agencies", "hotline"];
    private static readonly string[] ViewsWithoutAgencies = ["city", "wards", "hotline"];

    private readonly CancellationTokenSource _stop = new();
    private IDisposable? _subscription;
    private WallboardData? _data;
    private volatile bool _dirty = true;
    private int _view;
    private string _rankKpi = WardRanking.DefaultKpi;

    [Inject] public required LiveKpis Live { get; set; }

    [Inject] public required NavigationManager Navigation { get; set; }

    [Inject] public required IOptions<WallboardOptions> Options { get; set; }

    [CascadingParameter] public required Ui Ui { get; set; }

    [SupplyParameterFromQuery(Name = "kiosk")] public string? KioskParameter { get; set; }

    [SupplyParameterFromQuery(Name = "rotate")] public int? RotateParameter { get; set; }

    [SupplyParameterFromQuery(Name = "rank")] public string? RankParameter { get; set; }

    private bool Kiosk => KioskParameter is "1" or "true";

    // A province that entered no agencies has no agency view to show or rotate to.
    private string[] Views => _data is { Agencies.Count: 0 } ? ViewsWithoutAgencies : AllViews;

    private string CurrentView => Views[_view % Views.Length];

    private int RotateSeconds => Math.Clamp(RotateParameter ?? Options.Value.RotateSeconds, 3, 3600);

    protected override async Task OnInitializedAsync()
    {
        _user = Auth is null ? null : (await Auth).User;
        if (RankParameter is { } rank && WardRanking.Choices.Contains(rank))
        {
            _rankKpi = rank;
        }

        // Prerender shows real figures at once; the interactive render then keeps them live.
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
        }
    }

    private bool Shows(string view) => !Kiosk || CurrentView == view;

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
                    _view = (_view + 1) % Views.Length;
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
    }
}
