using Berth.Core.Engine;

namespace Berth.Engine;

/// <summary>
/// The last exits of containers removed lately, for a wait on "removed" that comes after the removal (<c>run --rm</c>
/// asks once the container may already be gone). Only the newest <see cref="Capacity"/> are kept: a berthd that runs
/// for months removes containers without end.
/// </summary>
internal sealed class RecentRemovals
{
    public const int Capacity = 1024;

    private readonly Lock _lock = new();
    private readonly Dictionary<(string Namespace, string Id), ContainerExit> _exits = [];
    private readonly Queue<(string Namespace, string Id)> _order = new();

    public void Add(string @namespace, string id, ContainerExit exit)
    {
        lock (_lock)
        {
            if (_exits.TryAdd((@namespace, id), exit))
            {
                _order.Enqueue((@namespace, id));
            }
            else
            {
                _exits[(@namespace, id)] = exit;
            }

            while (_order.Count > Capacity)
            {
                _exits.Remove(_order.Dequeue());
            }
        }
    }

    public bool TryGet(string @namespace, string id, out ContainerExit exit)
    {
        lock (_lock)
        {
            return _exits.TryGetValue((@namespace, id), out exit!);
        }
    }
}
