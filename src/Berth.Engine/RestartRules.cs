namespace Berth.Engine;

/// <summary>
/// docker's restart policies and back-off: <c>always</c> and <c>unless-stopped</c> restart after any exit the user did
/// not cause, <c>on-failure[:N]</c> after a non-zero exit (at most N times); the wait before a restart starts at 100 ms
/// and doubles with each restart up to a minute, and starts over once a run lasted 10 s.
/// </summary>
internal static class RestartRules
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongRun = TimeSpan.FromSeconds(10);

    public static bool ShouldRestart(ContainerRecord record, int exitCode)
    {
        if (record.ManuallyStopped)
        {
            return false;
        }

        var policy = record.Request.Restart;
        return policy.Name switch
        {
            "always" or "unless-stopped" => true,
            "on-failure" => exitCode != 0 && (policy.MaximumRetryCount == 0 || record.RestartCount < policy.MaximumRetryCount),
            _ => false,
        };
    }

    /// <summary>
    /// Whether berthd, starting, starts a container found stopped: <c>always</c> does even when the user stopped it (as
    /// dockerd does at its start), <c>unless-stopped</c> only when the user did not, <c>on-failure</c> when its run
    /// ended while berthd was away (<paramref name="exitedMeanwhile"/>, exit on record) as its policy asks. A container
    /// never started stays as it is.
    /// </summary>
    public static bool RestartsWithDaemon(ContainerRecord record, bool exitedMeanwhile)
        => record.StartedAt is not null && record.Request.Restart.Name switch
        {
            "always" => true,
            "unless-stopped" => !record.ManuallyStopped,
            "on-failure" => exitedMeanwhile && ShouldRestart(record, record.ExitCode),
            _ => false,
        };

    /// <summary>The wait before the next restart; <paramref name="ranFor"/> is how long the run that ended lasted.</summary>
    public static TimeSpan Delay(TimeSpan ranFor, LiveContainer live)
    {
        var next = ranFor >= LongRun || live.Backoff == TimeSpan.Zero ? First : live.Backoff * 2;
        live.Backoff = next > Longest ? Longest : next;
        return live.Backoff;
    }
}
