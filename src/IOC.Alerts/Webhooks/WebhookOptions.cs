namespace IOC.Alerts.Webhooks;

/// <summary>Where alert notifications go (section <c>Alerts:Webhooks</c>): a province's Zalo OA, SMS or e-mail gateway.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Alerts:Webhooks";

    /// <summary>The receivers; none: nothing is sent.</summary>
    public List<WebhookTarget> Targets { get; set; } = [];

    /// <summary>Tries per delivery before it goes to the dead letters.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait before the first retry; each next wait doubles.</summary>
    public int FirstRetryMilliseconds { get; set; } = 2000;

    /// <summary>A receiver that has not answered by then counts as failed (and is tried again).</summary>
    public int TimeoutSeconds { get; set; } = 10;
}

/// <summary>One receiver: its address and the secret its HMAC-SHA256 signature is made with.</summary>
public sealed class WebhookTarget
{
    public string Url { get; set; } = "";

    public string Secret { get; set; } = "";
}
