"""The checks of issue 15 ("Readable for everyone") for one loaded page, in JavaScript run by
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
