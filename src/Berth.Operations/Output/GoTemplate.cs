using System.Globalization;
using System.Text;

namespace Berth.Operations.Output;

/// <summary>
/// The part of Go's text/template that docker's <c>--format</c> is used with: text, <c>{{.Field}}</c>, <c>{{.}}</c>,
/// function calls and pipes (<c>{{json .}}</c>, <c>{{.Repository | upper}}</c>, <c>{{truncate .ID 5}}</c>), string and
/// number arguments, and the <c>{{-</c>/<c>-}}</c> trim markers. Data is one row of named string fields. Anything else
/// fails at parse time with Go's wording, prefixed as docker prefixes it.
/// </summary>
internal sealed partial class GoTemplate
{
    private static readonly HashSet<string> Functions = ["json", "upper", "lower", "title", "truncate", "pad", "println", "print"];

    private readonly IReadOnlyList<Node> _nodes;

    private GoTemplate(IReadOnlyList<Node> nodes) => _nodes = nodes;

    /// <summary>Parses a template; <see cref="ClientException"/> ("template parsing error: …") when it is not valid.</summary>
    public static GoTemplate Parse(string text) => new(new Parser(text).ParseAll());

    /// <summary>Runs the template over one row.</summary>
    public string Execute(IReadOnlyDictionary<string, string> row)
    {
        var output = new StringBuilder();
        foreach (var node in _nodes)
        {
            output.Append(node switch
            {
                TextNode text => text.Text,
                ActionNode action => Print(Evaluate(action, row)),
                _ => string.Empty,
            });
        }

        return output.ToString();
    }

    private static object Evaluate(ActionNode action, IReadOnlyDictionary<string, string> row)
    {
        object? piped = null;
        foreach (var command in action.Commands)
        {
            var args = command.Arguments.Select(a => Value(a, row)).ToList();
            if (piped is not null)
            {
                args.Add(piped);
            }

            piped = command.Function is null ? args.Single() : Call(command.Function, args, action.Position);
        }

        return piped!;
    }

    private static object Value(Operand operand, IReadOnlyDictionary<string, string> row) => operand switch
    {
        FieldOperand { Name: null } => row,
        FieldOperand field => row.TryGetValue(field.Name, out var value) ? value
            : throw new ClientException($"template parsing error: template: :1:{field.Position}: executing \"\" at <.{field.Name}>: " +
                $"can't evaluate field {field.Name}: use one of {string.Join(", ", row.Keys.Order(StringComparer.Ordinal))}"),
        LiteralOperand literal => literal.Value,
        _ => throw new InvalidOperationException("unknown operand"),
    };

    private static string Call(string function, List<object> args, int position)
    {
        string Arg(int i) => i < args.Count ? Print(args[i]) : throw WrongArguments(function, position);
        int Number(int i) => i < args.Count && args[i] is int n ? n : throw WrongArguments(function, position);
        return function switch
        {
            "json" => args.Count == 1 && args[0] is IReadOnlyDictionary<string, string> row ? GoJson.Object(row) : GoJson.String(Arg(0)),
            "upper" => Arg(0).ToUpperInvariant(),
            "lower" => Arg(0).ToLowerInvariant(),
            "title" => string.Join(' ', Arg(0).Split(' ').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..])),
            "truncate" => Arg(0).Length > Number(1) ? Arg(0)[..Number(1)] : Arg(0),
            "pad" => new string(' ', Number(1)) + Arg(0) + new string(' ', Number(2)),
            "println" => string.Join(' ', args.Select(Print)) + "\n",
            "print" => string.Concat(args.Select(Print)),
            _ => throw new ClientException($"template parsing error: template: :1: function \"{function}\" not defined"),
        };
    }

    private static ClientException WrongArguments(string function, int position)
        => new($"template parsing error: template: :1:{position}: executing \"\": wrong number or type of arguments for {function}");

    private static string Print(object value) => value switch
    {
        string s => s,
        int n => n.ToString(CultureInfo.InvariantCulture),
        IReadOnlyDictionary<string, string> row => "map[" + string.Join(' ', row.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}:{f.Value}")) + "]",
        _ => value.ToString() ?? string.Empty,
    };

    private abstract record Node;

    private sealed record TextNode(string Text) : Node;

    private sealed record ActionNode(IReadOnlyList<Command> Commands, int Position) : Node;

    private sealed record Command(string? Function, IReadOnlyList<Operand> Arguments);

    private abstract record Operand;

    private sealed record FieldOperand(string? Name, int Position) : Operand;

    private sealed record LiteralOperand(object Value) : Operand;
}
