using IOC.Domain.Events;
using Orleans;

namespace IOC.Grains.Messages;

/// <summary>An event as the inbox stored it: its sequence number there, and the event.</summary>
[GenerateSerializer, Immutable, Alias("ioc.InboxEvent")]
public readonly record struct InboxEvent([property: Id(0)] long Seq, [property: Id(1)] IocEvent Event);

/// <summary>
/// The events of one unit in one ingested batch, oldest first. Ingestion delivers batches in inbox order and each whole
/// before the next, so <see cref="Through"/> (the batch's last inbox sequence number) says that every event of the unit
/// up to it is now delivered: the unit's checkpoint.
/// </summary>
[GenerateSerializer, Immutable, Alias("ioc.EventBatch")]
public sealed record EventBatch([property: Id(0)] IReadOnlyList<InboxEvent> Events, [property: Id(1)] long Through);
