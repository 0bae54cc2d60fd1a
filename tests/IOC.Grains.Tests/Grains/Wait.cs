namespace IOC.Grains.Tests.Grains;

/// <summary>What grain tests wait for: something a timer or another grain does soon, not at once.</summary>
internal static class Wait
{
    /// <summary>Returns once <paramref name="condition"/> holds; fails the test if it does not within 10 s.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold within 10 s");
            await Task.Delay(20);
        }
    }
}
