using System.Reflection;
using Berth.Api.Conversions;
using Containerd.Events;
using Containerd.Task.V2;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Berth.Services.Tests;

public sealed class EventPayloadsTests
{
    public static TheoryData<Type> EventTypes()
        => [.. typeof(TaskExit).Assembly.GetTypes()
            .Where(t => t.Namespace == "Containerd.Events" && !t.IsNested && typeof(IMessage).IsAssignableFrom(t))
            .Concat([typeof(Containerd.Services.Images.V1.ImageCreate), typeof(Containerd.Services.Images.V1.ImageUpdate),
                typeof(Containerd.Services.Images.V1.ImageDelete)])];

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void EveryEventMessage_IsNamedAsItsDescriptorNamesIt(Type type)
    {
        Assert.True(EventPayloads.KnownNames.TryGetValue(type, out var name), $"{type} is missing from EventPayloads");
        Assert.Equal(DescriptorOf(type).FullName, name);
    }

    [Fact]
    public void Of_CarriesTheNameAndTheEncodedMessage()
    {
        var exit = new TaskExit { ContainerId = "c1", Pid = 42, ExitStatus = 137 };
        var payload = EventPayloads.Of(exit);
        Assert.Equal("containerd.events.TaskExit", payload.TypeUrl);
        Assert.Equal(exit, TaskExit.Parser.ParseFrom(payload.Value.Span));
    }

    [Fact]
    public void AnotherMessage_IsNamedByItsDescriptor()
        => Assert.Equal("containerd.task.v2.CreateTaskRequest", EventPayloads.TypeName(new CreateTaskRequest()));

    private static MessageDescriptor DescriptorOf(Type type)
        => (MessageDescriptor)type.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
}
