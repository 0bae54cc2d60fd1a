namespace IOC.Dashboards.Models;

/// <summary>
/// A value axis that starts at 0 and ends on a round number at or above the largest value, in four equal steps of
/// 1, 2, 2.5 or 5 × 10ⁿ, so its top is labelled (a chart whose tallest bar reaches an unlabelled top says nothing
/// about how tall it is).
/// </summary>
public sealed record ValueAxis(double Max, double Step)
{
    public const int Steps = 4;

    private static readonly double[] Nice = [1, 2, 2.5, 5, 10];

    public static ValueAxis For(double largest)
    {
        if (!(largest > 0))
        {
            return new ValueAxis(Steps, 1);
        }

        var rough = largest / Steps;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = Nice.Select(n => n * magnitude).First(s => s >= rough);

        // Whole calls: a step below 1 would label 0.25 of a call.
        step = Math.Max(1, step);
        return new ValueAxis(step * Steps, step);
    }
}
