using IOC.Ingestion.Inbox;
using IOC.Ingestion.Inbox.Postgres;

namespace IOC.Ingestion.Tests.Inbox.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresInboxContract(PostgresServer server) : InboxContract, IDisposable
{
    private readonly List<PostgresInbox> _opened = [];

    public void Dispose() => _opened.ForEach(i => i.Dispose());

    protected override async Task<IInbox> OpenAsync()
    {
        var inbox = new PostgresInbox(await server.NewDatabaseAsync());
        _opened.Add(inbox);
        return inbox;
    }
}
