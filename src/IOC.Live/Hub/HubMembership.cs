namespace IOC.Live.Hub;

/// <summary>
/// Who holds which group: connections by id and members by group. Not thread-safe: the broadcaster calls it
/// under its lock. When a group's last member leaves, <see cref="Leave"/> says so, and the group stops being followed.
/// </summary>
internal sealed class HubMembership
{
    private readonly Dictionary<string, HubMember> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<HubMember>> _groups = new(StringComparer.Ordinal);

    public IEnumerable<HubMember> Connections => _connections.Values;

    public void Add(HubMember member) => _connections[member.Outbox.ConnectionId] = member;

    public HubMember? Find(string connectionId) => _connections.GetValueOrDefault(connectionId);

    /// <summary>Removes a connection from its groups; returns it and the groups left without members.</summary>
    public (HubMember? Member, List<string> Emptied) Remove(string connectionId)
    {
        var emptied = new List<string>();
        if (!_connections.Remove(connectionId, out var member))
        {
            return (null, emptied);
        }

        foreach (var group in member.Groups)
        {
            if (RemoveFromGroup(member, group))
            {
                emptied.Add(group);
            }
        }

        member.Groups.Clear();
        return (member, emptied);
    }

    /// <summary>Adds the member to the group; false when it already held it.</summary>
    public bool Join(HubMember member, string group)
    {
        if (!member.Groups.Add(group))
        {
            return false;
        }

        if (!_groups.TryGetValue(group, out var members))
        {
            _groups[group] = members = [];
        }

        members.Add(member);
        return true;
    }

    /// <summary>Removes the member from the group; true when that left the group empty.</summary>
    public bool Leave(HubMember member, string group) => member.Groups.Remove(group) && RemoveFromGroup(member, group);

    public IEnumerable<HubMember> MembersOf(string group) => _groups.GetValueOrDefault(group) ?? [];

    private bool RemoveFromGroup(HubMember member, string group)
    {
        if (!_groups.TryGetValue(group, out var members) || !members.Remove(member) || members.Count > 0)
        {
            return false;
        }

        _groups.Remove(group);
        return true;
    }
}
