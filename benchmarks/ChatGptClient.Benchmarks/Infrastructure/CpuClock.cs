using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ChatGpt.Benchmarks.Infrastructure;

/// <summary>
/// CPU time used by this process (all threads: user + kernel, GC and JIT included), in microseconds. On a machine
/// shared with other builds, wall-clock time measures the neighbours; the CPU time this process burns per call does
/// not depend on them. Linux <c>getrusage</c> (microsecond resolution); elsewhere it falls back to
/// <see cref="Process.TotalProcessorTime"/>.
/// </summary>
internal static partial class CpuClock
{
    private const int RusageSelf = 0;

    public static double NowMicroseconds()
    {
        if (OperatingSystem.IsLinux() && GetRusage(RusageSelf, out var usage) == 0)
        {
            return (usage.UserSeconds + usage.SystemSeconds) * 1e6 + usage.UserMicroseconds + usage.SystemMicroseconds;
        }

        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalMicroseconds;
    }

    /// <summary>CPU time of the calling thread in nanoseconds (Linux), for synchronous micro-measurements; NaN elsewhere.</summary>
    public static double ThreadNanoseconds() =>
        OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTime, out var time) == 0 ? (time.Seconds * 1e9) + time.Nanoseconds : double.NaN;

    private const int ClockThreadCpuTime = 3;

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out Timespec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, out Rusage usage);

    // struct rusage on 64-bit Linux: two timevals, then 14 longs.
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss;
        public long IxRss;
        public long IdRss;
        public long IsRss;
        public long MinFlt;
        public long MajFlt;
        public long NSwap;
        public long InBlock;
        public long OuBlock;
        public long MsgSnd;
        public long MsgRcv;
        public long NSignals;
        public long NvCsw;
        public long NivCsw;
    }
}
