using System.Globalization;
using System.Text;
using IOC.Domain.Units;

namespace IOC.Dashboards.Models;

/// <summary>Finds wards by name with or without Vietnamese diacritics: "cua nam" finds "Cửa Nam".</summary>
public static class WardSearch
{
    /// <summary>Lower case, marks dropped (ử → u), đ → d, runs of spaces as one.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            // đ is a letter of its own, not d with a mark, so FormD leaves it alone.
            var plain = c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c);
            if (char.IsWhiteSpace(plain) && (folded.Length == 0 || folded[^1] == ' '))
            {
                continue;
            }

            folded.Append(char.IsWhiteSpace(plain) ? ' ' : plain);
        }

        return folded.ToString().TrimEnd();
    }

    /// <summary>
    /// Wards whose Vietnamese or English name or code contains the query: first those whose name without its kind is
    /// the query ("an lao" → Xã An Lão, before Xã Tân Lão), then names that start with it, then the rest.
    /// </summary>
    public static IReadOnlyList<Unit> Find(IEnumerable<Unit> wards, string? query, int limit = 12)
    {
        var needle = Fold(query ?? "");
        if (needle.Length == 0)
        {
            return [];
        }

        return [.. wards
            .Select(w => (Ward: w, Name: Fold(w.Name), Short: Fold(w.ShortName), En: Fold(w.NameEn)))
            .Where(w => w.Name.Contains(needle, StringComparison.Ordinal) || w.En.Contains(needle, StringComparison.Ordinal) || w.Ward.Code.Contains(needle, StringComparison.Ordinal))
            .OrderBy(w => Bare(w.Name) == needle ? 0 : w.Short.StartsWith(needle, StringComparison.Ordinal) || Bare(w.Name).StartsWith(needle, StringComparison.Ordinal) ? 1 : 2)
            .ThenBy(w => w.Name, StringComparer.Ordinal)
            .ThenBy(w => w.Ward.Code, StringComparer.Ordinal)
            .Take(limit)
            .Select(w => w.Ward)];
    }

    /// <summary>
    /// The ward a query names, for Enter in the search box: the only match, or, when several names contain the query,
    /// the one whose name equals it (with or without "Phường"/"Xã"). Null when the query names no ward or several.
    /// </summary>
    public static Unit? Single(IEnumerable<Unit> wards, string? query)
    {
        var matches = Find(wards, query, int.MaxValue);
        if (matches.Count == 1)
        {
            return matches[0];
        }

        var needle = Bare(Fold(query ?? ""));
        var exact = matches.Where(w => Bare(Fold(w.Name)) == needle || Bare(Fold(w.NameEn)) == needle).ToList();
        return exact.Count == 1 ? exact[0] : null;
    }

    /// <summary>A folded name without its kind: "phuong cua nam", "cua nam ward" → "cua nam".</summary>
    private static string Bare(string folded)
    {
        foreach (var prefix in (string[])["phuong ", "xa ", "dac khu "])
        {
            if (folded.StartsWith(prefix, StringComparison.Ordinal))
            {
                return folded[prefix.Length..];
            }
        }

        foreach (var suffix in (string[])[" ward", " commune", " special zone"])
        {
            if (folded.EndsWith(suffix, StringComparison.Ordinal))
            {
                return folded[..^suffix.Length];
            }
        }

        return folded;
    }
}
