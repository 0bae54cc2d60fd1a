using System.IO.Pipelines;
using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace IOC.Live.Tests.Client;

/// <summary>
/// The SignalR .NET client's transport over a plain WebSocket to <c>ws://host/hubs/kpi</c>, skipping negotiation:
/// our package source has the client core but not Microsoft.AspNetCore.SignalR.Client (its HTTP transports).
/// </summary>
public sealed class WebSocketConnectionFactory : IConnectionFactory
{
    /// <summary>A hub connection (JSON protocol) to <paramref name="hubUrl"/> (http:// or ws://).</summary>
    public static HubConnection Connect(Uri hubUrl)
    {
        var ws = new UriBuilder(hubUrl) { Scheme = hubUrl.Scheme == "https" ? "wss" : "ws" }.Uri;
        var builder = new HubConnectionBuilder();
        builder.Services.AddSingleton<IConnectionFactory, WebSocketConnectionFactory>();
        builder.Services.AddSingleton<EndPoint>(new UriEndPoint(ws));
        return builder.Build();
    }

    public async ValueTask<ConnectionContext> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(((UriEndPoint)endpoint).Uri, cancellationToken);
        return new WebSocketConnection(socket);
    }

    private sealed class WebSocketConnection : ConnectionContext
    {
        private readonly ClientWebSocket _socket;
        private readonly Pipe _input = new();
        private readonly Pipe _output = new();
        private readonly Task _receiving;
        private readonly Task _sending;

        public WebSocketConnection(ClientWebSocket socket)
        {
            _socket = socket;
            Transport = new DuplexPipe(_input.Reader, _output.Writer);
            _receiving = ReceiveAsync();
            _sending = SendAsync();
        }

        public override string ConnectionId { get; set; } = Guid.NewGuid().ToString("N");

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();

        public override IDuplexPipe Transport { get; set; }

        public override async ValueTask DisposeAsync()
        {
            await _output.Writer.CompleteAsync();
            await _sending;
            _socket.Abort();
            await _receiving;
            _socket.Dispose();
        }

        private async Task ReceiveAsync()
        {
            try
            {
                while (true)
                {
                    var result = await _socket.ReceiveAsync(_input.Writer.GetMemory(8192), CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        break;
                    }

                    _input.Writer.Advance(result.Count);
                    if ((await _input.Writer.FlushAsync()).IsCompleted)
                    {
                        break;
                    }
                }

                await _input.Writer.CompleteAsync();
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The server went away or we aborted: the hub connection sees its input end and closes.
                await _input.Writer.CompleteAsync(ex);
            }
        }

        private async Task SendAsync()
        {
            try
            {
                while (true)
                {
                    var result = await _output.Reader.ReadAsync();
                    foreach (var segment in result.Buffer)
                    {
                        await _socket.SendAsync(segment, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                    }

                    _output.Reader.AdvanceTo(result.Buffer.End);
                    if (result.IsCompleted)
                    {
                        break;
                    }
                }

                if (_socket.State == WebSocketState.Open)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                }

                await _output.Reader.CompleteAsync();
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                await _output.Reader.CompleteAsync(ex);
            }
        }
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
