using System.Globalization;
using Berth.Core.Errors;

namespace Berth.Shim.Processes;

/// <summary>The pid files the runtime writes with --pid-file.</summary>
internal static class PidFile
{
    public static int Read(string path)
    {
        string text = File.ReadAllText(path).Trim();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0
            ? pid
            : throw new InternalException($"the runtime's pid file {path} holds \"{text}\", not a pid");
    }
}
