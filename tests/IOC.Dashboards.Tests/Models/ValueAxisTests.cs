using IOC.Dashboards.Models;

namespace IOC.Dashboards.Tests.Models;

public class ValueAxisTests
{
    [Theory]
    [InlineData(96, 100, 25)]
    [InlineData(170, 200, 50)]
    [InlineData(601, 800, 200)]
    [InlineData(7, 8, 2)]
    [InlineData(1, 4, 1)]
    [InlineData(0, 4, 1)]
    public void TheAxisEndsOnALabelledRoundNumberAboveTheLargestValueInFourSteps(double largest, double max, double step)
    {
        var axis = ValueAxis.For(largest);

        axis.Should().Be(new ValueAxis(max, step));
        (axis.Max / axis.Step).Should().Be(ValueAxis.Steps);
    }
}
