using System.Globalization;
using System.Text;

namespace Berth.Integration.Tests.Oracle;

/// <summary>One line of the side-by-side table: a step's field under docker and under berth, and the verdict.</summary>
/// <param name="Index">The step's number in the script, from 1.</param>
internal sealed record SessionRow(int Index, string Step, string Field, string Docker, string Berth, string Verdict, bool Allowed);

/// <summary>Pairs the two sides' lines step by step and field by field, and says which differences are accepted.</summary>
internal static class SessionComparison
{
    public static List<SessionRow> Compare(IReadOnlyList<SessionOutcome> docker, IReadOnlyList<SessionOutcome> berth)
    {
        var rows = new List<SessionRow>();
        foreach (var (index, (theirs, ours)) in docker.Zip(berth).Index())
        {
            string step = theirs.Step.Title;
            bool missing = SessionScript.NotImplemented(ours);
            // docker's fields in its order, then any only berth printed (a longer output).
            foreach (string field in theirs.Lines.Concat(ours.Lines).Select(l => l.Field).Distinct())
            {
                string d = theirs.Lines.FirstOrDefault(l => l.Field == field)?.Text ?? "(absent)";
                string b = ours.Lines.FirstOrDefault(l => l.Field == field)?.Text ?? "(absent)";
                rows.Add(d == b ? new SessionRow(index + 1, step, field, d, b, "=", true)
                    : missing ? new SessionRow(index + 1, step, field, d, b, "berth: not implemented yet", true)
                    : KnownDifferences.Tag(step, field) is { } tag ? new SessionRow(index + 1, step, field, d, b, "known: " + tag, true)
                    : new SessionRow(index + 1, step, field, d, b, "DIFFERS", false));
            }
        }

        return rows;
    }

    /// <summary>The whole report: the full table, the differences alone, the known reasons, the entries no longer needed.</summary>
    public static string Report(IReadOnlyList<SessionRow> rows)
    {
        var text = new StringBuilder(Render(rows)).AppendLine().AppendLine("Differences:").Append(Render(rows.Where(r => r.Verdict != "=")));
        foreach (var (tag, reason) in KnownDifferences.Reasons)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"known: {tag}: {reason}.");
        }

        foreach (var (step, field) in Stale(rows))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Known difference no longer seen (remove it): {step} / {field}");
        }

        return text.ToString();
    }

    /// <summary>Known differences no row needed any more: berth caught up, and the entry can go.</summary>
    public static IEnumerable<(string Step, string Field)> Stale(IReadOnlyList<SessionRow> rows)
        => KnownDifferences.Entries.Select(k => (k.Step, k.Field))
            .Where(k => !rows.Any(r => r.Step == k.Step && r.Field == k.Field && r.Verdict.StartsWith("known", StringComparison.Ordinal)));

    /// <summary>The table as text: step, field, docker's line, berth's line, verdict; one row a line.</summary>
    public static string Render(IEnumerable<SessionRow> rows)
    {
        var list = rows.ToList();
        int stepWidth = Math.Min(64, list.Select(r => r.Step.Length + 4).DefaultIfEmpty(4).Max());
        int fieldWidth = Math.Min(40, list.Select(r => r.Field.Length).DefaultIfEmpty(5).Max());
        var text = new StringBuilder();
        int previous = 0;
        foreach (var row in list)
        {
            // The step's number and command line once, at its first field.
            string step = row.Index == previous ? string.Empty : $"{row.Index,2}. {row.Step}";
            previous = row.Index;
            text.Append(step.PadRight(stepWidth)).Append(" | ").Append(row.Field.PadRight(fieldWidth))
                .Append(" | docker: ").Append(row.Docker).Append(row.Docker == row.Berth ? string.Empty : " | berth: " + row.Berth)
                .Append(" | ").AppendLine(row.Verdict);
        }

        return text.ToString();
    }
}
