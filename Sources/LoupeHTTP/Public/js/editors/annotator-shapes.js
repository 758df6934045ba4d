// Geometry of the annotator's shapes, all in image pixels: bounds, hit-testing, handles, dragging,
// clamping into the image, and conversion to and from Scale's answer format.
//
// Shapes: box {x, y, w, h} · polygon/line {points: [{x, y}], spline?} · point {x, y} ·
// ellipse {cx, cy, rx, ry, angle} · cuboid {x, y, w, h (front face), dx, dt, db (side face:
// horizontal depth from the face's right edge when dx ≥ 0, else from its left edge; vertical shift of
// the side's top and bottom corners)}. Every shape also has id, kind, label and attributes.

export const KIND_NAMES = {
  box: 'Box', polygon: 'Polygon', line: 'Line', point: 'Point', cuboid: 'Cuboid', ellipse: 'Ellipse',
};

export const round2 = (value) => Math.round(value * 100) / 100;
export const clamp = (value, low, high) => Math.min(high, Math.max(low, value));
const distance = (a, b) => Math.hypot(a.x - b.x, a.y - b.y);

/** Distance from p to the segment a–b. */
export function segmentDistance(p, a, b) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = dx * dx + dy * dy;
  const t = length ? clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / length, 0, 1) : 0;
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

function insidePolygon(p, points) {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i, i += 1) {
    const a = points[i];
    const b = points[j];
    if ((a.y > p.y) !== (b.y > p.y) && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** A cardinal (Catmull-Rom) spline through `points`, sampled as a polyline. */
export function splinePoints(points, closed = false, steps = 12) {
  if (points.length < 3) return points.slice();
  const at = (i) => (closed ? points[(i + points.length) % points.length] : points[clamp(i, 0, points.length - 1)]);
  const out = [];
  const segments = closed ? points.length : points.length - 1;
  for (let i = 0; i < segments; i += 1) {
    const [p0, p1, p2, p3] = [at(i - 1), at(i), at(i + 1), at(i + 2)];
    for (let s = 0; s < steps; s += 1) {
      const t = s / steps;
      const t2 = t * t;
      const t3 = t2 * t;
      const f = (a, b, c, d) => 0.5 * (2 * b + (c - a) * t + (2 * a - 5 * b + 4 * c - d) * t2 + (3 * b - a - 3 * c + d) * t3);
      out.push({ x: f(p0.x, p1.x, p2.x, p3.x), y: f(p0.y, p1.y, p2.y, p3.y) });
    }
  }
  out.push(closed ? points[0] : points[points.length - 1]);
  return out;
}

/** The ellipse's four extremal points: both ends of its first axis, then of its second. */
export function ellipsePoints(e) {
  const cos = Math.cos(e.angle || 0);
  const sin = Math.sin(e.angle || 0);
  return [
    { x: e.cx + e.rx * cos, y: e.cy + e.rx * sin },
    { x: e.cx - e.ry * sin, y: e.cy + e.ry * cos },
    { x: e.cx - e.rx * cos, y: e.cy - e.rx * sin },
    { x: e.cx + e.ry * sin, y: e.cy - e.ry * cos },
  ];
}

/** A cuboid's named corners; `side` is null when it has no depth. */
export function cuboidCorners(c) {
  const tl = { x: c.x, y: c.y };
  const tr = { x: c.x + c.w, y: c.y };
  const br = { x: c.x + c.w, y: c.y + c.h };
  const bl = { x: c.x, y: c.y + c.h };
  const right = (c.dx || 0) >= 0;
  const edgeTop = right ? tr : tl;
  const edgeBottom = right ? br : bl;
  const hasSide = Math.abs(c.dx || 0) >= 0.5 || Math.abs(c.dt || 0) >= 0.5 || Math.abs(c.db || 0) >= 0.5;
  const side = hasSide
    ? { top: { x: edgeTop.x + c.dx, y: c.y + (c.dt || 0) }, bottom: { x: edgeBottom.x + c.dx, y: c.y + c.h + (c.db || 0) }, edgeTop, edgeBottom }
    : null;
  return { tl, tr, br, bl, side };
}

/** The points that outline a shape (for bounds, hit-testing and drawing). */
export function outline(shape) {
  switch (shape.kind) {
    case 'box':
      return [{ x: shape.x, y: shape.y }, { x: shape.x + shape.w, y: shape.y }, { x: shape.x + shape.w, y: shape.y + shape.h }, { x: shape.x, y: shape.y + shape.h }];
    case 'polygon': return shape.spline ? splinePoints(shape.points, true) : shape.points;
    case 'line': return shape.spline ? splinePoints(shape.points) : shape.points;
    case 'point': return [{ x: shape.x, y: shape.y }];
    case 'ellipse': {
      const out = [];
      for (let i = 0; i < 48; i += 1) {
        const t = (i / 48) * Math.PI * 2;
        const cos = Math.cos(shape.angle || 0);
        const sin = Math.sin(shape.angle || 0);
        const [u, v] = [shape.rx * Math.cos(t), shape.ry * Math.sin(t)];
        out.push({ x: shape.cx + u * cos - v * sin, y: shape.cy + u * sin + v * cos });
      }
      return out;
    }
    case 'cuboid': {
      const { tl, tr, br, bl, side } = cuboidCorners(shape);
      return side ? [tl, tr, br, bl, side.top, side.bottom] : [tl, tr, br, bl];
    }
    default: return [];
  }
}

/** {x, y, w, h} around a shape. */
export function bounds(shape) {
  const points = outline(shape);
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of points) {
    minX = Math.min(minX, p.x); minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x); maxY = Math.max(maxY, p.y);
  }
  if (minX === Infinity) return { x: 0, y: 0, w: 0, h: 0 };
  return { x: minX, y: minY, w: maxX - minX, h: maxY - minY };
}

/** Whether image point p touches the shape, `tolerance` image pixels around lines and points. */
export function hitShape(shape, p, tolerance) {
  switch (shape.kind) {
    case 'point': return distance(p, shape) <= tolerance * 1.5;
    case 'line': {
      const points = outline(shape);
      for (let i = 1; i < points.length; i += 1) if (segmentDistance(p, points[i - 1], points[i]) <= tolerance) return true;
      return points.length === 1 && distance(p, points[0]) <= tolerance;
    }
    case 'ellipse': {
      const cos = Math.cos(shape.angle || 0);
      const sin = Math.sin(shape.angle || 0);
      const [dx, dy] = [p.x - shape.cx, p.y - shape.cy];
      const u = (dx * cos + dy * sin) / (Math.abs(shape.rx) + tolerance);
      const v = (-dx * sin + dy * cos) / (Math.abs(shape.ry) + tolerance);
      return u * u + v * v <= 1;
    }
    case 'cuboid': {
      const { tl, tr, br, bl, side } = cuboidCorners(shape);
      if (insidePolygon(p, [tl, tr, br, bl])) return true;
      return Boolean(side && insidePolygon(p, [side.edgeTop, side.top, side.bottom, side.edgeBottom]));
    }
    default: {
      const points = outline(shape);
      if (insidePolygon(p, points)) return true;
      for (let i = 0; i < points.length; i += 1) {
        if (segmentDistance(p, points[i], points[(i + 1) % points.length]) <= tolerance) return true;
      }
      return false;
    }
  }
}

const boxHandles = (b) => [
  ['nw', b.x, b.y, 'nwse-resize'], ['n', b.x + b.w / 2, b.y, 'ns-resize'], ['ne', b.x + b.w, b.y, 'nesw-resize'],
  ['e', b.x + b.w, b.y + b.h / 2, 'ew-resize'], ['se', b.x + b.w, b.y + b.h, 'nwse-resize'],
  ['s', b.x + b.w / 2, b.y + b.h, 'ns-resize'], ['sw', b.x, b.y + b.h, 'nesw-resize'], ['w', b.x, b.y + b.h / 2, 'ew-resize'],
].map(([id, x, y, cursor]) => ({ id, x, y, cursor }));

/**
 * The handles of a selected shape: [{id, x, y, cursor, insert?}]. `canInsert` adds edge-midpoint handles
 * to polygons and lines (dragging one inserts a vertex).
 */
export function handles(shape, canInsert = false) {
  switch (shape.kind) {
    case 'box': return boxHandles(shape);
    case 'polygon':
    case 'line': {
      const list = shape.points.map((p, i) => ({ id: `v${i}`, x: p.x, y: p.y, cursor: 'move' }));
      if (canInsert) {
        const count = shape.kind === 'polygon' ? shape.points.length : shape.points.length - 1;
        for (let i = 0; i < count; i += 1) {
          const a = shape.points[i];
          const b = shape.points[(i + 1) % shape.points.length];
          list.push({ id: `m${i}`, x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, cursor: 'copy', insert: true });
        }
      }
      return list;
    }
    case 'ellipse': return ellipsePoints(shape).map((p, i) => ({ id: `a${i}`, x: p.x, y: p.y, cursor: 'crosshair' }));
    case 'cuboid': {
      const list = boxHandles(shape).filter((handle) => handle.id.length === 2);
      const { side, tr } = cuboidCorners(shape);
      const top = side ? side.top : { x: tr.x, y: tr.y };
      const bottom = side ? side.bottom : { x: tr.x, y: shape.y + shape.h };
      list.push({ id: 'st', x: top.x, y: top.y, cursor: 'crosshair' }, { id: 'sb', x: bottom.x, y: bottom.y, cursor: 'crosshair' });
      return list;
    }
    default: return [];
  }
}

/** The handle of `shape` within `tolerance` of p (vertices before insert handles), or null. */
export function hitHandle(shape, p, tolerance, canInsert = false) {
  let best = null;
  let bestDistance = tolerance;
  for (const handle of handles(shape, canInsert)) {
    const d = distance(p, handle) - (handle.insert ? 0.01 : 0);
    if (d <= bestDistance && !(best && !best.insert && handle.insert)) {
      best = handle;
      bestDistance = d;
    }
  }
  return best;
}

/** Applies dragging handle `id` to image point p, starting from `original` (a copy of the shape). */
export function dragHandle(shape, id, p, original) {
  if (shape.kind === 'box' || (shape.kind === 'cuboid' && id.length === 2 && id !== 'st' && id !== 'sb')) {
    let [left, top, right, bottom] = [original.x, original.y, original.x + original.w, original.y + original.h];
    if (id.includes('w')) left = p.x;
    if (id.includes('e')) right = p.x;
    if (id.includes('n')) top = p.y;
    if (id.includes('s')) bottom = p.y;
    Object.assign(shape, { x: Math.min(left, right), y: Math.min(top, bottom), w: Math.abs(right - left), h: Math.abs(bottom - top) });
  } else if (shape.kind === 'cuboid') {
    const right = p.x >= shape.x + shape.w / 2;
    shape.dx = p.x - (right ? shape.x + shape.w : shape.x);
    if (id === 'st') shape.dt = p.y - shape.y;
    else shape.db = p.y - (shape.y + shape.h);
  } else if (shape.kind === 'polygon' || shape.kind === 'line') {
    const index = Number(id.slice(1));
    shape.points[index] = { x: p.x, y: p.y };
  } else if (shape.kind === 'ellipse') {
    const index = Number(id.slice(1));
    const angle = Math.atan2(p.y - shape.cy, p.x - shape.cx);
    const length = Math.max(0.5, Math.hypot(p.x - shape.cx, p.y - shape.cy));
    if (index % 2 === 0) {
      shape.rx = length;
      shape.angle = index === 0 ? angle : angle - Math.PI;
    } else {
      shape.ry = length;
      shape.angle = index === 1 ? angle - Math.PI / 2 : angle + Math.PI / 2;
    }
  } else if (shape.kind === 'point') {
    Object.assign(shape, { x: p.x, y: p.y });
  }
}

/** Moves `shape` by (dx, dy) from `original`, kept inside the image when `size` is known. */
export function translate(shape, original, dx, dy, size) {
  if (size) {
    const b = bounds(original);
    dx = clamp(dx, -b.x, size.width - b.x - b.w);
    dy = clamp(dy, -b.y, size.height - b.y - b.h);
  }
  if (original.points) shape.points = original.points.map((p) => ({ x: p.x + dx, y: p.y + dy }));
  if ('x' in original) Object.assign(shape, { x: original.x + dx, y: original.y + dy });
  if ('cx' in original) Object.assign(shape, { cx: original.cx + dx, cy: original.cy + dy });
}

/** Keeps a shape inside an image of `size` ({width, height}); boxes are cut at the image's edges. */
export function clampShape(shape, size) {
  if (!size) return shape;
  const [W, H] = [size.width, size.height];
  if (shape.kind === 'box' || shape.kind === 'cuboid') {
    const left = clamp(shape.x, 0, W);
    const top = clamp(shape.y, 0, H);
    const right = clamp(shape.x + shape.w, 0, W);
    const bottom = clamp(shape.y + shape.h, 0, H);
    Object.assign(shape, { x: left, y: top, w: right - left, h: bottom - top });
    if (shape.kind === 'cuboid') {
      const edge = (shape.dx || 0) >= 0 ? shape.x + shape.w : shape.x;
      shape.dx = clamp(edge + (shape.dx || 0), 0, W) - edge;
      shape.dt = clamp(shape.y + (shape.dt || 0), 0, H) - shape.y;
      shape.db = clamp(shape.y + shape.h + (shape.db || 0), 0, H) - (shape.y + shape.h);
    }
  } else if (shape.points) {
    shape.points = shape.points.map((p) => ({ x: clamp(p.x, 0, W), y: clamp(p.y, 0, H) }));
  } else if (shape.kind === 'point') {
    Object.assign(shape, { x: clamp(shape.x, 0, W), y: clamp(shape.y, 0, H) });
  } else if (shape.kind === 'ellipse') {
    Object.assign(shape, { cx: clamp(shape.cx, 0, W), cy: clamp(shape.cy, 0, H) });
  }
  return shape;
}

/** A plain copy of a shape. */
export function copyShape(shape) {
  const copy = { ...shape, attributes: structuredCloneSafe(shape.attributes || {}) };
  if (shape.points) copy.points = shape.points.map((p) => ({ x: p.x, y: p.y }));
  return copy;
}

function structuredCloneSafe(value) {
  return JSON.parse(JSON.stringify(value));
}
