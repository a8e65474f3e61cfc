namespace Berth.Remotes.Pull;

/// <summary>A pull running in the background, with the callers watching it (see <see cref="TransferJob{TPlan}"/>).</summary>
internal sealed class PullJob(PullPlan plan) : TransferJob<PullPlan>(plan);
