using IOC.Domain.Units;

namespace IOC.Live.Hub;

/// <summary>
/// Per followed group: the figures last pushed (the baseline every member holds), whether its units changed since,
/// and when it may push again. A group's diff is computed once per flush for all its members, at most once per
/// <c>minInterval</c>, from the figures of that moment (latest value wins). Not thread-safe: one caller at a time.
/// </summary>
public sealed class UpdateCoalescer(Func<HubGroup, object> read, TimeProvider time, TimeSpan minInterval)
{
    private readonly Dictionary<string, GroupState> _groups = new(StringComparer.Ordinal);

    // The followed groups that show each unit: a province can be both 'city' and 'province:{code}'.
    private readonly Dictionary<UnitKey, List<GroupState>> _byUnit = new();

    public int Count => _groups.Count;

    /// <summary>The earliest time a changed group may push, or null when no group waits.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            DateTimeOffset? due = null;
            foreach (var state in _groups.Values)
            {
                if (state.Dirty && (due is null || state.NextPush < due))
                {
                    due = state.NextPush;
                }
            }

            return due;
        }
    }

    /// <summary>Starts following a group (if not yet) and returns its baseline: the snapshot a new member gets.</summary>
    public object Follow(HubGroup group)
    {
        if (!_groups.TryGetValue(group.Name, out var state))
        {
            state = new GroupState(group, read(group));
            _groups.Add(group.Name, state);
            if (group.Unit is { } unit)
            {
                (_byUnit.TryGetValue(unit.Key, out var list) ? list : _byUnit[unit.Key] = []).Add(state);
            }
        }

        return state.Baseline;
    }

    /// <summary>Stops following a group (its last member left); a later member starts from fresh figures.</summary>
    public void Forget(string group)
    {
        if (_groups.Remove(group, out var state) && state.Group.Unit is { } unit && _byUnit.TryGetValue(unit.Key, out var list))
        {
            list.Remove(state);
            if (list.Count == 0)
            {
                _byUnit.Remove(unit.Key);
            }
        }
    }

    /// <summary>Marks the groups that show these units (a ward also moves the <c>wards</c> table).</summary>
    public void MarkChanged(IEnumerable<UnitKey> units)
    {
        _groups.TryGetValue(HubGroup.WardsName, out var table);
        foreach (var key in units)
        {
            if (_byUnit.TryGetValue(key, out var states))
            {
                foreach (var state in states)
                {
                    state.Dirty = true;
                }
            }

            if (table is not null && key.Level == UnitLevel.Ward)
            {
                table.Dirty = true;
            }
        }
    }

    /// <summary>Marks one group by name (a feed's group when its feed changed).</summary>
    public void MarkChanged(string group)
    {
        if (_groups.TryGetValue(group, out var state))
        {
            state.Dirty = true;
        }
    }

    /// <summary>The updates of every changed group that is due; a group not yet due stays marked for later.</summary>
    public IReadOnlyList<IGroupUpdate> Flush()
    {
        var now = time.GetUtcNow();
        var updates = new List<IGroupUpdate>();
        foreach (var state in _groups.Values)
        {
            if (!state.Dirty || now < state.NextPush)
            {
                continue;
            }

            state.Dirty = false;
            var current = read(state.Group);
            if (GroupViews.Diff(state.Group, state.Baseline, current) is { } update)
            {
                state.Baseline = current;
                state.NextPush = now + minInterval;
                updates.Add(update);
            }
        }

        return updates;
    }

    private sealed class GroupState(HubGroup group, object baseline)
    {
        public HubGroup Group { get; } = group;

        public object Baseline { get; set; } = baseline;

        public bool Dirty { get; set; }

        public DateTimeOffset NextPush { get; set; } = DateTimeOffset.MinValue;
    }
}
