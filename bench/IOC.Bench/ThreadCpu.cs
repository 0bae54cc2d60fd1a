using System.Runtime.InteropServices;

namespace IOC.Bench;

/// <summary>
/// The calling thread's CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>): on a machine shared with other builds, the work
/// of a single-threaded loop measured without the time other processes took the core away.
/// </summary>
internal static class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    public static TimeSpan Now() =>
        clock_gettime(ClockThreadCpuTimeId, out var now) == 0
            ? TimeSpan.FromTicks((now.Seconds * TimeSpan.TicksPerSecond) + (now.Nanoseconds / 100))
            : throw new InvalidOperationException($"clock_gettime failed: errno {Marshal.GetLastPInvokeError()}");

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in the bench for one call
    private static extern int clock_gettime(int clock, out Timespec time);
#pragma warning restore SYSLIB1054

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
