namespace Berth.Operations.Output;

/// <summary>
/// Docker's table layout (Go's tabwriter with padding 3): every column but the last is padded to its widest cell
/// plus three spaces; the header is upper case.
/// </summary>
public sealed class TableWriter(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Adds a row; it must have one cell per header.</summary>
    public void AddRow(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"a row of {cells.Length} cells for {headers.Length} columns", nameof(cells));
        }

        _rows.Add(cells);
    }

    /// <summary>Writes the header and the rows.</summary>
    public async Task WriteAsync(TextWriter output, CancellationToken cancellationToken = default)
    {
        var widths = new int[headers.Length];
        foreach (var row in _rows.Prepend(headers))
        {
            for (int i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        foreach (var row in _rows.Prepend(headers))
        {
            var line = new System.Text.StringBuilder();
            for (int i = 0; i < row.Length; i++)
            {
                line.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i] + 3));
            }

            await output.WriteLineAsync(line.ToString().TrimEnd().AsMemory(), cancellationToken);
        }
    }
}
