using IOC.Domain.Units;
using IOC.Grains.Fold;
using IOC.History.Model;
using IOC.History.Store;

namespace IOC.History.Writing;

/// <summary>
/// The bounded on-disk buffer between the grains and the store (<c>history-buffer.db</c> in the data directory).
/// A save adds the units' deltas to rows, one row per (measurement, resolution, series, bucket), each with its own
/// point id; each roll-up's rows (a province's, and in national mode the country's) get its contributors' deltas (wards
/// and direct work, see <see cref="UnitCatalog.RollsUpTo"/>) in the same save. The rows,
/// the open items and each unit's checkpoint are saved in one SQLite transaction. The writer then sends
/// each changed row's whole value under its point id, so a repeated write replaces rather than adds. A row stays
/// while its bucket is open, so a bucket usually has one point; once written and closed, the row is dropped and a
/// late event starts a new point in the same bucket. Thread-safe.
/// </summary>
public sealed partial class HistoryBuffer : IHistoryLedger, IDisposable
{
    /// <summary>A closed bucket's row stays this long after the bucket ended, for events that arrive a little late.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    private readonly BufferFile _file;
    private readonly Retention _retention;
    private readonly int _maxMinuteRows;
    private readonly Lock _sync = new();
    private readonly Dictionary<RowKey, BufferRow> _rows = new();
    // Pending rows per resolution, so a write carries one retention policy (one request to InfluxDB).
    private readonly HashSet<BufferRow>[] _dirty = [.. Resolutions.All.Select(_ => new HashSet<BufferRow>(ReferenceEqualityComparer.Instance))];

    // Point ids being written now: a point is never written twice at once, or a late answer could undo a newer value.
    private readonly HashSet<long> _inFlight = [];
    private readonly Dictionary<UnitKey, FoldCut> _checkpoints;

    // Buffers written before per-unit checkpoints kept one cut for every grain: it stands for each unit not saved since.
    private readonly FoldCut _legacyCut;
    private readonly Func<UnitKey, IReadOnlyList<UnitKey>> _rollsUpTo;
    private readonly long _salt;
    private long _nextPoint;
    private int _minuteRows;

    /// <param name="rollsUpTo">
    /// The roll-ups whose series add a unit's deltas (<see cref="UnitCatalog.RollsUpTo"/>); by default a ward's and the
    /// direct work's go to the city (01).
    /// </param>
    public HistoryBuffer(string path, Retention retention, int maxMinuteRows, Func<UnitKey, IReadOnlyList<UnitKey>>? rollsUpTo = null)
    {
        _rollsUpTo = rollsUpTo ?? (key => key.Level is UnitLevel.Ward or UnitLevel.Direct ? [UnitKey.City] : []);
        _file = new BufferFile(path);
        _retention = retention;
        _maxMinuteRows = maxMinuteRows;

        // Point ids start at a random place, so two buffers (a wiped data directory, two installs sharing a database)
        // practically never reuse one id for the same bucket, which would replace each other's points.
        _salt = long.TryParse(_file.Meta("salt"), out var salt) ? salt : Random.Shared.NextInt64(HistoryPoint.PointIdSpace);
        _file.SetMeta("salt", _salt.ToString());
        _nextPoint = long.TryParse(_file.Meta("next_point"), out var next) ? next : 0;
        _legacyCut = _file.Meta("cut") is { } cut ? FoldCut.Parse(cut) : FoldCut.None;
        _checkpoints = _file.LoadCheckpoints();
        foreach (var row in _file.LoadRows())
        {
            Add(row);
        }

        RejectedPoints = _file.RejectedCount();
    }

    public string Path => _file.Path;

    public string Location => _file.Path;

    /// <summary>A file on this node's disk.</summary>
    public bool Shared => false;

    /// <summary>Whether anything was ever saved: a first start has no checkpoint at all.</summary>
    public bool HasCheckpoints
    {
        get
        {
            lock (_sync)
            {
                return _checkpoints.Count > 0 || !_legacyCut.Equals(FoldCut.None);
            }
        }
    }

    /// <summary>Units with a checkpoint of their own.</summary>
    public int CheckpointedUnits
    {
        get
        {
            lock (_sync)
            {
                return _checkpoints.Count;
            }
        }
    }

    /// <summary>The inbox events of a unit whose changes are saved here or already in the store.</summary>
    public FoldCut CheckpointOf(UnitKey key)
    {
        lock (_sync)
        {
            return _checkpoints.GetValueOrDefault(key) ?? _legacyCut;
        }
    }

    /// <summary>Rows with changes the store has not got yet.</summary>
    public int Pending
    {
        get
        {
            lock (_sync)
            {
                return _dirty.Sum(d => d.Count);
            }
        }
    }

    public int Rows
    {
        get
        {
            lock (_sync)
            {
                return _rows.Count;
            }
        }
    }

    /// <summary>Minute points not kept because the buffer was full (hours and days still count them).</summary>
    public long DroppedMinutePoints { get; private set; }

    /// <summary>Points older than their resolution's retention when saved or sent (the store would not keep them).</summary>
    public long ExpiredPoints { get; private set; }

    /// <summary>Points the store refused as data; kept in the buffer file's <c>rejected</c> table.</summary>
    public long RejectedPoints { get; private set; }

    public (List<OpenDossier> Dossiers, List<OpenTicket> Tickets) LoadOpenItems(UnitKey key)
    {
        lock (_sync)
        {
            return _file.LoadOpenItems(key);
        }
    }

    public Task<SavedUnit> LoadAsync(UnitKey key, CancellationToken cancellationToken)
    {
        var (dossiers, tickets) = LoadOpenItems(key);
        return Task.FromResult(new SavedUnit(CheckpointOf(key), dossiers, tickets));
    }

    /// <summary>
    /// Adds the units' changes to the rows and saves rows, open items and each unit's newest cut in one transaction.
    /// On failure nothing changes (in memory or on disk) and the exception goes to the caller, who keeps the changes.
    /// </summary>
    public int Save(IReadOnlyList<UnitChanges> changes, DateTimeOffset now)
    {
        if (changes.Count == 0)
        {
            return 0;
        }

        var nowMs = now.ToUnixTimeMilliseconds();
        lock (_sync)
        {
            var staged = new Dictionary<RowKey, BufferRow>();
            var nextPoint = _nextPoint;
            var newMinuteRows = 0;
            long dropped = 0, expired = 0;
            void AddTo(RowKey key, ReadOnlySpan<long> values)
            {
                if (!_retention.Keeps(key.Resolution, key.BucketMs, nowMs))
                {
                    expired++;
                    return;
                }

                if (!staged.TryGetValue(key, out var row))
                {
                    if (_rows.TryGetValue(key, out var existing))
                    {
                        row = new BufferRow(key, existing.PointId, (long[])existing.Values.Clone()) { Version = existing.Version + 1, Shipped = existing.Shipped };
                    }
                    else if (key.Resolution == Resolution.Minute && _minuteRows + newMinuteRows >= _maxMinuteRows)
                    {
                        dropped++;
                        return;
                    }
                    else
                    {
                        row = new BufferRow(key, (_salt + nextPoint++) % HistoryPoint.PointIdSpace, new long[key.Measurement.Fields.Count]) { Version = 1 };
                        newMinuteRows += key.Resolution == Resolution.Minute ? 1 : 0;
                    }

                    staged[key] = row;
                }

                for (var i = 0; i < values.Length; i++)
                {
                    row.Values[i] += values[i];
                }
            }

            foreach (var unit in changes)
            {
                if (unit.Delta is not { } delta)
                {
                    continue;
                }

                DeltaRollup.Accumulate(unit.Key, delta, AddTo);

                // A roll-up's series is its contributors' deltas, saved with them: it always matches their checkpoints.
                foreach (var rollup in _rollsUpTo(unit.Key))
                {
                    DeltaRollup.Accumulate(rollup, delta, AddTo);
                }
            }

            _file.Save(staged.Values, changes, nextPoint);

            // Saved: the staged copies take the place of the rows they grew from.
            foreach (var row in staged.Values)
            {
                if (_rows.Remove(row.Key, out var old))
                {
                    Dirty(old).Remove(old);
                    _minuteRows -= old.Key.Resolution == Resolution.Minute ? 1 : 0;
                }

                Add(row);
            }

            _nextPoint = nextPoint;
            foreach (var unit in changes)
            {
                _checkpoints[unit.Key] = unit.Cut;
            }

            DroppedMinutePoints += dropped;
            ExpiredPoints += expired;
            return staged.Count;
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _file.Dispose();
        }
    }

    private void Add(BufferRow row)
    {
        _rows[row.Key] = row;
        _minuteRows += row.Key.Resolution == Resolution.Minute ? 1 : 0;
        if (row.Dirty)
        {
            Dirty(row).Add(row);
        }
    }

    private HashSet<BufferRow> Dirty(BufferRow row) => _dirty[(int)row.Key.Resolution];
}
