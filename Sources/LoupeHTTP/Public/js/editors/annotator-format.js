// Conversion between the annotator's shapes and Scale's answer/layer format (image pixels), and
// Scale's label trees (strings, or {choice, subchoices, display}; native {label, color} too).

import { KIND_NAMES, clamp, clampShape, copyShape, cuboidCorners, ellipsePoints, round2 } from './annotator-shapes.js';

/** A shape's geometry as Scale answers it, in image pixels rounded to 2 decimals (integers with `integer`). */
export function geometryAnswer(shape, size, integer = false) {
  const s = clampShape(copyShape(shape), size);
  const r = integer ? Math.round : round2;
  const lim = (v, max) => (size ? clamp(r(v), 0, max) : r(v));
  const px = (p) => ({ x: lim(p.x, size?.width), y: lim(p.y, size?.height) });
  switch (s.kind) {
    case 'box': {
      const left = lim(s.x, size?.width);
      const top = lim(s.y, size?.height);
      return { left, top, width: round2(lim(s.x + s.w, size?.width) - left), height: round2(lim(s.y + s.h, size?.height) - top) };
    }
    case 'polygon': return { vertices: s.points.map(px) };
    case 'line': return s.spline ? { vertices: s.points.map(px), spline: true } : { vertices: s.points.map(px) };
    case 'point': return px(s);
    case 'ellipse': return { vertices: ellipsePoints(s).map(px) };
    case 'cuboid': {
      const { tl, tr, br, bl, side } = cuboidCorners(s);
      const vertex = (p, description) => ({ ...px(p), type: 'vertex', description });
      const edge = (a, b, description) => {
        const [pa, pb] = [px(a), px(b)];
        return { x1: pa.x, y1: pa.y, x2: pb.x, y2: pb.y, type: 'edge', description };
      };
      const vertices = [vertex(tl, 'face-topleft'), vertex(bl, 'face-bottomleft'), vertex(tr, 'face-topright'), vertex(br, 'face-bottomright')];
      const edges = [edge(tl, tr, 'face-top'), edge(tr, br, 'face-right'), edge(br, bl, 'face-bottom'), edge(bl, tl, 'face-left')];
      if (side) {
        vertices.push(vertex(side.top, 'side-topcorner'), vertex(side.bottom, 'side-bottomcorner'));
        edges.push(edge(side.edgeTop, side.top, 'side-top'), edge(side.edgeBottom, side.bottom, 'side-bottom'));
      }
      return { vertices, edges };
    }
    default: return {};
  }
}

const num = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : Number.isFinite(Number(value)) && value !== null && value !== '' ? Number(value) : null);
const pointOf = (v) => (v && num(v.x) !== null && num(v.y) !== null ? { x: num(v.x), y: num(v.y) } : null);

/** Infers a shape's kind from its fields, for answers without a `type`. */
export function inferKind(a, fallback) {
  if (!a || typeof a !== 'object') return null;
  if (a.type && KIND_NAMES[a.type]) return a.type;
  if ('left' in a && 'width' in a) return 'box';
  if (Array.isArray(a.edges) || (Array.isArray(a.vertices) && a.vertices.some((v) => v && v.description))) return 'cuboid';
  if (Array.isArray(a.vertices)) return fallback === 'line' || fallback === 'polygon' || fallback === 'ellipse' ? fallback : 'polygon';
  if ('x' in a && 'y' in a) return 'point';
  return fallback || null;
}

/** A shape from one answer (or layer) entry of `kind`; null when it has no usable geometry. */
export function fromAnswer(a, kind) {
  if (!a || typeof a !== 'object' || !kind) return null;
  const base = { kind, label: typeof a.label === 'string' ? a.label : null, attributes: a.attributes && typeof a.attributes === 'object' ? { ...a.attributes } : {} };
  const vertices = Array.isArray(a.vertices) ? a.vertices.map(pointOf).filter(Boolean) : [];
  switch (kind) {
    case 'box': {
      const [x, y, w, h] = [num(a.left), num(a.top), num(a.width), num(a.height)];
      return [x, y, w, h].includes(null) ? null : { ...base, x, y, w, h };
    }
    case 'polygon':
    case 'line':
      return vertices.length ? { ...base, points: vertices, spline: Boolean(a.spline) } : null;
    case 'point': {
      const p = pointOf(a);
      return p ? { ...base, ...p } : null;
    }
    case 'ellipse': {
      if (vertices.length < 4) return null;
      const cx = vertices.reduce((t, p) => t + p.x, 0) / vertices.length;
      const cy = vertices.reduce((t, p) => t + p.y, 0) / vertices.length;
      const rx = Math.hypot(vertices[0].x - cx, vertices[0].y - cy);
      const ry = Math.hypot(vertices[1].x - cx, vertices[1].y - cy);
      return { ...base, cx, cy, rx, ry, angle: Math.atan2(vertices[0].y - cy, vertices[0].x - cx) };
    }
    case 'cuboid': return cuboidFromAnswer(a, base);
    default: return null;
  }
}

function cuboidFromAnswer(a, base) {
  const named = {};
  for (const v of Array.isArray(a.vertices) ? a.vertices : []) {
    const p = pointOf(v);
    if (p && v.description) named[v.description] = p;
  }
  const face = ['face-topleft', 'face-topright', 'face-bottomleft', 'face-bottomright'].map((key) => named[key]).filter(Boolean);
  const source = face.length >= 2 ? face : (Array.isArray(a.vertices) ? a.vertices.map(pointOf).filter(Boolean) : []);
  if (!source.length) return null;
  const xs = source.map((p) => p.x);
  const ys = source.map((p) => p.y);
  const shape = { ...base, x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys), dx: 0, dt: 0, db: 0 };
  const top = named['side-topcorner'];
  const bottom = named['side-bottomcorner'];
  if (face.length >= 2 && (top || bottom)) {
    const corner = top || bottom;
    const right = corner.x >= shape.x + shape.w / 2;
    shape.dx = corner.x - (right ? shape.x + shape.w : shape.x);
    shape.dt = top ? top.y - shape.y : (bottom.y - shape.y - shape.h);
    shape.db = bottom ? bottom.y - shape.y - shape.h : shape.dt;
  }
  return shape;
}

/** Distinct colours for labels that bring none, in order. */
export const PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#bfef45',
  '#fabed4', '#469990', '#dcbeff', '#9a6324', '#fffac8', '#800000', '#aaffc3', '#808000', '#ffd8b1', '#000075'];

/** A label tree: [{label, text, color?, children: [...] | null}] from Scale strings/choices or native {label}. */
export function labelTree(entries) {
  const out = [];
  for (const entry of Array.isArray(entries) ? entries : []) {
    if (typeof entry === 'string' && entry) out.push({ label: entry, text: entry, children: null });
    else if (entry && typeof entry === 'object') {
      const label = typeof entry.choice === 'string' ? entry.choice : typeof entry.label === 'string' ? entry.label : null;
      if (!label) continue;
      const children = Array.isArray(entry.subchoices) && entry.subchoices.length ? labelTree(entry.subchoices) : null;
      out.push({ label, text: typeof entry.display === 'string' && entry.display ? entry.display : label, color: entry.color, children });
    }
  }
  return out;
}

/** The leaves of a label tree, depth first, each once, with the names of the groups above them. */
export function leaves(tree, ancestors = [], seen = new Set(), out = []) {
  for (const node of tree) {
    if (node.children) leaves(node.children, [...ancestors, node.label], seen, out);
    else if (!seen.has(node.label)) {
      seen.add(node.label);
      out.push({ ...node, ancestors });
    }
  }
  return out;
}
