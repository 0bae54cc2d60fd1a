using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace IOC.Dashboards.Hosting;

/// <summary>
/// What the pages may send as UTF-8 text instead of numeric entities. ASP.NET Core's default HTML encoder keeps only
/// Basic Latin, so "Phường" left as <c>Ph&amp;#x1B0;&amp;#x1EDD;ng</c>: pages were larger and their source unreadable.
/// Vietnamese needs Latin-1, Latin Extended-A/B (ơ, ư, đ) and Latin Extended Additional (ạ, ế, ờ…); the
/// punctuation, arrows and symbols are the status icons and signs the pages print (–, ≥, ↑, ✔, ◐, ⚠).
/// Markup characters (&lt; &gt; &amp; quotes) are always encoded whatever the ranges.
/// </summary>
public static class PageText
{
    public static TextEncoderSettings Encoder { get; } = new(
        UnicodeRanges.BasicLatin,
        UnicodeRanges.Latin1Supplement,
        UnicodeRanges.LatinExtendedA,
        UnicodeRanges.LatinExtendedB,
        UnicodeRanges.CombiningDiacriticalMarks,
        UnicodeRanges.LatinExtendedAdditional,
        UnicodeRanges.GeneralPunctuation,
        UnicodeRanges.CurrencySymbols,
        UnicodeRanges.Arrows,
        UnicodeRanges.MathematicalOperators,
        UnicodeRanges.GeometricShapes,
        UnicodeRanges.MiscellaneousSymbols,
        UnicodeRanges.Dingbats);
}
