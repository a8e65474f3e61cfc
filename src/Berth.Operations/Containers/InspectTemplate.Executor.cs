using System.Text;
using Berth.Operations.Output;

namespace Berth.Operations.Containers;

internal sealed partial class InspectTemplate
{
    /// <summary>Runs the nodes over a value: dot is the value at hand, <c>$</c> the whole object, declared variables scoped to their block.</summary>
    private sealed class Executor(StringBuilder output, object? root)
    {
        private readonly List<(string Name, object? Value)> _variables = [("$", root)];

        public void Run(List<Node> nodes, object? dot)
        {
            foreach (var node in nodes)
            {
                switch (node)
                {
                    case TextNode text: output.Append(text.Text); break;
                    case ActionNode action:
                        object? value = Evaluate(action.Pipeline, dot);
                        if (action.Pipeline.Variables.Count == 0)
                        {
                            output.Append(InspectValue.Print(value));
                        }

                        break;
                    case BlockNode block: RunBlock(block, dot); break;
                }
            }
        }

        private void RunBlock(BlockNode block, object? dot)
        {
            int mark = _variables.Count;
            var value = block.Keyword == "range" ? EvaluateCommands(block.Pipeline, dot) : Evaluate(block.Pipeline, dot);
            if (block.Keyword == "range" && InspectValue.IsTrue(value))
            {
                var items = value switch
                {
                    IList<object?> list => list.Select((v, i) => ((object?)i, v)),
                    IDictionary<string, object?> map => map.Select(e => ((object?)e.Key, e.Value)),
                    _ => throw Failure(block.Pipeline.Commands[0].Operands[0].Position, "range", $"range can't iterate over {InspectValue.Print(value)}"),
                };
                foreach (var (key, item) in items.ToList())
                {
                    Declare(block.Pipeline.Variables, key, item);
                    Run(block.Body, item);
                    _variables.RemoveRange(mark, _variables.Count - mark);
                }
            }
            else if (block.Keyword != "range" && InspectValue.IsTrue(value))
            {
                Run(block.Body, block.Keyword == "with" ? value : dot);
            }
            else
            {
                Run(block.Else, dot);
            }

            _variables.RemoveRange(mark, _variables.Count - mark);
        }

        private void Declare(IReadOnlyList<string> names, object? key, object? item)
        {
            if (names.Count == 1)
            {
                _variables.Add((names[0], item));
            }
            else if (names.Count == 2)
            {
                _variables.Add((names[0], key));
                _variables.Add((names[1], item));
            }
        }

        private object? Evaluate(Pipeline pipeline, object? dot)
        {
            object? value = EvaluateCommands(pipeline, dot);
            if (pipeline.Variables.Count == 1)
            {
                _variables.Add((pipeline.Variables[0], value));
            }

            return value;
        }

        private object? EvaluateCommands(Pipeline pipeline, object? dot)
        {
            object? piped = null;
            bool first = true;
            foreach (var command in pipeline.Commands)
            {
                piped = Run(command, dot, piped, first);
                first = false;
            }

            return piped;
        }

        private object? Run(Command command, object? dot, object? piped, bool first)
        {
            if (command.Operands[0] is FunctionOperand function)
            {
                var args = command.Operands.Skip(1).Select(o => Value(o, dot)).ToList();
                if (!first)
                {
                    args.Add(piped);
                }

                return Functions.Call(function.Name, args, function.Position);
            }

            return first || command.Operands.Count > 1
                ? Value(command.Operands[0], dot)
                : throw Failure(command.Operands[0].Position, command.Operands[0].Text, "can't give argument to non-function " + command.Operands[0].Text);
        }

        private object? Value(Operand operand, object? dot) => operand switch
        {
            LiteralOperand literal => literal.Value,
            NestedOperand nested => EvaluateCommands(nested.Pipeline, dot),
            FieldOperand field => Fields(field, field.Variable is null ? dot : Variable(field)),
            _ => throw Failure(operand.Position, operand.Text, $"function \"{operand.Text}\" is not a value"),
        };

        private object? Variable(FieldOperand field)
        {
            for (int i = _variables.Count - 1; i >= 0; i--)
            {
                if (_variables[i].Name == field.Variable)
                {
                    return _variables[i].Value;
                }
            }

            throw new ClientException($"template parsing error: template: :1: undefined variable \"{field.Variable}\"");
        }

        private static object? Fields(FieldOperand field, object? value)
        {
            foreach (string name in field.Fields)
            {
                value = value switch
                {
                    IDictionary<string, object?> map => map.TryGetValue(name, out var found) ? found
                        : throw Failure(field.Position, field.Text, $"map has no entry for key \"{name}\""),
                    null => throw Failure(field.Position, field.Text, $"nil pointer evaluating interface {{}}.{name}"),
                    _ => throw Failure(field.Position, field.Text, $"can't evaluate field {name} in type {Functions.GoType(value)}"),
                };
            }

            return value;
        }
    }
}
