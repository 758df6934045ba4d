// Helpers the canvas editors' panels share (annotator-panel.js, segmenter-panel.js): toolbar icons and
// keeping keyboard focus on the same control when a panel is drawn anew.

/** A small stroked SVG icon (decorative) drawn from an SVG path. */
export function icon(path) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'annotator-icon');
  const shape = document.createElementNS(ns, 'path');
  shape.setAttribute('d', path);
  svg.append(shape);
  return svg;
}

/** Runs `render()` and puts keyboard focus back on the "same" control (matched by data-focus). */
export function keepFocus(root, render) {
  const active = document.activeElement;
  const key = active && root.contains(active) ? active.getAttribute('data-focus') : null;
  render();
  if (key) {
    const again = root.querySelector(`[data-focus="${CSS.escape(key)}"]`);
    if (again) again.focus();
  }
}
