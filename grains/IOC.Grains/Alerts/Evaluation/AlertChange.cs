using Orleans;

namespace IOC.Grains.Alerts.Evaluation;

/// <summary>Why an instance changed.</summary>
[GenerateSerializer, Alias("ioc.AlertChangeKind")]
public enum AlertChangeKind
{
    /// <summary>Its state moved (stored in the history).</summary>
    Transition,

    /// <summary>Someone acknowledged it (stored in the history).</summary>
    Acknowledged,

    /// <summary>A silence started or stopped muting it (stored in the history).</summary>
    Silenced,

    Unsilenced,

    /// <summary>Its figures moved within the same state: only the live views hear of it.</summary>
    Figures,

    /// <summary>Its rule was disabled or no longer covers the unit: it is gone (stored in the history).</summary>
    Removed,
}

/// <summary>What happened to one instance, at when, and the instance after it (for a transition, the state it left).</summary>
[GenerateSerializer, Immutable, Alias("ioc.AlertChange")]
public sealed record AlertChange(
    [property: Id(0)] AlertChangeKind Kind,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] AlertView Alert,
    [property: Id(3)] AlertState From)
{
    /// <summary>Kept in the history (everything but a figure that moved).</summary>
    public bool IsRecorded => Kind != AlertChangeKind.Figures;

    /// <summary>A new firing episode begins (Pending or Normal to Firing).</summary>
    public bool StartsFiring => Kind == AlertChangeKind.Transition && Alert.State == AlertState.Firing && From is not (AlertState.Firing or AlertState.Recovering);

    /// <summary>A firing episode ends: the alert is resolved.</summary>
    public bool Resolves => (Kind == AlertChangeKind.Transition || Kind == AlertChangeKind.Removed)
        && From is AlertState.Firing or AlertState.Recovering && !Alert.IsFiring;
}
