namespace Berth.Runtime.Spec.Seccomp;

public static partial class DefaultSeccompProfile
{
    // The main allow-list, by area. Names unknown to an architecture's libseccomp (the *32 and *_time64 variants on
    // 64-bit machines) are skipped by the runtimes.
    private static readonly string[][] AllowedEverywhere =
    [
        // files and descriptors
        [
            "access", "cachestat", "chdir", "chmod", "chown", "chown32", "close", "close_range", "copy_file_range", "creat",
            "dup", "dup2", "dup3", "faccessat", "faccessat2", "fadvise64", "fadvise64_64", "fallocate", "fchdir", "fchmod",
            "fchmodat", "fchmodat2", "fchown", "fchown32", "fchownat", "fcntl", "fcntl64", "fdatasync", "flock", "fstat",
            "fstat64", "fstatat64", "fstatfs", "fstatfs64", "fsync", "ftruncate", "ftruncate64", "futimesat", "getcwd",
            "getdents", "getdents64", "ioctl", "lchown", "lchown32", "link", "linkat", "_llseek", "lseek", "lstat", "lstat64",
            "mkdir", "mkdirat", "mknod", "mknodat", "name_to_handle_at", "newfstatat", "open", "openat", "openat2", "pread64",
            "preadv", "preadv2", "pwrite64", "pwritev", "pwritev2", "read", "readahead", "readlink", "readlinkat", "readv",
            "rename", "renameat", "renameat2", "rmdir", "sendfile", "sendfile64", "splice", "stat", "stat64", "statfs",
            "statfs64", "statx", "symlink", "symlinkat", "sync", "sync_file_range", "syncfs", "tee", "truncate", "truncate64",
            "umask", "unlink", "unlinkat", "utime", "utimensat", "utimensat_time64", "utimes", "vmsplice", "write", "writev",
        ],
        // extended attributes
        [
            "fgetxattr", "flistxattr", "fremovexattr", "fsetxattr", "getxattr", "lgetxattr", "listxattr", "llistxattr",
            "lremovexattr", "lsetxattr", "removexattr", "setxattr",
        ],
        // waiting for events
        [
            "epoll_create", "epoll_create1", "epoll_ctl", "epoll_ctl_old", "epoll_pwait", "epoll_pwait2", "epoll_wait",
            "epoll_wait_old", "eventfd", "eventfd2", "fanotify_mark", "inotify_add_watch", "inotify_init", "inotify_init1",
            "inotify_rm_watch", "_newselect", "poll", "ppoll", "ppoll_time64", "pselect6", "pselect6_time64", "select",
            "signalfd", "signalfd4", "timerfd_create", "timerfd_gettime", "timerfd_gettime64", "timerfd_settime",
            "timerfd_settime64",
        ],
        // asynchronous I/O (io_uring stays out: its operations bypass seccomp)
        ["io_cancel", "io_destroy", "io_getevents", "io_pgetevents", "io_pgetevents_time64", "io_setup", "io_submit", "ioprio_get", "ioprio_set"],
        // memory
        [
            "brk", "madvise", "map_shadow_stack", "membarrier", "memfd_create", "memfd_secret", "mincore", "mlock", "mlock2",
            "mlockall", "mmap", "mmap2", "mprotect", "mremap", "msync", "munlock", "munlockall", "munmap", "pkey_alloc",
            "pkey_free", "pkey_mprotect", "remap_file_pages",
        ],
        // processes and threads
        [
            "capget", "capset", "execve", "execveat", "exit", "exit_group", "fork", "get_robust_list", "get_thread_area",
            "getcpu", "getpgid", "getpgrp", "getpid", "getppid", "getpriority", "getrandom", "getrlimit", "getrusage", "getsid",
            "gettid", "landlock_add_rule", "landlock_create_ruleset", "landlock_restrict_self", "pidfd_open",
            "pidfd_send_signal", "prctl", "prlimit64", "process_mrelease", "restart_syscall", "rseq", "seccomp",
            "set_robust_list", "set_thread_area", "set_tid_address", "setpgid", "setpriority", "setrlimit", "setsid",
            "sysinfo", "times", "ugetrlimit", "uname", "vfork", "wait4", "waitid", "waitpid",
        ],
        // user and group ids
        [
            "getegid", "getegid32", "geteuid", "geteuid32", "getgid", "getgid32", "getgroups", "getgroups32", "getresgid",
            "getresgid32", "getresuid", "getresuid32", "getuid", "getuid32", "setfsgid", "setfsgid32", "setfsuid",
            "setfsuid32", "setgid", "setgid32", "setgroups", "setgroups32", "setregid", "setregid32", "setresgid",
            "setresgid32", "setresuid", "setresuid32", "setreuid", "setreuid32", "setuid", "setuid32",
        ],
        // scheduling and futexes
        [
            "futex", "futex_requeue", "futex_time64", "futex_wait", "futex_waitv", "futex_wake", "sched_get_priority_max",
            "sched_get_priority_min", "sched_getaffinity", "sched_getattr", "sched_getparam", "sched_getscheduler",
            "sched_rr_get_interval", "sched_rr_get_interval_time64", "sched_setaffinity", "sched_setattr", "sched_setparam",
            "sched_setscheduler", "sched_yield",
        ],
        // signals
        [
            "alarm", "kill", "pause", "rt_sigaction", "rt_sigpending", "rt_sigprocmask", "rt_sigqueueinfo", "rt_sigreturn",
            "rt_sigsuspend", "rt_sigtimedwait", "rt_sigtimedwait_time64", "rt_tgsigqueueinfo", "sigaltstack", "sigprocmask",
            "sigreturn", "tgkill", "tkill",
        ],
        // clocks and timers (setting the clock needs CAP_SYS_TIME, below)
        [
            "adjtimex", "clock_adjtime", "clock_adjtime64", "clock_getres", "clock_getres_time64", "clock_gettime",
            "clock_gettime64", "clock_nanosleep", "clock_nanosleep_time64", "getitimer", "gettimeofday", "nanosleep",
            "setitimer", "time", "timer_create", "timer_delete", "timer_getoverrun", "timer_gettime", "timer_gettime64",
            "timer_settime", "timer_settime64",
        ],
        // sockets (socket itself is allowed below, for every family but vsock)
        [
            "accept", "accept4", "bind", "connect", "getpeername", "getsockname", "getsockopt", "listen", "recv", "recvfrom",
            "recvmmsg", "recvmmsg_time64", "recvmsg", "send", "sendmmsg", "sendmsg", "sendto", "setsockopt", "shutdown",
            "socketcall", "socketpair",
        ],
        // pipes and System V / POSIX IPC
        [
            "ipc", "mq_getsetattr", "mq_notify", "mq_open", "mq_timedreceive", "mq_timedreceive_time64", "mq_timedsend",
            "mq_timedsend_time64", "mq_unlink", "msgctl", "msgget", "msgrcv", "msgsnd", "pipe", "pipe2", "semctl", "semget",
            "semop", "semtimedop", "semtimedop_time64", "shmat", "shmctl", "shmdt", "shmget",
        ],
    ];

    // Syscalls only some architectures have, by libseccomp's architecture names.
    private static readonly (string[] Arches, string[] Syscalls)[] ArchitectureSpecific =
    [
        (["ppc64le"], ["swapcontext", "sync_file_range2"]),
        (["arm", "arm64"], ["arm_fadvise64_64", "arm_sync_file_range", "breakpoint", "cacheflush", "set_tls", "sync_file_range2"]),
        (["amd64", "x32"], ["arch_prctl"]),
        (["amd64", "x32", "x86"], ["modify_ldt"]),
        (["s390", "s390x"], ["s390_pci_mmio_read", "s390_pci_mmio_write", "s390_runtime_instr"]),
        (["riscv64"], ["riscv_flush_icache"]),
    ];

    // Syscalls the kernel would refuse anyway without the capability; allowed when the container has it.
    private static readonly (string Capability, string[] Syscalls)[] CapabilityGated =
    [
        ("CAP_DAC_READ_SEARCH", ["open_by_handle_at"]),
        ("CAP_SYS_ADMIN",
        [
            "bpf", "clone", "clone3", "fanotify_init", "fsconfig", "fsmount", "fsopen", "fspick", "lookup_dcookie", "mount",
            "mount_setattr", "move_mount", "open_tree", "perf_event_open", "quotactl", "quotactl_fd", "setdomainname",
            "sethostname", "setns", "syslog", "umount", "umount2", "unshare",
        ]),
        ("CAP_SYS_BOOT", ["reboot"]),
        ("CAP_SYS_CHROOT", ["chroot"]),
        ("CAP_SYS_MODULE", ["delete_module", "finit_module", "init_module"]),
        ("CAP_SYS_PACCT", ["acct"]),
        ("CAP_SYS_PTRACE", ["kcmp", "pidfd_getfd", "process_madvise", "process_vm_readv", "process_vm_writev", "ptrace"]),
        ("CAP_SYS_RAWIO", ["ioperm", "iopl"]),
        ("CAP_SYS_TIME", ["clock_settime", "clock_settime64", "settimeofday", "stime"]),
        ("CAP_SYS_TTY_CONFIG", ["vhangup"]),
        ("CAP_SYS_NICE", ["get_mempolicy", "mbind", "set_mempolicy", "set_mempolicy_home_node"]),
        ("CAP_SYSLOG", ["syslog"]),
        ("CAP_BPF", ["bpf"]),
        ("CAP_PERFMON", ["perf_event_open"]),
    ];

    private static readonly (string Main, string[] Subs)[] ArchitectureMap =
    [
        ("SCMP_ARCH_X86_64", ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]),
        ("SCMP_ARCH_AARCH64", ["SCMP_ARCH_ARM"]),
        ("SCMP_ARCH_MIPS64", ["SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64N32"]),
        ("SCMP_ARCH_MIPS64N32", ["SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64"]),
        ("SCMP_ARCH_MIPSEL64", ["SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64N32"]),
        ("SCMP_ARCH_MIPSEL64N32", ["SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64"]),
        ("SCMP_ARCH_S390X", ["SCMP_ARCH_S390"]),
        ("SCMP_ARCH_RISCV64", []),
    ];
}
