namespace Berth.Storage.Sqlite;

/// <summary>Times are stored as UTC ticks (100 ns) since 0001-01-01: exact, sortable integers.</summary>
internal static class Timestamps
{
    public static long ToStored(DateTimeOffset time) => time.UtcTicks;

    public static DateTimeOffset FromStored(long ticks) => new(ticks, TimeSpan.Zero);
}
