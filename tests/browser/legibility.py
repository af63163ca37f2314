"""Can a person read it? Checks on a rendered lesson that the page renders is not enough for.

Run on every lesson in JupyterLab at 1280x800 and on the projected Voila pages at 1024x768 with
150% zoom (`tests/browser/interactions.exercise`). Each problem is reported in words:

- a chart's text (tick labels, legend, titles, annotations, bar labels) printed over other text
  of the same chart, or leaving the chart's drawing;
- a button or label cut short (its text wider than its box, or ending in an ellipsis);
- a dropdown that starts blank (it must show a value, or say what to choose);
- a chart whose largest plotting area is smaller than 300 x 200 px.
"""

from __future__ import annotations

from typing import Any

MIN_PLOT = (300, 200)

CHECK = """([minWidth, minHeight]) => {
  const problems = [];
  const visible = e => e.offsetParent !== null || e.getClientRects().length > 0;
  const scope = '[class*="course-"]';
  const name = e => (e.textContent || e.value || '').trim().replace(/\\s+/g, ' ').slice(0, 50);

  // Controls whose words do not fit.
  for (const e of document.querySelectorAll(
      `${scope} button, ${scope} .widget-label, ${scope} .widget-toggle-button`)) {
    if (!visible(e) || !name(e)) continue;
    if (e.scrollWidth > e.clientWidth + 1 || /…$/.test(name(e))) {
      problems.push(`label cut short: "${name(e)}"`);
    }
  }
  // Dropdowns: not blank, and the chosen words fit the box.
  const canvas = document.createElement('canvas').getContext('2d');
  for (const s of document.querySelectorAll(`${scope} select:not([multiple])`)) {
    if (!visible(s)) continue;
    const chosen = s.selectedIndex >= 0 ? s.options[s.selectedIndex].text.trim() : '';
    const label = s.closest('.widget-dropdown')?.querySelector('label')?.textContent || '';
    if (!chosen) { problems.push(`dropdown starts blank: "${label.trim()}"`); continue; }
    const style = getComputedStyle(s);
    canvas.font = `${style.fontSize} ${style.fontFamily}`;
    if (canvas.measureText(chosen).width > s.clientWidth - 24) {
      problems.push(`dropdown text cut short: "${chosen.slice(0, 50)}"`);
    }
  }
  // Charts: text over text, text outside the drawing, a plotting area too small to read.
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    if (!visible(plot) || !plot.querySelector('.main-svg')) continue;
    const title = (plot.layout && plot.layout.title && plot.layout.title.text) || 'a chart';
    const svg = plot.querySelector('.main-svg').getBoundingClientRect();
    const texts = [...plot.querySelectorAll(
        '.xtick text, .ytick text, .legendtext, .gtitle, .g-xtitle text, .g-ytitle text,' +
        ' .annotation-text, .bartext')]
      .filter(t => t.textContent.trim() && t.getBoundingClientRect().width > 0)
      .map(t => ({t: t.textContent.trim().slice(0, 40), r: t.getBoundingClientRect()}));
    for (const {t, r} of texts) {
      if (r.left < svg.left - 2 || r.right > svg.right + 2 || r.top < svg.top - 2 ||
          r.bottom > svg.bottom + 2) {
        problems.push(`${title.slice(0, 40)}: "${t}" leaves the chart`);
      }
    }
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i].r, b = texts[j].r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        const smaller = Math.min(a.width * a.height, b.width * b.height);
        if (w > 0 && h > 0 && w * h > 0.25 * smaller) {
          problems.push(`${title.slice(0, 40)}: "${texts[i].t}" is printed over "${texts[j].t}"`);
        }
      }
    }
    const areas = [...plot.querySelectorAll('.nsewdrag, .geo .bglayer rect, .geo .bg')]
      .map(e => e.getBoundingClientRect()).filter(r => r.width > 0);
    if (areas.length) {
      const widest = areas.reduce((a, b) => (a.width * a.height >= b.width * b.height ? a : b));
      if (widest.width < minWidth || widest.height < minHeight) {
        problems.push(`${title.slice(0, 40)}: plotting area only ` +
          `${Math.round(widest.width)} x ${Math.round(widest.height)} px`);
      }
    }
  }
  return [...new Set(problems)];
}"""


def legibility(page: Any) -> list[str]:
    """What a person could not read on the page, in words (empty when all is legible).

    A chart redraws itself once it knows its width (a ResizeObserver), so a problem seen the
    first time is looked at again a moment later: only what stays hard to read is reported."""
    problems: list[str] = page.evaluate(CHECK, list(MIN_PLOT))
    if problems:
        page.wait_for_timeout(2_000)
        problems = page.evaluate(CHECK, list(MIN_PLOT))
    return problems
