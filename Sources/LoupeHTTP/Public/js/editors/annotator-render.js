// Draws the annotator's canvas: the image (from a mipmap pyramid so large images stay fast), read-only
// layers, reviewer overlays, the shapes with their labels and the selected shape's handles, the shape
// being drawn and the crosshair guides. Strokes are in screen pixels so they keep their width at any zoom.

import { bounds, cuboidCorners, handles, outline, splinePoints } from './annotator-shapes.js';

const FONT = '12px system-ui, -apple-system, "Segoe UI", sans-serif';

/**
 * Smaller copies of a large image (halving until it fits 1024 px), built asynchronously;
 * `done(levels)` receives [{source, factor}] with factor = level size / full size.
 */
function buildPyramid(image, done) {
  const levels = [{ source: image, factor: 1 }];
  let { naturalWidth: width, naturalHeight: height } = image;
  let source = image;
  const step = () => {
    if (Math.max(width, height) <= 1024) {
      done(levels);
      return;
    }
    width = Math.max(1, Math.round(width / 2));
    height = Math.max(1, Math.round(height / 2));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(source, 0, 0, width, height);
    levels.push({ source: canvas, factor: width / image.naturalWidth });
    source = canvas;
    setTimeout(step, 0);
  };
  setTimeout(step, 0);
}

/**
 * Loads and decodes an image: `ready(img, levels)` once it can be drawn, `levels(levels)` when the
 * smaller copies are built, `failed()` on error. Returns a function that stops listening.
 */
export function loadImage(url, { ready, levels, failed }) {
  let live = true;
  const img = new Image();
  img.decoding = 'async';
  img.onload = () => {
    (img.decode ? img.decode() : Promise.resolve()).catch(() => {}).then(() => {
      if (!live) return;
      ready(img, [{ source: img, factor: 1 }]);
      buildPyramid(img, (built) => live && levels(built));
    });
  };
  img.onerror = () => live && failed();
  img.src = url;
  return () => {
    live = false;
    img.onload = null;
    img.onerror = null;
  };
}

/**
 * Draws the visible part of `image` ({levels, size: {width, height, naturalWidth, naturalHeight}}) from
 * its best pyramid level, in image pixels under `view`; leaves the context in screen (CSS pixel) units.
 */
export function drawImage(ctx, view, image) {
  const { levels, size } = image;
  const need = view.scale * view.dpr; // level pixels wanted per image pixel, relative to the full image
  let level = levels[0];
  for (const candidate of levels) if (candidate.factor * (size.naturalWidth / size.width) >= need) level = candidate;
  const a = view.toImage(0, 0);
  const b = view.toImage(view.width, view.height);
  const x0 = Math.max(0, Math.floor(a.x));
  const y0 = Math.max(0, Math.floor(a.y));
  const x1 = Math.min(size.width, Math.ceil(b.x));
  const y1 = Math.min(size.height, Math.ceil(b.y));
  if (x1 <= x0 || y1 <= y0) return;
  const fx = (level.factor * size.naturalWidth) / size.width;
  const fy = (level.factor * size.naturalHeight) / size.height;
  ctx.setTransform(view.dpr * view.scale, 0, 0, view.dpr * view.scale, view.dpr * view.x, view.dpr * view.y);
  ctx.imageSmoothingEnabled = view.scale < 3;
  ctx.drawImage(level.source, x0 * fx, y0 * fy, (x1 - x0) * fx, (y1 - y0) * fy, x0, y0, x1 - x0, y1 - y0);
  ctx.setTransform(view.dpr, 0, 0, view.dpr, 0, 0);
}

/** Whether any of the shape can be on screen (cheap culling for images with many shapes). */
function onScreen(view, shape) {
  const b = bounds(shape);
  const a = view.toScreen(b.x, b.y);
  const margin = 24;
  return a.x <= view.width + margin && a.y <= view.height + margin
    && a.x + b.w * view.scale >= -margin && a.y + b.h * view.scale >= -margin;
}

function tracePolyline(ctx, view, points, closed) {
  points.forEach((p, i) => {
    const s = view.toScreen(p.x, p.y);
    if (i === 0) ctx.moveTo(s.x, s.y);
    else ctx.lineTo(s.x, s.y);
  });
  if (closed) ctx.closePath();
}

function alpha(color, opacity) {
  if (/^#[0-9a-f]{6}$/i.test(color)) {
    const n = parseInt(color.slice(1), 16);
    return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${opacity})`;
  }
  return color;
}

/** Strokes (and fills) one shape in `style` {color, width, dash, fill, vertexDots}. */
export function drawShape(ctx, view, shape, style) {
  ctx.save();
  ctx.strokeStyle = style.color;
  ctx.lineWidth = style.width || 2;
  ctx.setLineDash(style.dash || []);
  ctx.fillStyle = alpha(style.color, style.fill ?? 0.12);
  ctx.beginPath();
  switch (shape.kind) {
    case 'box': {
      const s = view.toScreen(shape.x, shape.y);
      ctx.rect(s.x, s.y, shape.w * view.scale, shape.h * view.scale);
      ctx.fill();
      ctx.stroke();
      break;
    }
    case 'polygon':
    case 'line': {
      const closed = shape.kind === 'polygon' && !shape.open;
      tracePolyline(ctx, view, shape.spline ? splinePoints(shape.points, closed) : shape.points, closed);
      if (closed) ctx.fill();
      ctx.stroke();
      if (style.vertexDots || shape.kind === 'line') {
        ctx.setLineDash([]);
        ctx.fillStyle = style.color;
        for (const p of shape.points) {
          const s = view.toScreen(p.x, p.y);
          ctx.fillRect(s.x - 2, s.y - 2, 4, 4);
        }
      }
      break;
    }
    case 'point': {
      const s = view.toScreen(shape.x, shape.y);
      ctx.setLineDash([]);
      ctx.arc(s.x, s.y, (style.width || 2) + 3, 0, Math.PI * 2);
      ctx.fillStyle = style.color;
      ctx.fill();
      ctx.strokeStyle = '#fff';
      ctx.lineWidth = 1.5;
      ctx.stroke();
      break;
    }
    case 'ellipse': {
      const s = view.toScreen(shape.cx, shape.cy);
      ctx.ellipse(s.x, s.y, Math.abs(shape.rx) * view.scale, Math.abs(shape.ry) * view.scale, shape.angle || 0, 0, Math.PI * 2);
      ctx.fill();
      ctx.stroke();
      break;
    }
    case 'cuboid': {
      const { tl, tr, br, bl, side } = cuboidCorners(shape);
      tracePolyline(ctx, view, [tl, tr, br, bl], true);
      ctx.fill();
      ctx.stroke();
      if (side) {
        ctx.beginPath();
        tracePolyline(ctx, view, [side.edgeTop, side.top, side.bottom, side.edgeBottom], true);
        ctx.fillStyle = alpha(style.color, (style.fill ?? 0.12) * 2);
        ctx.fill();
        ctx.stroke();
      }
      break;
    }
    default:
      break;
  }
  ctx.restore();
}

function drawTag(ctx, view, shape, text, color) {
  if (!text) return;
  const points = outline(shape);
  if (!points.length) return;
  let top = points[0];
  for (const p of points) if (p.y < top.y || (p.y === top.y && p.x < top.x)) top = p;
  const s = view.toScreen(top.x, top.y);
  ctx.font = FONT;
  const width = ctx.measureText(text).width + 8;
  const y = s.y - 18 < 0 ? s.y + 2 : s.y - 18;
  ctx.fillStyle = alpha(color, 0.85);
  ctx.fillRect(s.x, y, width, 16);
  ctx.fillStyle = '#fff';
  ctx.fillText(text, s.x + 4, y + 12);
}

function drawHandles(ctx, view, shape, color, canInsert, activeVertex) {
  for (const handle of handles(shape, canInsert)) {
    const s = view.toScreen(handle.x, handle.y);
    ctx.beginPath();
    if (handle.insert) {
      ctx.arc(s.x, s.y, 3.5, 0, Math.PI * 2);
      ctx.fillStyle = 'rgba(255,255,255,0.6)';
      ctx.fill();
      ctx.strokeStyle = color;
      ctx.lineWidth = 1;
      ctx.stroke();
    } else {
      ctx.rect(s.x - 4.5, s.y - 4.5, 9, 9);
      ctx.fillStyle = handle.id === activeVertex ? color : '#fff';
      ctx.fill();
      ctx.strokeStyle = color;
      ctx.lineWidth = 1.5;
      ctx.stroke();
    }
  }
}

/**
 * Draws a frame. `scene` = {image?: {levels, size}, message?, layers, showLayers, overlays: [{color,
 * name, shapes, visible}], shapes, selectedId, hoverId, colorOf(shape), tagOf(shape), draft, guide,
 * canInsert(shape), activeVertex, showTags}.
 */
export function render(ctx, view, scene) {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = '#1f2329';
  ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.setTransform(view.dpr, 0, 0, view.dpr, 0, 0);
  if (view.image) {
    const a = view.toScreen(0, 0);
    ctx.fillStyle = '#2d333b';
    ctx.fillRect(a.x, a.y, view.image.width * view.scale, view.image.height * view.scale);
  }
  if (scene.image) drawImage(ctx, view, scene.image);
  if (scene.message) {
    ctx.font = FONT;
    ctx.fillStyle = '#e5e7eb';
    ctx.textAlign = 'center';
    ctx.fillText(scene.message, view.width / 2, view.height / 2);
    ctx.textAlign = 'start';
  }
  if (scene.showLayers) {
    for (const shape of scene.layers) {
      if (!onScreen(view, shape)) continue;
      drawShape(ctx, view, shape, { color: '#fde047', width: 1.5, dash: [6, 4], fill: 0.04 });
      if (scene.showTags && shape.label) drawTag(ctx, view, shape, shape.label, '#a16207');
    }
  }
  for (const overlay of scene.overlays) {
    if (!overlay.visible) continue;
    for (const shape of overlay.shapes) {
      if (!onScreen(view, shape)) continue;
      drawShape(ctx, view, shape, { color: overlay.color, width: 2, dash: [10, 3], fill: 0.08 });
      if (scene.showTags) drawTag(ctx, view, shape, `${overlay.name}: ${shape.label || '—'}`, overlay.color);
    }
  }
  let selected = null;
  for (const shape of scene.shapes) {
    if (shape.id === scene.selectedId) {
      selected = shape;
      continue;
    }
    if (!onScreen(view, shape)) continue;
    const color = scene.colorOf(shape);
    drawShape(ctx, view, shape, { color, width: shape.id === scene.hoverId ? 3 : 2 });
    if (scene.showTags) drawTag(ctx, view, shape, scene.tagOf(shape), color);
  }
  if (selected) {
    const color = scene.colorOf(selected);
    drawShape(ctx, view, selected, { color, width: 3, fill: 0.22, vertexDots: true });
    if (scene.showTags) drawTag(ctx, view, selected, scene.tagOf(selected), color);
    if (scene.editable) drawHandles(ctx, view, selected, color, scene.canInsert(selected), scene.activeVertex);
  }
  if (scene.draft) drawShape(ctx, view, scene.draft, { color: scene.draftColor || '#38bdf8', width: 2, dash: [5, 3], fill: 0.1, vertexDots: true });
  if (scene.guide) {
    const s = view.toScreen(scene.guide.x, scene.guide.y);
    ctx.save();
    ctx.strokeStyle = 'rgba(255,255,255,0.55)';
    ctx.lineWidth = 1;
    ctx.setLineDash([4, 4]);
    ctx.beginPath();
    ctx.moveTo(0, Math.round(s.y) + 0.5);
    ctx.lineTo(view.width, Math.round(s.y) + 0.5);
    ctx.moveTo(Math.round(s.x) + 0.5, 0);
    ctx.lineTo(Math.round(s.x) + 0.5, view.height);
    ctx.stroke();
    ctx.restore();
  }
}
