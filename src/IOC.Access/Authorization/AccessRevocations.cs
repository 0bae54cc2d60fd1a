using System.Collections.Concurrent;
using System.Security.Claims;

namespace IOC.Access.Authorization;

/// <summary>
/// Tells open connections (Blazor circuits, hub connections) at once when what let them in is gone: a device revoked,
/// a service token revoked, a person's account changed (role, units, lock, password). A cookie or token is checked on
/// every request, but a live circuit or WebSocket makes no more requests: this is how it learns.
/// </summary>
public sealed class AccessRevocations
{
    private readonly ConcurrentDictionary<Watcher, byte> _watches = new();

    /// <summary>Calls <paramref name="onRevoked"/> (once) when the principal's access is revoked or changed; dispose to stop.</summary>
    public IDisposable Watch(ClaimsPrincipal user, Action onRevoked)
    {
        var watch = new Watcher(this, KeyOf(user), onRevoked);
        if (watch.Key is not null)
        {
            _watches.TryAdd(watch, 0);
        }

        return watch;
    }

    public void DeviceRevoked(int deviceId) => Revoke($"device:{deviceId}");

    public void TokenRevoked(string tokenId) => Revoke($"token:{tokenId}");

    public void PersonChanged(string userName) => Revoke($"person:{userName}");

    public int Watching => _watches.Count;

    private void Revoke(string key)
    {
        foreach (var watch in _watches.Keys.Where(w => w.Key == key).ToList())
        {
            if (_watches.TryRemove(watch, out _))
            {
                watch.Fire();
            }
        }
    }

    private static string? KeyOf(ClaimsPrincipal user) => user.KindOf() switch
    {
        AccessClaims.PairedDevice => $"device:{user.FindFirst(AccessClaims.Device)?.Value}",
        AccessClaims.Service => $"token:{user.FindFirst(AccessClaims.Token)?.Value}",
        AccessClaims.Person => $"person:{user.Identity?.Name}",
        _ => null,
    };

    private sealed class Watcher(AccessRevocations owner, string? key, Action onRevoked) : IDisposable
    {
        public string? Key { get; } = key;

        public void Fire() => onRevoked();

        public void Dispose() => owner._watches.TryRemove(this, out _);
    }
}
