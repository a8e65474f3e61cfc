namespace Berth.Daemon.Config;

/// <summary>The text `berthd config default` prints: every setting with its default, in containerd's layout.</summary>
internal static class DefaultConfigText
{
    public static string Render(DaemonConfig config) => $$"""
        # berthd configuration (containerd-style). Command-line flags override these values.
        version = 2

        # Persistent data: content, snapshots, metadata.db.
        root = "{{config.Root}}"
        # Runtime state, rebuilt at boot: the socket, task bundles, temporary mounts.
        state = "{{config.State}}"
        # The snapshotter used when a client names none: "overlayfs" or "native".
        snapshotter = "{{config.Snapshotter}}"
        # Plugins not to load, by "type.id", for example "io.containerd.snapshotter.v1.native".
        disabled_plugins = []

        [grpc]
          address = "{{config.GrpcAddress}}"
          uid = {{config.GrpcUid}}
          gid = {{config.GrpcGid}}

        [debug]
          # trace, debug, info, warn or error
          level = "{{config.LogLevel}}"

        [registry]
          # Per-host certificates, as docker's certs.d: <host>/ca.crt, <host>/client.cert + client.key.
          config_path = "{{config.RegistryCertsDirectory}}"
          # Per-host settings, for example:
          # [registry.hosts."registry.local:5000"]
          #   insecure = true                       # plain HTTP or unverified TLS (localhost is always allowed)
          #   mirrors = ["https://mirror.local"]     # tried first, for pulls

        [plugins]
          [plugins."io.containerd.snapshotter.v1.overlayfs"]
            # Empty: <root>/snapshots/overlayfs
            root_path = ""
          [plugins."io.containerd.snapshotter.v1.native"]
            # Empty: <root>/snapshots/native
            root_path = ""
          [plugins."io.containerd.runtime.v2.task"]
            # The shim of io.containerd.runc.v2; empty: berth-shim (beside berthd, else in PATH).
            runc_shim = ""
            # The OCI runtime when a client names none ("crun", say); empty: runc.
            runc_binary = ""
            # On a v1 host with a v2 hierarchy, move the controllers left on v2 to v1 at start-up so crun can run
            # (host-wide). Default: true when crun is installed or is runc_binary.
            # prepare_hybrid_cgroups = true

        """;
}
