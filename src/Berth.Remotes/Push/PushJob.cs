namespace Berth.Remotes.Push;

/// <summary>A push running in the background, with the callers watching it (see <see cref="TransferJob{TPlan}"/>).</summary>
internal sealed class PushJob(PushPlan plan) : TransferJob<PushPlan>(plan);
