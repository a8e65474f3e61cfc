using System.Globalization;
using System.Text;
using Berth.Operations.Output;

namespace Berth.Operations.Containers;

internal sealed partial class InspectTemplate
{
    /// <summary>Go's template built-ins and docker's own template functions, over decoded JSON values.</summary>
    private static class Functions
    {
        private static readonly HashSet<string> Names =
        [
            "json", "index", "len", "join", "split", "upper", "lower", "title", "println", "print", "printf", "eq", "ne", "lt", "le", "gt", "ge",
            "not", "and", "or", "truncate", "pad",
        ];

        public static bool Known(string name) => Names.Contains(name);

        public static object? Call(string name, List<object?> args, int position)
        {
            object? Arg(int i) => i < args.Count ? args[i] : throw Failure(position, name, $"wrong number of args for {name}: want {i + 1} got {args.Count}");
            string Text(int i) => Arg(i) as string ?? InspectValue.Print(Arg(i), top: false);
            return name switch
            {
                "json" => InspectValue.Json(Arg(0)),
                "index" => args.Skip(1).Aggregate(Arg(0), (value, key) => Index(value, key, position)),
                "len" => Arg(0) switch
                {
                    string s => s.Length,
                    System.Collections.ICollection c => c.Count,
                    var other => throw Failure(position, name, $"error calling len: len of type {GoType(other)}"),
                },
                "join" => Arg(0) is IList<object?> list ? string.Join(Text(1), list.Select(v => InspectValue.Print(v, top: false))) : Text(0),
                "split" => Text(0).Split(Text(1)).Cast<object?>().ToList(),
                "upper" => Text(0).ToUpperInvariant(),
                "lower" => Text(0).ToLowerInvariant(),
                "title" => string.Join(' ', Text(0).Split(' ').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..])),
                "println" => string.Join(' ', args.Select(a => InspectValue.Print(a, top: false))) + "\n",
                "print" => string.Concat(args.Select(a => InspectValue.Print(a, top: false))),
                "printf" => Printf(Text(0), args.Skip(1).ToList()),
                "eq" => args.Skip(1).Any(a => Compare(Arg(0), a) == 0),
                "ne" => Compare(Arg(0), Arg(1)) != 0,
                "lt" => Compare(Arg(0), Arg(1)) < 0,
                "le" => Compare(Arg(0), Arg(1)) <= 0,
                "gt" => Compare(Arg(0), Arg(1)) > 0,
                "ge" => Compare(Arg(0), Arg(1)) >= 0,
                "not" => !InspectValue.IsTrue(Arg(0)),
                "and" => args.FirstOrDefault(a => !InspectValue.IsTrue(a), args.LastOrDefault()),
                "or" => args.FirstOrDefault(InspectValue.IsTrue, args.LastOrDefault()),
                "truncate" => Text(0).Length > Number(Arg(1)) ? Text(0)[..Number(Arg(1))] : Text(0),
                "pad" => new string(' ', Number(Arg(1))) + Text(0) + new string(' ', Number(Arg(2))),
                _ => throw Error($"function \"{name}\" not defined"),
            };
        }

        /// <summary>The Go type name a decoded value has, for errors.</summary>
        public static string GoType(object? value) => value switch
        {
            string => "string",
            bool => "bool",
            GoNumber => "json.Number",
            IList<object?> => "[]interface {}",
            IDictionary<string, object?> => "map[string]interface {}",
            _ => "interface {}",
        };

        private static object? Index(object? value, object? key, int position) => (value, key) switch
        {
            (IDictionary<string, object?> map, string k) => map.TryGetValue(k, out var found) ? found : null,
            (IList<object?> list, _) when Number(key) is var i && i >= 0 && i < list.Count => list[i],
            (null, _) => null,
            _ => throw Failure(position, "index", $"error calling index: cannot index {GoType(value)} with {InspectValue.Print(key, top: false)}"),
        };

        private static int Number(object? value) => value switch
        {
            int i => i,
            GoNumber n when int.TryParse(n.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int i) => i,
            _ => -1,
        };

        private static int Compare(object? a, object? b) => (a, b) switch
        {
            (GoNumber x, GoNumber y) => decimal.Parse(x.Text, NumberStyles.Float, CultureInfo.InvariantCulture)
                .CompareTo(decimal.Parse(y.Text, NumberStyles.Float, CultureInfo.InvariantCulture)),
            (int x, _) => Compare(new GoNumber(x.ToString(CultureInfo.InvariantCulture)), b),
            (_, int y) => Compare(a, new GoNumber(y.ToString(CultureInfo.InvariantCulture))),
            _ => string.CompareOrdinal(InspectValue.Json(a), InspectValue.Json(b)),
        };

        // %s, %v, %d and %q, the verbs inspect formats are written with; %% is a percent sign.
        private static string Printf(string format, List<object?> args)
        {
            var text = new StringBuilder();
            int next = 0;
            for (int i = 0; i < format.Length; i++)
            {
                if (format[i] != '%' || i + 1 == format.Length)
                {
                    text.Append(format[i]);
                    continue;
                }

                char verb = format[++i];
                object? arg = verb == '%' ? null : next < args.Count ? args[next++] : "%!" + verb + "(MISSING)";
                text.Append(verb switch
                {
                    '%' => "%",
                    'q' => GoJson.String(InspectValue.Print(arg, top: false)),
                    _ => InspectValue.Print(arg, top: false),
                });
            }

            return text.ToString();
        }
    }
}
