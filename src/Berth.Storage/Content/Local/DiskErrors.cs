using Berth.Core.Errors;

namespace Berth.Storage.Content.Local;

/// <summary>Recognises a full disk in the <see cref="IOException"/>s of .NET, whose HResult on Linux is the errno.</summary>
internal static class DiskErrors
{
    private const int NoSpace = 28;
    private const int QuotaExceeded = 122;

    public static bool IsDiskFull(IOException exception) => exception.HResult is NoSpace or QuotaExceeded;

    public static ResourceExhaustedException IngestDiskFull(string reference, string root, long offset, IOException inner)
        => new($"cannot write ingest {reference}: the disk holding {root} is full. The ingest is kept at offset {offset}: "
            + "free space and retry, opening the same ref resumes it", inner);
}
