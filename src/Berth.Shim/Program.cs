namespace Berth.Shim;

/// <summary>berth-shim's entry point; the task service, the runtime driver and the start/delete actions come next.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine($"berth-shim: not implemented yet ({string.Join(' ', args)})");
        return 1;
    }
}
