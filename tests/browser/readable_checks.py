"""The "Readable for everyone" checks for one loaded page, in JavaScript run by
Playwright: shared by tests/browser/test_readable_browser.py and usable from a dev script."""

# Every visible piece of text: its rendered font size in CSS px (SVG text scaled by the SVG's
# own scale, so a 14-unit label drawn at half size counts as 7 px).
SMALLEST_TEXT_JS = """
() => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    if (!el || el.closest('script, style, title, desc, [hidden], .yz-visually-hidden, .yz-skip-link')) continue;
    const rects = el.getClientRects();
    if (!rects.length) continue;
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    let size = parseFloat(style.fontSize);
    if (el instanceof SVGElement && el.ownerSVGElement) {
      const ctm = el.getScreenCTM();
      if (ctm) size = size * Math.hypot(ctm.a, ctm.b);
    }
    small.push([Math.round(size * 10) / 10, node.textContent.trim().slice(0, 30), el.tagName]);
  }
  small.sort((a, b) => a[0] - b[0]);
  return small.slice(0, 3);
}
"""

LAYOUT_JS = """
() => {
  const header = document.querySelector('header.yz-header');
  const h1 = document.querySelector('main h1, h1');
  return {
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    header: header ? header.getBoundingClientRect().height : 0,
    h1Top: h1 ? h1.getBoundingClientRect().top + window.scrollY : null,
    bodyFont: parseFloat(getComputedStyle(document.body).fontSize),
    lineHeight: parseFloat(getComputedStyle(document.body).lineHeight) /
      parseFloat(getComputedStyle(document.body).fontSize),
  };
}
"""

# The elements wider than the viewport (to say what overflows).
WIDE_JS = """
() => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1 &&
                !el.closest('.yz-table-wrap, .yz-chart__frame, .yz-tools, .yz-nav__list'))
  .slice(0, 3).map(el => el.tagName + '.' + el.className)
"""

# The images shown, by original (a rendition's name starts with its original's): each at most
# once per page.
IMAGES_JS = """
() => [...document.images].filter(img => img.getClientRects().length)
  .map(img => (img.currentSrc || img.src).split('/').pop().split('.')[0])
"""

# Large text: controls (buttons, fields, disclosure summaries, navigation and mode links,
# pagination and downloads) under 44 px tall.
SMALL_TARGETS_JS = """
() => [...document.querySelectorAll('button, input:not([type=hidden]), select, summary, ' +
    '.yz-nav__link, .yz-tools__link, .yz-pagination__link, .yz-open-data__download, ' +
    '.yz-map-links__link')]
  .filter(el => el.getClientRects().length && !el.closest('.yz-visually-hidden, .yz-skip-link'))
  .map(el => [Math.round(el.getBoundingClientRect().height), el.tagName + '.' + el.className])
  .filter(([height]) => height < 44).slice(0, 3)
"""

# Large text: grids in the content laid out in more than one column.
COLUMNS_JS = """
() => [...document.querySelectorAll('main *')].filter(el => {
    if (!el.getClientRects().length) return false;
    const style = getComputedStyle(el);
    return style.display.includes('grid') &&
      style.gridTemplateColumns.split(' ').filter(Boolean).length > 1;
  }).slice(0, 3).map(el => el.tagName + '.' + el.className)
"""

# High contrast: links (with text) drawn without an underline, and status badges without both
# their words and a shape.
CONTRAST_CUES_JS = """
() => {
  const bad = [];
  for (const a of document.querySelectorAll('a[href]')) {
    if (!a.getClientRects().length || !a.textContent.trim()) continue;
    if (a.closest('.yz-skip-link, .yz-visually-hidden')) continue;
    if (!getComputedStyle(a).textDecorationLine.includes('underline'))
      bad.push('link not underlined: ' + a.textContent.trim().slice(0, 30));
  }
  for (const badge of document.querySelectorAll('.yz-badge')) {
    if (!badge.getClientRects().length) continue;
    const shape = getComputedStyle(badge, '::before').content;
    if (!badge.textContent.trim() || !shape || shape === 'none' || shape === 'normal')
      bad.push('badge without words and shape: ' + badge.className);
  }
  return bad.slice(0, 3);
}
"""

# Visible tables: a caption, inside a scrolling region that the keyboard reaches and that has
# a name; no header word (or Chinese term of up to six characters) broken over two lines (a
# hyphenated compound may break at its hyphen).
TABLES_JS = """
() => {
  const bad = [];
  for (const table of document.querySelectorAll('main table')) {
    if (!table.getClientRects().length) continue;
    const name = (table.querySelector('caption') || {}).textContent;
    const region = table.closest('[role=region]');
    if (!name || !name.trim()) bad.push('table without a caption: ' + table.className);
    if (!region || region.tabIndex !== 0 ||
        !(region.getAttribute('aria-labelledby') || region.getAttribute('aria-label')))
      bad.push('table not in a named, focusable region: ' + table.className);
    for (const th of table.querySelectorAll('th')) {
      const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const node = walker.currentNode;
        for (const word of node.textContent.matchAll(/[A-Za-z0-9’']+|[\\u3400-\\u9fff]+/g)) {
          if (/[\\u3400-\\u9fff]/.test(word[0]) && word[0].length > 6) continue;
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          const lines = new Set([...range.getClientRects()].filter(r => r.width > 0)
            .map(r => Math.round(r.top)));
          if (lines.size > 1) bad.push('header word broken: ' + word[0]);
        }
      }
    }
  }
  return bad.slice(0, 3);
}
"""

# Where the reader looks. (a) Inside each chart no two pieces of text overlap and none
# crosses the chart's box; (b) every table cell with a digit lies inside the viewport (a figure
# in a sideways-scrolling table is out of view); (c) every visible header control lies inside
# the viewport; (d) the header's link to the visitors' section (游渝中 / Visit Yuzhong) is shown
# on the first screen (not folded into a closed menu, not below the fold).
GEOMETRY_JS = """
() => {
  const bad = [], W = window.innerWidth;
  const shown = el => el.getClientRects().length && getComputedStyle(el).display !== 'none' &&
    getComputedStyle(el).visibility !== 'hidden';
  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  for (const frame of document.querySelectorAll('.yz-chart__frame')) {
    if (!shown(frame)) continue;
    const box = frame.getBoundingClientRect();
    const texts = [...frame.querySelectorAll('text')].filter(shown)
      .map(t => [t.textContent.trim(), t.getBoundingClientRect()]).filter(([, r]) => r.width > 0);
    for (const [label, r] of texts) {
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
        bad.push('chart text outside the chart: ' + label);
    }
    for (let i = 0; i < texts.length; i++)
      for (let j = i + 1; j < texts.length; j++)
        if (overlap(texts[i][1], texts[j][1])) bad.push('chart text overlaps: ' + texts[i][0] + ' / ' + texts[j][0]);
  }
  for (const cell of document.querySelectorAll('main td, main th')) {
    if (!/[0-9]/.test(cell.textContent) || !shown(cell) || cell.closest('.yz-visually-hidden')) continue;
    const r = cell.getBoundingClientRect();
    if (r.width > 0 && (r.left < -1 || r.right > W + 1)) bad.push('table cell out of view: ' + cell.textContent.trim().slice(0, 30));
  }
  for (const el of document.querySelectorAll('header a, header button, header input, header summary')) {
    if (!shown(el) || el.closest('.yz-visually-hidden, .yz-skip-link')) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.left < -1 || r.right > W + 1)) bad.push('header control out of view: ' + el.textContent.trim().slice(0, 30));
  }
  const firstScreen = el => {
    const r = el.getBoundingClientRect();
    return el.checkVisibility({visibilityProperty: true, opacityProperty: true}) && r.width > 0 &&
      r.left >= -1 && r.right <= W + 1 && r.top + scrollY >= -1 && r.bottom + scrollY <= innerHeight + 1;
  };
  const visit = [...document.querySelectorAll('header a[href]')]
    .filter(a => new URL(a.href).pathname.endsWith("/visit/"));
  if (!visit.some(firstScreen)) bad.push("the visitors' section link is not on the first screen");
  return [...new Set(bad)].slice(0, 4);
}
"""
