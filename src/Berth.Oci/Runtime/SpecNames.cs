namespace Berth.Oci.Runtime;

/// <summary>The namespace kinds of <see cref="LinuxNamespace.Type"/>.</summary>
public static class NamespaceTypes
{
    /// <summary>Process ids.</summary>
    public const string Pid = "pid";

    /// <summary>Network devices, addresses, ports.</summary>
    public const string Network = "network";

    /// <summary>Mount points.</summary>
    public const string Mount = "mount";

    /// <summary>System V IPC and POSIX message queues.</summary>
    public const string Ipc = "ipc";

    /// <summary>Hostname and domain name.</summary>
    public const string Uts = "uts";

    /// <summary>User and group ids.</summary>
    public const string User = "user";

    /// <summary>The cgroup root.</summary>
    public const string Cgroup = "cgroup";
}

/// <summary>The actions of seccomp rules.</summary>
public static class SeccompActions
{
    /// <summary>Let the syscall run.</summary>
    public const string Allow = "SCMP_ACT_ALLOW";

    /// <summary>Fail the syscall with an errno.</summary>
    public const string Errno = "SCMP_ACT_ERRNO";

    /// <summary>Kill the thread.</summary>
    public const string Kill = "SCMP_ACT_KILL";

    /// <summary>Kill the process.</summary>
    public const string KillProcess = "SCMP_ACT_KILL_PROCESS";

    /// <summary>Send SIGSYS.</summary>
    public const string Trap = "SCMP_ACT_TRAP";

    /// <summary>Notify a tracer.</summary>
    public const string Trace = "SCMP_ACT_TRACE";

    /// <summary>Let the syscall run and log it.</summary>
    public const string Log = "SCMP_ACT_LOG";

    /// <summary>Ask the seccomp agent.</summary>
    public const string Notify = "SCMP_ACT_NOTIFY";
}

/// <summary>The comparisons of seccomp argument conditions.</summary>
public static class SeccompOperators
{
    /// <summary>Not equal.</summary>
    public const string NotEqual = "SCMP_CMP_NE";

    /// <summary>Less than.</summary>
    public const string LessThan = "SCMP_CMP_LT";

    /// <summary>Less or equal.</summary>
    public const string LessEqual = "SCMP_CMP_LE";

    /// <summary>Equal.</summary>
    public const string EqualTo = "SCMP_CMP_EQ";

    /// <summary>Greater or equal.</summary>
    public const string GreaterEqual = "SCMP_CMP_GE";

    /// <summary>Greater than.</summary>
    public const string GreaterThan = "SCMP_CMP_GT";

    /// <summary>(argument &amp; value) == valueTwo.</summary>
    public const string MaskedEqual = "SCMP_CMP_MASKED_EQ";
}
