using Microsoft.Playwright;

namespace IOC.Browser.Tests.Infrastructure;

/// <summary>
/// What a person sees of a page's layout, measured in the browser: sideways scrolling, figures that run into each
/// other or out of their box, and tap targets too small for a finger.
/// </summary>
public static class Layout
{
    /// <summary>Boxes and the parts inside them that must neither overlap nor stick out.</summary>
    private const string Groups = """
        [
          [".tile", ".tile-name, .tile-value, .tile-body > .status, .tile-meta > span"],
          [".action", ".action-icon, .action-count, .action-label"],
          [".agency li", ".agency-kpi, .agency-value, .status"],
          [".ranking tbody tr", ".rank, th, .value, .volume, .status"],
          [".kpi-table tbody tr", "th, .kpi-value, .kpi-target, .status, .kpi-city, .kpi-change"],
          [".review-table td.cell:not(.not-committed)", ".cell-value, .cell-rank, .cell-counts, .status, .gap"],
          [".overall-table tbody tr", "th, td"],
          [".open-table tbody tr", "th, td"],
          [".wall-tools", ".tool, .view-indicator"],
          [".range-presets", ".range-link"],
          [".range-custom", "label, button"]
        ]
        """;

    /// <summary>How far the page is wider than the screen (0 when it does not scroll sideways).</summary>
    public static Task<int> SidewaysOverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth, document.body.scrollWidth - window.innerWidth)");

    /// <summary>Every part that overlaps a sibling part or sticks out of its box, described for the failure message.</summary>
    public static Task<string[]> OverlapsAsync(IPage page) => page.EvaluateAsync<string[]>($$"""
        () => {
          const groups = {{Groups}};
          const visible = (e) => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
                                   return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' ? r : null; };
          const name = (e) => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '')
                              + ' "' + (e.textContent || '').trim().slice(0, 30) + '"';
          const problems = [];
          for (const [boxSel, partSel] of groups) {
            for (const box of document.querySelectorAll(boxSel)) {
              const b = visible(box); if (!b) continue;
              const parts = [...box.querySelectorAll(partSel)].filter(p => p !== box && !p.closest('.visually-hidden'))
                .map(p => [p, visible(p)]).filter(([, r]) => r);
              // a part inside another part (a badge inside a cell) is not an overlap
              const top = parts.filter(([p]) => !parts.some(([q]) => q !== p && q.contains(p)));
              for (const [p, r] of top) {
                if (r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.bottom > b.bottom + 1)
                  problems.push(`${name(p)} sticks out of ${name(box)}`);
              }
              for (let i = 0; i < top.length; i++) for (let j = i + 1; j < top.length; j++) {
                const [p, r] = top[i], [q, s] = top[j];
                const w = Math.min(r.right, s.right) - Math.max(r.left, s.left), h = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top);
                if (w > 1 && h > 1) problems.push(`${name(p)} overlaps ${name(q)}`);
              }
            }
          }
          return problems;
        }
        """);

    /// <summary>Links, buttons and fields a finger must hit that are smaller than 44 × 44 px.</summary>
    public static Task<string[]> SmallTapTargetsAsync(IPage page, int minimum = 44) => page.EvaluateAsync<string[]>("""
        (minimum) => [...document.querySelectorAll('a[href], button, select, input:not([type=hidden]), [role=button]')]
          .filter(e => !e.closest('.rz-chart, .visually-hidden, [hidden], .reconnect'))
          .map(e => [e, e.getBoundingClientRect()])
          .filter(([e, r]) => r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden')
          .filter(([e, r]) => r.height < minimum - 0.5 || r.width < minimum - 0.5)
          .map(([e, r]) => `${e.tagName.toLowerCase()} "${(e.textContent || e.value || e.name || '').trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`)
        """, minimum);
}
