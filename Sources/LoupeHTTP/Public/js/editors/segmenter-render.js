// Draws the segmentation editor's canvas: the image, the label map as a colour layer (an image-sized
// canvas redrawn only where the map changed), the still-unlabelled pixels hatched in screen space so
// the stripes stay visible at any zoom, the polygon being drawn and the brush outline.

import { drawImage } from './annotator-render.js';
import { rgb } from './segmenter-config.js';

const FONT = '12px system-ui, -apple-system, "Segoe UI", sans-serif';
const HATCH = 'rgba(255, 0, 200, 0.75)';

/**
 * The colour layer of `map`: `update()` redraws what changed since the last call; `recolor()` after
 * colours change. `colorOf(value)` gives `#rrggbb` (or null: transparent) for a map value.
 */
export function createColorLayer(map, colorOf) {
  const canvas = document.createElement('canvas');
  canvas.width = map.width;
  canvas.height = map.height;
  const ctx = canvas.getContext('2d');
  const pixels = ctx.createImageData(map.width, map.height);
  const table = new Uint8Array(256 * 4);

  function recolor() {
    for (let value = 1; value < 256; value += 1) {
      const color = colorOf(value);
      if (color) table.set([...rgb(color), 255], value * 4);
      else table.set([0, 0, 0, 0], value * 4);
    }
    map.takeDirty();
    paint({ x0: 0, y0: 0, x1: map.width - 1, y1: map.height - 1 });
  }

  function paint(rect) {
    const { width, data } = map;
    const out = pixels.data;
    for (let y = rect.y0; y <= rect.y1; y += 1) {
      for (let x = rect.x0, i = y * width + x; x <= rect.x1; x += 1, i += 1) {
        const t = data[i] * 4;
        const o = i * 4;
        out[o] = table[t];
        out[o + 1] = table[t + 1];
        out[o + 2] = table[t + 2];
        out[o + 3] = table[t + 3];
      }
    }
    ctx.putImageData(pixels, 0, 0, rect.x0, rect.y0, rect.x1 - rect.x0 + 1, rect.y1 - rect.y0 + 1);
  }

  recolor();
  return {
    canvas,
    recolor,
    update() {
      const rect = map.takeDirty();
      if (rect) paint(rect);
    },
  };
}

let hatchTile = null;

/** A diagonal stripe tile (screen pixels) for the unlabelled area. */
function hatch(ctx, dpr) {
  if (!hatchTile || hatchTile.dpr !== dpr) {
    const size = Math.round(10 * dpr);
    const tile = document.createElement('canvas');
    tile.width = size;
    tile.height = size;
    const t = tile.getContext('2d');
    t.fillStyle = 'rgba(255, 0, 200, 0.12)';
    t.fillRect(0, 0, size, size);
    t.strokeStyle = HATCH;
    t.lineWidth = 1.75 * dpr;
    t.beginPath();
    for (const offset of [-size, 0, size]) {
      t.moveTo(offset, size);
      t.lineTo(offset + size, 0);
    }
    t.stroke();
    hatchTile = { dpr, tile };
  }
  return ctx.createPattern(hatchTile.tile, 'repeat');
}

let scratch = null;

/** The unlabelled pixels, hatched: stripes over the image rectangle minus the labelled pixels. */
function drawUnlabelled(ctx, view, layer) {
  const { width, height } = ctx.canvas;
  if (!scratch) scratch = document.createElement('canvas');
  if (scratch.width !== width || scratch.height !== height) {
    scratch.width = width;
    scratch.height = height;
  }
  const s = scratch.getContext('2d');
  s.globalCompositeOperation = 'source-over';
  s.setTransform(1, 0, 0, 1, 0, 0);
  s.clearRect(0, 0, width, height);
  const a = view.toScreen(0, 0);
  s.fillStyle = hatch(s, view.dpr);
  s.fillRect(a.x * view.dpr, a.y * view.dpr, view.image.width * view.scale * view.dpr, view.image.height * view.scale * view.dpr);
  s.globalCompositeOperation = 'destination-out';
  s.setTransform(view.dpr * view.scale, 0, 0, view.dpr * view.scale, view.dpr * view.x, view.dpr * view.y);
  s.imageSmoothingEnabled = false;
  s.drawImage(layer.canvas, 0, 0);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(scratch, 0, 0);
  ctx.setTransform(view.dpr, 0, 0, view.dpr, 0, 0);
}

function drawDraft(ctx, view, draft, color) {
  const points = draft.cursor ? [...draft.points, draft.cursor] : draft.points;
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  ctx.setLineDash([5, 3]);
  ctx.fillStyle = `rgba(${rgb(color).join(', ')}, 0.2)`;
  ctx.beginPath();
  points.forEach((p, i) => {
    const s = view.toScreen(p.x, p.y);
    if (i === 0) ctx.moveTo(s.x, s.y);
    else ctx.lineTo(s.x, s.y);
  });
  if (points.length >= 3) {
    ctx.closePath();
    ctx.fill();
  }
  ctx.stroke();
  ctx.setLineDash([]);
  draft.points.forEach((p, i) => {
    const s = view.toScreen(p.x, p.y);
    ctx.fillStyle = i === 0 && draft.closable ? '#ffffff' : color;
    ctx.fillRect(s.x - 3, s.y - 3, 6, 6);
    ctx.strokeStyle = '#000000';
    ctx.lineWidth = 1;
    ctx.strokeRect(s.x - 3, s.y - 3, 6, 6);
  });
  ctx.restore();
}

function drawBrush(ctx, view, brush) {
  const s = view.toScreen(brush.x, brush.y);
  const radius = Math.max(2, (brush.size / 2) * view.scale);
  ctx.save();
  ctx.lineWidth = 1.5;
  ctx.setLineDash(brush.erase ? [4, 3] : []);
  for (const [color, width] of [['rgba(0, 0, 0, 0.7)', 3], [brush.erase ? '#ffffff' : brush.color, 1.5]]) {
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.beginPath();
    ctx.arc(s.x, s.y, radius, 0, Math.PI * 2);
    ctx.stroke();
  }
  ctx.restore();
}

/**
 * Draws a frame. `scene` = {image?, message?, layer?, opacity, showUnlabelled, unlabelled (count),
 * draft?: {points, cursor, closable}, draftColor, brush?: {x, y, size, color, erase}}.
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
  if (scene.layer && view.image) {
    ctx.save();
    ctx.globalAlpha = scene.opacity;
    ctx.imageSmoothingEnabled = false;
    ctx.setTransform(view.dpr * view.scale, 0, 0, view.dpr * view.scale, view.dpr * view.x, view.dpr * view.y);
    ctx.drawImage(scene.layer.canvas, 0, 0);
    ctx.restore();
    if (scene.showUnlabelled && scene.unlabelled > 0) drawUnlabelled(ctx, view, scene.layer);
  }
  if (scene.message) {
    ctx.font = FONT;
    ctx.fillStyle = '#e5e7eb';
    ctx.textAlign = 'center';
    ctx.fillText(scene.message, view.width / 2, view.height / 2);
    ctx.textAlign = 'start';
  }
  if (scene.draft) drawDraft(ctx, view, scene.draft, scene.draftColor || '#38bdf8');
  if (scene.brush) drawBrush(ctx, view, scene.brush);
}
