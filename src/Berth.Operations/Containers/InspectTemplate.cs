using System.Text;
using Berth.Operations.Output;

namespace Berth.Operations.Containers;

/// <summary>
/// Go's text/template as docker's <c>inspect --format</c> uses it, over decoded JSON (<see cref="InspectValue"/>):
/// fields at any depth (<c>.State.ExitCode</c>), variables, pipes, parentheses, <c>if</c>/<c>else</c>,
/// <c>range</c> (with <c>$k, $v :=</c>), <c>with</c>, and the functions docker's templates are used with (json,
/// index, len, join, split, upper, lower, title, println, print, printf, eq, ne, lt, le, gt, ge, not, and, or,
/// truncate, pad). Errors are worded as Go's, with docker's "template parsing error: " before them.
/// </summary>
internal sealed partial class InspectTemplate
{
    private readonly List<Node> _nodes;

    private InspectTemplate(List<Node> nodes) => _nodes = nodes;

    /// <summary>Parses a template; <see cref="ClientException"/> when it is not valid.</summary>
    public static InspectTemplate Parse(string text) => new(new Parser(text).ParseAll());

    /// <summary>Runs the template over one inspected object.</summary>
    public string Execute(object? data)
    {
        var output = new StringBuilder();
        new Executor(output, data).Run(_nodes, data);
        return output.ToString();
    }

    private static ClientException Failure(int position, string what, string message)
        => new($"template parsing error: template: :1:{position}: executing \"\" at <{what}>: {message}");

    private abstract record Node;

    private sealed record TextNode(string Text) : Node;

    private sealed record ActionNode(Pipeline Pipeline) : Node;

    /// <summary>if, range and with: a pipeline, what runs when it is true (for each element, for range), and what runs otherwise.</summary>
    private sealed record BlockNode(string Keyword, Pipeline Pipeline, List<Node> Body, List<Node> Else) : Node;

    /// <summary>Commands joined by pipes, each command's value passed as the next one's last argument.</summary>
    private sealed record Pipeline(IReadOnlyList<string> Variables, IReadOnlyList<Command> Commands);

    private sealed record Command(IReadOnlyList<Operand> Operands);

    private abstract record Operand(int Position, string Text);

    /// <summary><c>.</c>, <c>.A.B</c> or <c>$x.A</c>: a start (dot or a variable) and fields below it.</summary>
    private sealed record FieldOperand(string? Variable, IReadOnlyList<string> Fields, int Position, string Text) : Operand(Position, Text);

    private sealed record LiteralOperand(object? Value, int Position, string Text) : Operand(Position, Text);

    private sealed record FunctionOperand(string Name, int Position) : Operand(Position, Name);

    private sealed record NestedOperand(Pipeline Pipeline, int Position, string Text) : Operand(Position, Text);
}
