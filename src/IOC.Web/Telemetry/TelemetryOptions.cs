namespace IOC.Web.Telemetry;

/// <summary>Settings of section "Telemetry": everything off by default (no exporter, no SDK: the instruments then cost a field check).</summary>
public sealed class TelemetryOptions
{
    /// <summary>Serve Prometheus' text format at <c>/metrics</c> on the app's own address.</summary>
    public bool Prometheus { get; set; }

    /// <summary>An OTLP collector (e.g. http://127.0.0.1:4317 for gRPC, :4318 for HTTP): metrics and traces are sent there.</summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>Share of requests traced when exporting over OTLP (a parent's decision is followed); 0–1.</summary>
    public double TraceSampleRatio { get; set; } = 0.05;

    /// <summary>How often metrics are pushed over OTLP.</summary>
    public int MetricExportIntervalMilliseconds { get; set; } = 15_000;

    public bool Enabled => Prometheus || !string.IsNullOrWhiteSpace(OtlpEndpoint);

    public TelemetryOptions Validate()
    {
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint) && !Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException($"Telemetry:OtlpEndpoint '{OtlpEndpoint}' is not an absolute URL (e.g. http://127.0.0.1:4317).");
        }

        if (OtlpProtocol is not ("grpc" or "http/protobuf"))
        {
            throw new InvalidOperationException($"Telemetry:OtlpProtocol '{OtlpProtocol}' is not grpc or http/protobuf.");
        }

        if (TraceSampleRatio is < 0 or > 1)
        {
            throw new InvalidOperationException($"Telemetry:TraceSampleRatio {TraceSampleRatio} is not between 0 and 1.");
        }

        return this;
    }
}
