using ScottPlot;

namespace IOC.Charts;

/// <summary>A chart's size in pixels at 96 dpi and how many times denser to draw it (2 for print and phones).</summary>
public readonly record struct ChartSize(int Width, int Height, float Scale = 1)
{
    /// <summary>For pasting into a document or message: 1200×600.</summary>
    public static readonly ChartSize Document = new(1200, 600);

    public int PixelWidth => (int)(Width * Scale);

    public int PixelHeight => (int)(Height * Scale);
}

/// <summary>Renders a built chart as PNG or SVG. An SVG keeps its text as text, so its viewer needs DejaVu Sans: prefer PNG for reports.</summary>
public static class ChartImage
{
    public static byte[] Png(Plot plot, ChartSize size)
    {
        plot.ScaleFactor = size.Scale;
        return plot.GetImageBytes(size.PixelWidth, size.PixelHeight, ImageFormat.Png);
    }

    public static string Svg(Plot plot, ChartSize size)
    {
        plot.ScaleFactor = 1;
        return plot.GetSvgXml(size.Width, size.Height);
    }
}
