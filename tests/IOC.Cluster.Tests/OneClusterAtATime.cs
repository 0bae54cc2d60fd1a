using Xunit;

// The drills start whole clusters on ports that were free when picked. Side by side, one drill's freed port (a killed
// node's, which SharedStoresTests then holds on purpose) was picked by the other drill's next node, which failed to
// bind it (a fresh-clone CI run, 2026-12-04 17:50 UTC). One cluster at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
