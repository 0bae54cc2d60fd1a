using IOC.Domain.Events;
using Orleans;

namespace IOC.Grains.Messages;

/// <summary>An event as the inbox stored it: its sequence number there, and the event.</summary>
[GenerateSerializer, Immutable, Alias("ioc.InboxEvent")]
public readonly record struct InboxEvent([property: Id(0)] long Seq, [property: Id(1)] IocEvent Event);

/// <summary>
/// The events of one unit in one ingested batch, oldest first. With one writer (the embedded default) ingestion
/// delivers batches in inbox order and each whole before the next, so <see cref="Through"/> (the batch's last inbox
/// sequence number) says that every event of the unit up to it is now delivered: the unit's checkpoint, and
/// <see cref="First"/> is 0. With a shared inbox (several nodes) <see cref="First"/> is the batch's first number: the
/// batch holds every event of the unit numbered from <see cref="First"/> to <see cref="Through"/>, and says nothing
/// about numbers below (docs/cluster.md, "Checkpoints").
/// </summary>
[GenerateSerializer, Immutable, Alias("ioc.EventBatch")]
public sealed record EventBatch([property: Id(0)] IReadOnlyList<InboxEvent> Events, [property: Id(1)] long Through, [property: Id(2)] long First = 0);
