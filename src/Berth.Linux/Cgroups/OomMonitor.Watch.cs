using System.Globalization;
using Berth.Linux.Interop;

namespace Berth.Linux.Cgroups;

public sealed partial class OomMonitor
{
    /// <summary>One watched cgroup: an eventfd (v1) or an inotify watch descriptor (v2).</summary>
    private sealed class Watch(string id, string cgroupPath, string directory, CgroupVersion version, int descriptor, int populationDescriptor = -1)
    {
        public string Id => id;

        public string CgroupPath => cgroupPath;

        public string Directory => directory;

        public CgroupVersion Version => version;

        /// <summary>v1: the eventfd; v2: the inotify watch descriptor.</summary>
        public int Descriptor => descriptor;

        /// <summary>v2: the inotify watch on cgroup.events, or -1. Removing a cgroup2 directory sends no inotify event (the
        /// watch pins the file), so the watch ends when the cgroup is emptied: "populated 0" means the container is gone.</summary>
        public int PopulationDescriptor => populationDescriptor;

        /// <summary>The oom_kill count when the watch began; v2: then the count already reported.</summary>
        public ulong LastOomKills { get; set; }

        public static Watch ForV1(string id, string cgroupPath, string directory)
        {
            string control = Path.Combine(directory, "memory.oom_control");
            // Read before the eventfd is registered: kills counted here will not signal it (kernels before 4.13 have no count).
            ulong initial = CgroupFiles.ParseKeyed(File.ReadAllText(control)).GetValueOrDefault("oom_kill");
            int controlFd = Libc.Open(control, Libc.ORdonly | Libc.OCloexec);
            if (controlFd < 0)
            {
                throw Errno.FromLastError("open", control);
            }

            int eventFd = Libc.EventFd(0, Libc.EfdCloexec);
            try
            {
                if (eventFd < 0)
                {
                    throw Errno.FromLastError("eventfd", control);
                }

                // "<eventfd> <fd of memory.oom_control>": the kernel signals the eventfd when the cgroup goes under OOM and when
                // the cgroup is removed; it keeps its own reference to the control file.
                CgroupFiles.Write(directory, "cgroup.event_control", string.Create(CultureInfo.InvariantCulture, $"{eventFd} {controlFd}"));
                return new Watch(id, cgroupPath, directory, CgroupVersion.V1, eventFd) { LastOomKills = initial };
            }
            catch
            {
                if (eventFd >= 0)
                {
                    Libc.Close(eventFd);
                }

                throw;
            }
            finally
            {
                Libc.Close(controlFd);
            }
        }

        public static Watch ForV2(string id, string cgroupPath, string directory, int inotifyFd)
        {
            string events = Path.Combine(directory, "memory.events");
            // Kills that happened before the watch began are reported by Add only when asked for.
            ulong initial = CgroupFiles.ParseKeyed(File.ReadAllText(events)).GetValueOrDefault("oom_kill");
            int watchFd = Libc.InotifyAddWatch(inotifyFd, events, Libc.InModify);
            if (watchFd < 0)
            {
                throw Errno.FromLastError("inotify_add_watch", events);
            }

            string population = Path.Combine(directory, "cgroup.events");
            int populationFd = File.Exists(population) ? Libc.InotifyAddWatch(inotifyFd, population, Libc.InModify) : -1;
            return new Watch(id, cgroupPath, directory, CgroupVersion.V2, watchFd, populationFd) { LastOomKills = initial };
        }

        public void Close(int inotifyFd)
        {
            if (version == CgroupVersion.V1)
            {
                Libc.Close(descriptor);
            }
            else
            {
                // Fails harmlessly when the kernel already dropped the watch (file removed).
                _ = Libc.InotifyRmWatch(inotifyFd, descriptor);
                if (populationDescriptor >= 0)
                {
                    _ = Libc.InotifyRmWatch(inotifyFd, populationDescriptor);
                }
            }
        }

        /// <summary>Whether the cgroup has no process left (cgroup.events "populated 0") or is gone.</summary>
        public bool IsEmpty()
        {
            try
            {
                return CgroupFiles.ParseKeyed(File.ReadAllText(Path.Combine(directory, "cgroup.events"))).GetValueOrDefault("populated") == 0;
            }
            catch (IOException)
            {
                return true;
            }
        }

        /// <summary>The current oom_kill count; null when the cgroup is gone.</summary>
        public ulong? ReadOomKills()
        {
            string file = Path.Combine(directory, version == CgroupVersion.V1 ? "memory.oom_control" : "memory.events");
            try
            {
                return CgroupFiles.ParseKeyed(File.ReadAllText(file)).GetValueOrDefault("oom_kill");
            }
            catch (IOException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
