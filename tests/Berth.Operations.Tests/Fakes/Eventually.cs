namespace Berth.Operations.Tests.Fakes;

/// <summary>Waits for what another task does (an attachment's input closing, a signal handler installed), up to 5 s.</summary>
internal static class Eventually
{
    public static async Task Until(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.True(condition());
    }
}
