/**
 * Reading the highlight layer from a test: it is a closed shadow root, so a test reaches it
 * through the debugger (CDP in Chromium, BiDi in Firefox) and runs this function there.
 */

/**
 * Runs in a world of the test's own (a CDP isolated world, a BiDi sandbox), given the highlight
 * layer's closed shadow root: the boxes drawn, and the page's characters whose centre lies in one.
 */
export const READ_LAYER = `function (given) {
  const root = given || this;
  const byId = new Map();
  for (const el of root.querySelectorAll('[data-testid="takeaway-highlight-box"]')) {
    const r = el.getBoundingClientRect();
    const id = el.dataset.id;
    if (!byId.has(id)) byId.set(id, { id, color: el.dataset.color, background: getComputedStyle(el).backgroundColor, text: '', boxes: [] });
    byId.get(id).boxes.push({ x: r.left, y: r.top, w: r.width, h: r.height });
  }
  const all = [...byId.values()];
  const range = document.createRange();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const inside = (b, x, y) => x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h;
  const meets = (b, r) => r.left < b.x + b.w && r.right > b.x && r.top < b.y + b.h && r.bottom > b.y;
  let pending = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement && n.parentElement.closest('script, style, noscript')) continue;
    range.selectNodeContents(n);
    const whole = range.getBoundingClientRect();
    if (!all.some((h) => h.boxes.some((b) => meets(b, whole)))) {
      for (const h of all) h.last = false;
      pending = '';
      continue;
    }
    for (let i = 0; i < n.data.length; i++) {
      range.setStart(n, i);
      range.setEnd(n, i + 1);
      // White space decides nothing (where a line wraps it has no box, or one past the line's
      // end): it belongs to a highlight that goes on after it.
      if (/\\s/.test(n.data[i])) {
        pending += n.data[i];
        continue;
      }
      const c = range.getBoundingClientRect();
      if (c.width <= 0) continue;
      const x = c.left + c.width / 2;
      const y = c.top + c.height / 2;
      for (const h of all) {
        const hit = h.boxes.some((b) => inside(b, x, y));
        if (hit) h.text += (h.last ? pending : '') + n.data[i];
        h.last = hit;
      }
      pending = '';
    }
  }
  for (const h of all) delete h.last;
  return JSON.stringify(all);
}`;
