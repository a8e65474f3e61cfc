namespace Berth.Operations.Tests.Fakes;

/// <summary>A clock that says what the test tells it.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
