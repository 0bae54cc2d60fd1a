using System.Runtime.CompilerServices;
using IOC.Domain.Units;
using IOC.Grains.Fold;
using IOC.Grains.Messages;
using IOC.Grains.Ports;

namespace IOC.Tests.Silo;

/// <summary>Grains with no history behind them: every unit starts empty and has no inbox tail.</summary>
public sealed class NothingToRecover : IUnitRecovery
{
    public Task<RecoveryPlan> PlanAsync(UnitKey key, CancellationToken cancellationToken) =>
        Task.FromResult(new RecoveryPlan(new RestoredState(), FoldCut.None, "nothing"));

    public async IAsyncEnumerable<InboxPage> ReadTailAsync(UnitKey key, long afterSeq, long throughSeq, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        yield break;
    }
}

/// <summary>A history sink that keeps nothing.</summary>
public sealed class NoHistory : IHistorySink
{
    public void Enqueue(UnitChanges changes)
    {
    }

    public Task SaveAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
