using System.Text;

namespace Berth.Operations.Output;

/// <summary>
/// Aligns tab-separated text as Go's text/tabwriter does with docker's settings (minimum cell width 10, padding 3,
/// spaces): a cell is a run of text ended by a tab; the text after a line's last tab is not aligned. Columns are sized
/// per block of consecutive lines that have that column, so a line with fewer cells starts new blocks below it.
/// </summary>
internal sealed class TabWriter(int minWidth = 10, int padding = 3)
{
    private readonly List<string[]> _lines = [];

    /// <summary>Adds one line of text; tabs separate its cells.</summary>
    public void AddLine(string line) => _lines.Add(line.Split('\t'));

    /// <summary>The aligned text, one '\n' after every line.</summary>
    public string Render()
    {
        var output = new StringBuilder();
        Format(output, [], 0, _lines.Count);
        return output.ToString();
    }

    // Mirrors tabwriter's recursion: find the blocks of lines that have a cell in the next column, size the column over
    // the block, and format the columns to its right inside the block.
    private int Format(StringBuilder output, List<int> widths, int first, int end)
    {
        int column = widths.Count;
        int written = first;
        for (int line = first; line < end; line++)
        {
            if (column >= _lines[line].Length - 1)
            {
                continue;
            }

            written = WriteLines(output, widths, written, line);
            int width = minWidth;
            int blockEnd = line;
            for (; blockEnd < end && column < _lines[blockEnd].Length - 1; blockEnd++)
            {
                width = Math.Max(width, _lines[blockEnd][column].Length + padding);
            }

            widths.Add(width);
            written = Format(output, widths, line, blockEnd);
            widths.RemoveAt(widths.Count - 1);
            line = blockEnd - 1;
        }

        return WriteLines(output, widths, written, end);
    }

    private int WriteLines(StringBuilder output, List<int> widths, int first, int end)
    {
        for (int line = first; line < end; line++)
        {
            var cells = _lines[line];
            for (int i = 0; i < cells.Length; i++)
            {
                bool aligned = i < cells.Length - 1 && i < widths.Count;
                output.Append(aligned ? cells[i].PadRight(widths[i]) : cells[i]);
            }

            output.Append('\n');
        }

        return end;
    }
}
