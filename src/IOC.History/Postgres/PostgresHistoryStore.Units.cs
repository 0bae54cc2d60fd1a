using IOC.Domain.Events;
using IOC.Domain.Units;
using IOC.Grains.Fold;
using Npgsql;

namespace IOC.History.Postgres;

/// <summary>Each unit's checkpoint and open items: saved in the same transaction as its rows, read when it activates.</summary>
public sealed partial class PostgresHistoryStore
{
    private static void SaveCheckpoints(NpgsqlConnection connection, NpgsqlTransaction transaction, List<(UnitKey Key, FoldCut Cut)> cuts)
    {
        using var command = new NpgsqlCommand(
            """
            INSERT INTO history_checkpoints (level, unit, cut)
            SELECT level, unit, cut FROM unnest($1::integer[], $2::text[], $3::text[]) WITH ORDINALITY AS t(level, unit, cut, n) ORDER BY n
            ON CONFLICT (level, unit) DO UPDATE SET cut = excluded.cut
            """,
            connection,
            transaction);
        Array(command, cuts.Select(c => (int)c.Key.Level));
        Array(command, cuts.Select(c => c.Key.Code));
        Array(command, cuts.Select(c => c.Cut.ToString()));
        command.ExecuteNonQuery();
    }

    /// <summary>Open items as the changes leave them (the last change of an id wins), in one statement per table and kind.</summary>
    private static void SaveOpenItems(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<UnitChanges> changes)
    {
        var dossiers = new SortedDictionary<(int Level, string Unit, string Id), OpenDossier?>();
        var tickets = new SortedDictionary<(int Level, string Unit, string Id), OpenTicket?>();
        foreach (var change in changes)
        {
            if (change.Open is not { } open)
            {
                continue;
            }

            foreach (var (id, dossier) in open.Dossiers)
            {
                dossiers[((int)change.Key.Level, change.Key.Code, id)] = dossier;
            }

            foreach (var (id, ticket) in open.Tickets)
            {
                tickets[((int)change.Key.Level, change.Key.Code, id)] = ticket;
            }
        }

        Delete(connection, transaction, "history_open_dossiers", [.. dossiers.Where(d => d.Value is null).Select(d => d.Key)]);
        Delete(connection, transaction, "history_open_tickets", [.. tickets.Where(t => t.Value is null).Select(t => t.Key)]);
        var openDossiers = dossiers.Where(d => d.Value is not null).Select(d => (d.Key, Item: d.Value!)).ToList();
        if (openDossiers.Count > 0)
        {
            using var command = new NpgsqlCommand(
                """
                INSERT INTO history_open_dossiers (level, unit, id, procedure, channel, received, received_offset, due, due_offset)
                SELECT level, unit, id, procedure, channel, received, received_offset, due, due_offset
                FROM unnest($1::integer[], $2::text[], $3::text[], $4::text[], $5::integer[], $6::bigint[], $7::integer[], $8::bigint[], $9::integer[])
                  WITH ORDINALITY AS t(level, unit, id, procedure, channel, received, received_offset, due, due_offset, n) ORDER BY n
                ON CONFLICT (level, unit, id) DO UPDATE SET procedure = excluded.procedure, channel = excluded.channel,
                  received = excluded.received, received_offset = excluded.received_offset, due = excluded.due, due_offset = excluded.due_offset
                """,
                connection,
                transaction);
            Array(command, openDossiers.Select(d => d.Key.Level));
            Array(command, openDossiers.Select(d => d.Key.Unit));
            Array(command, openDossiers.Select(d => d.Key.Id));
            Array(command, openDossiers.Select(d => d.Item.Procedure));
            Array(command, openDossiers.Select(d => (int)d.Item.Channel));
            Array(command, openDossiers.Select(d => d.Item.ReceivedAt.UtcTicks));
            Array(command, openDossiers.Select(d => (int)d.Item.ReceivedAt.Offset.TotalMinutes));
            Array(command, openDossiers.Select(d => d.Item.DueAt.UtcTicks));
            Array(command, openDossiers.Select(d => (int)d.Item.DueAt.Offset.TotalMinutes));
            command.ExecuteNonQuery();
        }

        var openTickets = tickets.Where(t => t.Value is not null).Select(t => (t.Key, Item: t.Value!)).ToList();
        if (openTickets.Count > 0)
        {
            using var command = new NpgsqlCommand(
                """
                INSERT INTO history_open_tickets (level, unit, id, opened, opened_offset, due, due_offset)
                SELECT level, unit, id, opened, opened_offset, due, due_offset
                FROM unnest($1::integer[], $2::text[], $3::text[], $4::bigint[], $5::integer[], $6::bigint[], $7::integer[])
                  WITH ORDINALITY AS t(level, unit, id, opened, opened_offset, due, due_offset, n) ORDER BY n
                ON CONFLICT (level, unit, id) DO UPDATE SET opened = excluded.opened, opened_offset = excluded.opened_offset,
                  due = excluded.due, due_offset = excluded.due_offset
                """,
                connection,
                transaction);
            Array(command, openTickets.Select(t => t.Key.Level));
            Array(command, openTickets.Select(t => t.Key.Unit));
            Array(command, openTickets.Select(t => t.Key.Id));
            Array(command, openTickets.Select(t => t.Item.OpenedAt.UtcTicks));
            Array(command, openTickets.Select(t => (int)t.Item.OpenedAt.Offset.TotalMinutes));
            Array(command, openTickets.Select(t => t.Item.DueAt.UtcTicks));
            Array(command, openTickets.Select(t => (int)t.Item.DueAt.Offset.TotalMinutes));
            command.ExecuteNonQuery();
        }
    }

    private static void Delete(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, List<(int Level, string Unit, string Id)> keys)
    {
        if (keys.Count == 0)
        {
            return;
        }

        using var command = new NpgsqlCommand(
            $"DELETE FROM {table} d USING unnest($1::integer[], $2::text[], $3::text[]) AS t(level, unit, id) WHERE d.level = t.level AND d.unit = t.unit AND d.id = t.id",
            connection,
            transaction);
        Array(command, keys.Select(k => k.Level));
        Array(command, keys.Select(k => k.Unit));
        Array(command, keys.Select(k => k.Id));
        command.ExecuteNonQuery();
    }

    private static async Task<(List<OpenDossier>, List<OpenTicket>)> LoadOpenItemsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, UnitKey key, CancellationToken cancellationToken)
    {
        var dossiers = await ReadOpenAsync(
            connection,
            transaction,
            key,
            "SELECT id, procedure, channel, received, received_offset, due, due_offset FROM history_open_dossiers WHERE level = $1 AND unit = $2",
            reader => new OpenDossier(
                reader.GetString(0), reader.GetString(1), (DossierChannel)reader.GetInt32(2),
                Time(reader.GetInt64(3), reader.GetInt32(4)), Time(reader.GetInt64(5), reader.GetInt32(6))),
            cancellationToken);
        var tickets = await ReadOpenAsync(
            connection,
            transaction,
            key,
            "SELECT id, opened, opened_offset, due, due_offset FROM history_open_tickets WHERE level = $1 AND unit = $2",
            reader => new OpenTicket(reader.GetString(0), Time(reader.GetInt64(1), reader.GetInt32(2)), Time(reader.GetInt64(3), reader.GetInt32(4))),
            cancellationToken);
        return (dossiers, tickets);
    }

    /// <summary>One unit's open items of one kind (<paramref name="sql"/> takes the level as $1 and the code as $2).</summary>
    private static async Task<List<T>> ReadOpenAsync<T>(
        NpgsqlConnection connection, NpgsqlTransaction transaction, UnitKey key, string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = (int)key.Level });
        command.Parameters.Add(new NpgsqlParameter { Value = key.Code });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(read(reader));
        }

        return items;
    }

    /// <summary>An instant stored exactly as UTC ticks and its offset in minutes (as the producer wrote it).</summary>
    private static DateTimeOffset Time(long utcTicks, int offsetMinutes) =>
        new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offsetMinutes));
}
