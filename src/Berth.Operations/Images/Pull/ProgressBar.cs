using System.Text;
using Berth.Operations.Output;

namespace Berth.Operations.Images.Pull;

/// <summary>
/// docker's progress text for one layer: <c>[=====&gt;      ]  1.2MB/4.5MB 3s</c>. The bar needs a terminal wider than 110
/// columns and the time left one wider than 50, as docker decides; sizes always show.
/// </summary>
internal static class ProgressBar
{
    private const int BarWidth = 50;

    /// <param name="elapsed">Time since this step started, for the estimate of the time left; null for none.</param>
    public static string Render(long current, long total, int width, TimeSpan? elapsed)
    {
        if (current <= 0 && total <= 0)
        {
            return string.Empty;
        }

        if (total <= 0)
        {
            return HumanUnits.Size(current, 4).PadLeft(8);
        }

        int half = Math.Min(BarWidth, (int)((double)current / total * 100) / 2);
        var text = new StringBuilder();
        if (width > 110)
        {
            text.Append('[').Append('=', half).Append('>').Append(' ', BarWidth - half).Append("] ");
        }

        text.Append(HumanUnits.Size(current, 4).PadLeft(8));
        if (current <= total)
        {
            text.Append('/').Append(HumanUnits.Size(total, 4));
        }

        if (current > 0 && elapsed is { } spent && spent > TimeSpan.Zero && half < BarWidth && width > 50)
        {
            double left = spent.TotalSeconds / current * (total - current);
            text.Append(' ').Append(HumanUnits.GoDuration(TimeSpan.FromSeconds(Math.Floor(left))));
        }

        return text.ToString();
    }
}
