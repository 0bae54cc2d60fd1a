using System.Net.Http.Headers;
using System.Threading.Channels;
using IOC.Alerts.Live;
using IOC.Alerts.Storage;
using IOC.Alerts.Writing;
using IOC.Domain.Units;
using IOC.Grains.Alerts.Evaluation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IOC.Alerts.Webhooks;

/// <summary>
/// Sends alert notifications to the configured webhooks: a firing episode starting, its end, an acknowledgement (not
/// while silenced). The writer hands recorded changes over and goes on; each delivery is signed (HMAC-SHA256), tried
/// again with a doubling wait, and after the last try kept in the dead letters (alerts.db, shown on /alerts). Deliveries
/// run side by side, so one slow receiver holds up no other, and nothing here ever waits on the evaluation.
/// </summary>
public sealed partial class WebhookNotifier(
    IHttpClientFactory http,
    IOptions<WebhookOptions> options,
    IAlertStore store,
    UnitCatalog units,
    TimeProvider time,
    ILogger<WebhookNotifier> logger) : BackgroundService, IAlertNotifier
{
    public const string HttpClientName = "ioc-alert-webhooks";
    private const int InFlight = 4;

    private readonly Channel<(WebhookTarget Target, byte[] Body, string DeliveryId)> _queue =
        Channel.CreateUnbounded<(WebhookTarget, byte[], string)>(new UnboundedChannelOptions { SingleReader = true });

    public void Notify(IReadOnlyList<AlertChange> changes)
    {
        if (options.Value.Targets.Count == 0)
        {
            return;
        }

        foreach (var change in changes)
        {
            if (EventOf(change) is not { } name || change.Alert.SilencedBy is not null)
            {
                continue;
            }

            var id = Guid.NewGuid().ToString("N");
            var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
                new WebhookPayload(id, name, change.At, AlertDto.From(change.Alert, units)), AlertJson.Options);
            foreach (var target in options.Value.Targets)
            {
                _queue.Writer.TryWrite((target, body, id));
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(InFlight);
        try
        {
            await foreach (var delivery in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await slots.WaitAsync(stoppingToken);
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await DeliverAsync(delivery.Target, delivery.Body, delivery.DeliveryId, stoppingToken);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static string? EventOf(AlertChange change) => change switch
    {
        { StartsFiring: true } => "firing",
        { Resolves: true } => "resolved",
        { Kind: AlertChangeKind.Acknowledged } => "acknowledged",
        _ => null,
    };

    private async Task DeliverAsync(WebhookTarget target, byte[] body, string deliveryId, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var wait = TimeSpan.FromMilliseconds(Math.Max(1, settings.FirstRetryMilliseconds));
        var reason = "";
        var attempts = Math.Max(1, settings.MaxAttempts);
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                request.Headers.Add(WebhookSignature.Header, WebhookSignature.Of(target.Secret, body));
                request.Headers.Add("X-IOC-Delivery", deliveryId);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, settings.TimeoutSeconds)));
                using var response = await http.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                reason = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
            {
                reason = ex is OperationCanceledException ? $"no answer within {settings.TimeoutSeconds} s" : ex.Message;
            }

            LogAttemptFailed(logger, target.Url, attempt, reason);
            if (attempt < attempts)
            {
                await Task.Delay(wait, time, stoppingToken);
                wait *= 2;
            }
        }

        store.AddDeadLetter(new WebhookDeadLetter(deliveryId, time.GetUtcNow(), target.Url, attempts, reason, System.Text.Encoding.UTF8.GetString(body)));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert webhook {Url}: try {Attempt} failed: {Reason}")]
    private static partial void LogAttemptFailed(ILogger logger, string url, int attempt, string reason);
}
