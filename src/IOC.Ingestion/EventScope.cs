using IOC.Domain.Events;
using IOC.Ingestion.Parsing;

namespace IOC.Ingestion;

/// <summary>
/// What the sender of a batch may post (a producer key's units and event types). A valid event outside it is
/// rejected item by item, like any other invalid item, with the field and the reason; the rest of the batch is kept.
/// </summary>
public interface IEventScope
{
    /// <summary>The field outside the scope and why, or null when the event is within it.</summary>
    FieldError? Refuses(IocEvent e);
}
