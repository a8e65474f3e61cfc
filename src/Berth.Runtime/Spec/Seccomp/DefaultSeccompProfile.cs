using Berth.Oci.Runtime;

namespace Berth.Runtime.Spec.Seccomp;

/// <summary>
/// A profile equivalent to docker's default (moby 28): an allow-list, everything else failing with EPERM; syscalls
/// that need a capability allowed only when the container has it; clone without namespace flags; clone3 failing with
/// ENOSYS (so that libc falls back to clone, which can be checked) unless the container has CAP_SYS_ADMIN; personality
/// for the harmless domains only; no io_uring; no vsock sockets.
/// </summary>
public static partial class DefaultSeccompProfile
{
    private const uint Eperm = 1;
    private const uint Enosys = 38;
    private const ulong AfVsock = 40;

    // CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET
    private const ulong NamespaceCloneFlags = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000;

    // The domains a process may switch to: PER_LINUX, PER_LINUX_32BIT, PER_LINUX with UNAME26, both, and 0xffffffff
    // (which only queries the current one).
    private static readonly ulong[] Personalities = [0x0, 0x8, 0x20000, 0x20008, 0xffffffff];

    /// <summary>A new copy of the profile (callers may change it).</summary>
    public static SeccompProfile Create()
    {
        var rules = new List<SeccompRule>
        {
            Allow([.. AllowedEverywhere.SelectMany(area => area)]),
            WithIncludes(Allow(["process_vm_readv", "process_vm_writev", "ptrace"]), new SeccompFilter { MinKernel = "4.8" }),
            new() { Names = ["socket"], Action = SeccompActions.Allow, Args = [Arg(0, AfVsock, SeccompOperators.NotEqual)] },
        };
        rules.AddRange(Personalities.Select(p => new SeccompRule
        {
            Names = ["personality"], Action = SeccompActions.Allow, Args = [Arg(0, p, SeccompOperators.EqualTo)],
        }));
        rules.AddRange(ArchitectureSpecific.Select(a => WithIncludes(Allow(a.Syscalls), new SeccompFilter { Arches = [.. a.Arches] })));
        rules.AddRange(CapabilityGated.Select(c => WithIncludes(Allow(c.Syscalls), new SeccompFilter { Caps = [c.Capability] })));
        rules.Add(new SeccompRule
        {
            Names = ["clone"], Action = SeccompActions.Allow, Args = [Arg(0, NamespaceCloneFlags, SeccompOperators.MaskedEqual)],
            Excludes = new SeccompFilter { Caps = ["CAP_SYS_ADMIN"], Arches = ["s390", "s390x"] },
        });
        rules.Add(new SeccompRule
        {
            Names = ["clone"], Action = SeccompActions.Allow, Args = [Arg(1, NamespaceCloneFlags, SeccompOperators.MaskedEqual)],
            Comment = "on s390 the flags are clone's second argument",
            Includes = new SeccompFilter { Arches = ["s390", "s390x"] }, Excludes = new SeccompFilter { Caps = ["CAP_SYS_ADMIN"] },
        });
        rules.Add(new SeccompRule
        {
            Names = ["clone3"], Action = SeccompActions.Errno, ErrnoRet = Enosys,
            Excludes = new SeccompFilter { Caps = ["CAP_SYS_ADMIN"] },
        });

        return new SeccompProfile
        {
            DefaultAction = SeccompActions.Errno,
            DefaultErrnoRet = Eperm,
            ArchMap = [.. ArchitectureMap.Select(a => new SeccompArchitecture { Architecture = a.Main, SubArchitectures = [.. a.Subs] })],
            Syscalls = rules,
        };
    }

    private static SeccompRule Allow(string[] names) => new() { Names = [.. names], Action = SeccompActions.Allow };

    private static SeccompRule WithIncludes(SeccompRule rule, SeccompFilter includes)
    {
        rule.Includes = includes;
        return rule;
    }

    private static LinuxSeccompArg Arg(uint index, ulong value, string op) => new() { Index = index, Value = value, Op = op };
}
