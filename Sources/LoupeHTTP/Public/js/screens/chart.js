// The project screen's throughput chart: completions per time bucket as an SVG bar chart that
// redraws at its container's width.

import { h, clear, uid } from '../dom.js';

const SVG = 'http://www.w3.org/2000/svg';
function s(tag, attrs = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== null && value !== undefined) element.setAttribute(name, value);
  for (const child of children) element.append(child);
  return element;
}

function niceMax(value) {
  if (value <= 4) return 4;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((factor) => factor * power >= value / 4 - 1e-9) * power;
  return Math.ceil(value / step) * step;
}

/**
 * A bar chart of completions per bucket, drawn as SVG at the container's pixel width (redrawn on
 * resize): y axis with grid lines, x axis with hour labels, a <title> and <desc> summary, and a
 * tooltip <title> per bar. Returns {element, summary, destroy()}.
 */
export function throughputChart(points, bucketSeconds, testid) {
  const total = points.reduce((sum, point) => sum + (point.completed || 0), 0);
  const peak = points.reduce((best, point) => (!best || point.completed > best.completed ? point : best), null);
  const hours = Math.round((points.length * bucketSeconds) / 3600);
  const timeOf = (point) => new Date(point.start).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  const summary = total
    ? `${total.toLocaleString('en-US')} tasks completed in the last ${hours} hours; peak ${peak.completed} in the bucket starting ${timeOf(peak)}.`
    : `No tasks completed in the last ${hours} hours.`;
  const element = h('div', { class: 'chart' });
  const titleID = uid('chart-title');
  const draw = () => {
    const width = Math.max(280, Math.floor(element.clientWidth || 640));
    const height = 220;
    const margin = { top: 12, right: 12, bottom: 36, left: 44 };
    const plotW = width - margin.left - margin.right;
    const plotH = height - margin.top - margin.bottom;
    const max = niceMax(Math.max(0, ...points.map((point) => point.completed || 0)));
    const y = (value) => margin.top + plotH - (value / max) * plotH;
    const slot = plotW / Math.max(1, points.length);
    const svg = s('svg', {
      width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': titleID,
      'data-testid': testid, class: 'chart-svg',
    }, s('title', { id: titleID }, `Completed tasks per ${bucketSeconds === 3600 ? 'hour' : `${bucketSeconds} s`}: ${summary}`));
    const grid = s('g', { class: 'axis y-axis', 'aria-hidden': 'true' });
    for (let tick = 0; tick <= 4; tick += 1) {
      const value = (max / 4) * tick;
      grid.append(
        s('line', { x1: margin.left, x2: width - margin.right, y1: y(value), y2: y(value), class: tick ? 'grid' : 'baseline' }),
        s('text', { x: margin.left - 6, y: y(value) + 4, 'text-anchor': 'end' }, formatTick(value)));
    }
    const bars = s('g', { class: 'bars' });
    points.forEach((point, index) => {
      const value = point.completed || 0;
      const barH = y(0) - y(value);
      bars.append(s('rect', {
        x: margin.left + index * slot + Math.min(1, slot * 0.1), y: y(value), width: Math.max(1, slot - Math.min(2, slot * 0.2)),
        height: Math.max(0, barH), class: 'bar',
      }, s('title', {}, `${timeOf(point)}: ${value} completed`)));
    });
    const axis = s('g', { class: 'axis x-axis', 'aria-hidden': 'true' });
    const every = Math.max(1, Math.ceil(64 / slot));
    points.forEach((point, index) => {
      if (index % every !== 0) return;
      const date = new Date(point.start);
      const x = margin.left + index * slot + slot / 2;
      if (x > width - margin.right - 16) return;
      const label = date.getHours() === 0 && date.getMinutes() === 0
        ? date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })
        : date.toLocaleTimeString(undefined, { hour: 'numeric' });
      axis.append(s('line', { x1: x, x2: x, y1: y(0), y2: y(0) + 4, class: 'tick' }),
        s('text', { x, y: y(0) + 18, 'text-anchor': 'middle' }, label));
    });
    axis.append(s('text', { x: margin.left + plotW / 2, y: height - 2, 'text-anchor': 'middle', class: 'axis-label' }, 'time (local)'));
    const yLabel = s('text', { x: 0, y: 0, transform: `translate(12 ${margin.top + plotH / 2}) rotate(-90)`, 'text-anchor': 'middle', class: 'axis-label' }, 'completed');
    axis.append(yLabel);
    svg.append(grid, bars, axis);
    clear(element).append(svg);
  };
  let lastWidth = -1;
  const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(() => {
    if (element.clientWidth !== lastWidth) { lastWidth = element.clientWidth; draw(); }
  }) : null;
  if (observer) observer.observe(element);
  draw();
  return { element, summary, destroy: () => observer && observer.disconnect() };
}

function formatTick(value) {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(1);
}
