using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Berth.Core.Content;
using Berth.Oci;

namespace Berth.Storage.Content.Local;

/// <summary>
/// One <c>ingest/{sha256-hex(ref)}/</c> folder (layout in <see cref="LocalContentStore"/>). Hashing the ref keeps the
/// folder name short and free of path characters whatever the ref holds.
/// </summary>
internal sealed class IngestFolder(string path)
{
    public string Path { get; } = path;

    public string DataPath => Combine("data");

    public static string NameOf(string reference) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reference)));

    /// <summary>What the folder records of its ingest; null when it is not a complete ingest (for instance half created).</summary>
    public IngestRecord? ReadRecord()
    {
        string? reference = ReadText("ref");
        if (string.IsNullOrEmpty(reference) || NameOf(reference) != System.IO.Path.GetFileName(Path))
        {
            return null;
        }

        var startedAt = DateTimeOffset.TryParse(ReadText("startedat"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t)
            ? t
            : (DateTimeOffset?)null;
        long total = long.TryParse(ReadText("total"), NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : 0;
        Digest? expected = Digest.TryParse(ReadText("expected"), out var d) ? d : null;
        return new IngestRecord(reference, startedAt, total, expected);
    }

    /// <summary>The ingest's status as found on disk; null when there is no complete ingest here.</summary>
    public ContentStatus? ReadStatus()
    {
        var record = ReadRecord();
        var data = new FileInfo(DataPath);
        if (record is null || !data.Exists)
        {
            return null;
        }

        var updatedAt = new DateTimeOffset(data.LastWriteTimeUtc);
        return new ContentStatus(record.Ref, data.Length, record.Total, record.Expected, record.StartedAt ?? updatedAt, updatedAt);
    }

    /// <summary>Starts the folder afresh: any earlier bytes are dropped and the record is written anew.</summary>
    public void Create(IngestRecord record)
    {
        Directory.CreateDirectory(Path);
        File.Delete(DataPath);
        WriteText("startedat", record.StartedAt!.Value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        WriteTotal(record.Total);
        WriteExpected(record.Expected);
        // The ref goes last: its presence marks the record complete.
        WriteText("ref", record.Ref);
    }

    public void WriteTotal(long total)
    {
        if (total > 0)
        {
            WriteText("total", total.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            File.Delete(Combine("total"));
        }
    }

    public void WriteExpected(Digest? expected)
    {
        if (expected is { } digest)
        {
            WriteText("expected", digest.ToString());
        }
        else
        {
            File.Delete(Combine("expected"));
        }
    }

    private string Combine(string name) => System.IO.Path.Combine(Path, name);

    private string? ReadText(string name)
    {
        try
        {
            return File.ReadAllText(Combine(name), Encoding.UTF8);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    // Written to a temporary name with O_SYNC and renamed, so that a crash leaves the old or the new text, never a torn one.
    private void WriteText(string name, string text)
    {
        string target = Combine(name);
        string temporary = target + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough))
        {
            stream.Write(Encoding.UTF8.GetBytes(text));
        }

        File.Move(temporary, target, overwrite: true);
    }
}

/// <summary>The description of an ingest kept beside its data.</summary>
internal sealed record IngestRecord(string Ref, DateTimeOffset? StartedAt, long Total, Digest? Expected);
