using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace IOC.Live.Tests.Client;

/// <summary>
/// A hub client written by hand over a WebSocket on a socket with a tiny receive buffer: it can read raw frames,
/// or subscribe and then never read again (a frozen wallboard), so the server's sends to it back up quickly.
/// </summary>
public sealed class RawHubSocket : IDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly Socket _socket;
    private readonly WebSocket _webSocket;
    private int _invocation;

    private RawHubSocket(Socket socket, WebSocket webSocket)
    {
        _socket = socket;
        _webSocket = webSocket;
    }

    /// <summary>Connects, upgrades to WebSocket by hand and completes the SignalR JSON handshake.</summary>
    public static async Task<RawHubSocket> ConnectAsync(Uri baseAddress, int receiveBufferBytes = 4096)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = receiveBufferBytes };
        await socket.ConnectAsync(IPAddress.Loopback, baseAddress.Port);
        var stream = new NetworkStream(socket, ownsSocket: false);
        var key = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        var upgrade = $"GET /hubs/kpi HTTP/1.1\r\nHost: 127.0.0.1:{baseAddress.Port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                      $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(upgrade));
        var head = await ReadHeadAsync(stream);
        if (!head.StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("WebSocket upgrade refused: " + head);
        }

        var raw = new RawHubSocket(socket, WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false }));
        await raw.SendAsync("{\"protocol\":\"json\",\"version\":1}");
        var handshake = await raw.ReceiveAsync();
        if (!handshake.StartsWith("{}", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Hub handshake failed: " + handshake);
        }

        return raw;
    }

    /// <summary>Sends Subscribe without waiting for its completion (which this client may never read).</summary>
    public Task SubscribeAsync(string group) =>
        SendAsync($"{{\"type\":1,\"invocationId\":\"{++_invocation}\",\"target\":\"Subscribe\",\"arguments\":[\"{group}\"]}}");

    /// <summary>The text of the next WebSocket message (one or more hub messages, each ending in 0x1E).</summary>
    public async Task<string> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        var buffer = new byte[64 * 1024];
        using var text = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await _webSocket.ReceiveAsync(buffer, cancellationToken);
            text.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(text.ToArray());
    }

    public void Dispose()
    {
        _webSocket.Abort();
        _webSocket.Dispose();
        _socket.Dispose();
    }

    private Task SendAsync(string message) =>
        _webSocket.SendAsync(Encoding.UTF8.GetBytes(message + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new IOException("Connection closed during the WebSocket upgrade.");
            }

            head.Append((char)one[0]);
        }

        return head.ToString();
    }
}
