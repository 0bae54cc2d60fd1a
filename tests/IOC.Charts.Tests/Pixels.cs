using SkiaSharp;

namespace IOC.Charts.Tests;

/// <summary>A decoded PNG, asked how many pixels are close to a colour (anti-aliasing blurs edges, so "close").</summary>
public sealed class Pixels : IDisposable
{
    private readonly SKBitmap _bitmap;

    public Pixels(byte[] png) => _bitmap = SKBitmap.Decode(png) ?? throw new InvalidOperationException("Not a PNG the decoder reads.");

    public int Width => _bitmap.Width;

    public int Height => _bitmap.Height;

    public int Count(string hex, int tolerance = 40) => Count(hex, 0, Width, tolerance);

    /// <summary>Pixels near <paramref name="hex"/> in the columns [<paramref name="fromX"/>, <paramref name="toX"/>).</summary>
    public int Count(string hex, int fromX, int toX, int tolerance = 40)
    {
        var target = SKColor.Parse(hex);
        var count = 0;
        for (var x = Math.Max(0, fromX); x < Math.Min(Width, toX); x++)
        {
            for (var y = 0; y < Height; y++)
            {
                var c = _bitmap.GetPixel(x, y);
                if (Math.Abs(c.Red - target.Red) + Math.Abs(c.Green - target.Green) + Math.Abs(c.Blue - target.Blue) <= tolerance)
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>The rows (top to bottom) where a colour appears in column band [fromX, toX).</summary>
    public IReadOnlyList<int> Rows(string hex, int fromX, int toX, int tolerance = 40)
    {
        var target = SKColor.Parse(hex);
        var rows = new List<int>();
        for (var y = 0; y < Height; y++)
        {
            for (var x = Math.Max(0, fromX); x < Math.Min(Width, toX); x++)
            {
                var c = _bitmap.GetPixel(x, y);
                if (Math.Abs(c.Red - target.Red) + Math.Abs(c.Green - target.Green) + Math.Abs(c.Blue - target.Blue) <= tolerance)
                {
                    rows.Add(y);
                    break;
                }
            }
        }

        return rows;
    }

    public void Dispose() => _bitmap.Dispose();
}
