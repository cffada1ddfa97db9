using System.Runtime.ExceptionServices;

namespace ThreatModel.Analysis;

/// <summary>
/// Runs a body for indices 0..count-1 on up to a given number of threads, the calling thread one of them, taking indices
/// in increasing order as threads come free. Used for the rules of an analysis: pieces of very different cost, too few
/// to split evenly in advance.
/// </summary>
internal static class WorkSharing
{
    /// <summary>
    /// Runs <paramref name="body"/>(worker, index) once per index; worker is 0 on the calling thread and below
    /// <paramref name="workers"/> on the others, and one worker runs one body at a time, so per-worker scratch space
    /// needs no lock. When a body throws, no further index starts, and the failure of the lowest index is rethrown as it
    /// was thrown, once every body already started has finished.
    /// </summary>
    /// <remarks>
    /// The calling thread waits only for indices another thread has taken: a helper the thread pool starts late finds
    /// nothing left and ends, so a busy pool (analyses already running in parallel) never stalls the caller.
    /// </remarks>
    public static void Run(int count, int workers, Action<int, int> body)
    {
        workers = Math.Clamp(workers, 1, Math.Max(count, 1));
        if (workers == 1)
        {
            for (var index = 0; index < count; index++)
                body(0, index);
            return;
        }

        var failures = new ExceptionDispatchInfo?[count];
        var next = -1;
        var failed = false;
        var unfinished = count;
        var gate = new object();

        void Work(int worker)
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                if (!Volatile.Read(ref failed))
                {
                    try
                    {
                        body(worker, index);
                    }
#pragma warning disable CA1031 // Not swallowed: captured here and rethrown, with its stack, on the calling thread below.
                    catch (Exception exception)
#pragma warning restore CA1031
                    {
                        failures[index] = ExceptionDispatchInfo.Capture(exception);
                        Volatile.Write(ref failed, true);
                    }
                }

                lock (gate)
                {
                    if (--unfinished == 0)
                        Monitor.PulseAll(gate);
                }
            }
        }

        for (var helper = 1; helper < workers; helper++)
        {
            var worker = helper;
            _ = Task.Factory.StartNew(() => Work(worker), CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
        }

        Work(0);
        lock (gate)
        {
            while (unfinished > 0)
                Monitor.Wait(gate);
        }

        foreach (var failure in failures)
            failure?.Throw();
    }
}
