// The segmentation editor's answers: the label map as the server expects it — `{width, height, masks:
// {"<label>": "<base64 PNG>", "<instance label>": ["<base64 PNG>", …]}}`, one 8-bit greyscale mask per
// label and per instance (255 where set) — and reading an earlier answer back (masks, or polygons
// rasterized later-over-earlier as the server does) for sent-back work and reviews.

import { createLabelMap } from './segmenter-map.js';
import { encodeGrayPNG, toBase64 } from './segmenter-png.js';

/** A base64 PNG mask of the pixels of `map` whose value is `value`. */
export function maskOf(map, value) {
  const { width, data } = map;
  const png = encodeGrayPNG(width, map.height, (y, row) => {
    for (let x = 0, i = y * width; x < width; x += 1, i += 1) row[x] = data[i] === value ? 255 : 0;
  });
  return toBase64(png);
}

/**
 * The answer for `map` and `instances` ([{label, value}]): labels and instances without a pixel are
 * left out; instances keep their order.
 */
export function answerOf(map, instances, config) {
  const masks = {};
  for (const leaf of config.leaves) {
    if (!leaf.instance && map.counts[leaf.value] > 0) masks[leaf.label] = maskOf(map, leaf.value);
  }
  for (const instance of instances) {
    if (!map.counts[instance.value]) continue;
    (masks[instance.label] ||= []).push(maskOf(map, instance.value));
  }
  return { width: map.width, height: map.height, masks };
}

/** Which pixels a PNG (base64 or data: URL) sets: a colour sample above zero and visible. */
function decodeMask(text, width, height) {
  return new Promise((resolve) => {
    const image = new Image();
    image.onload = () => {
      if (image.naturalWidth !== width || image.naturalHeight !== height) return resolve(null);
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      ctx.drawImage(image, 0, 0);
      const pixels = ctx.getImageData(0, 0, width, height).data;
      const set = new Uint8Array(width * height);
      for (let i = 0; i < set.length; i += 1) {
        const o = i * 4;
        set[i] = pixels[o + 3] > 0 && (pixels[o] || pixels[o + 1] || pixels[o + 2]) ? 1 : 0;
      }
      resolve(set);
    };
    image.onerror = () => resolve(null);
    const payload = String(text);
    const start = payload.indexOf('base64,');
    image.src = payload.startsWith('data:') ? payload : `data:image/png;base64,${start >= 0 ? payload.slice(start + 7) : payload}`;
  });
}

/**
 * Reads `answer` onto a `width`×`height` map. Resolves to {values, instances, skipped} (skipped counts
 * the parts that could not be used: unknown labels, unreadable or wrongly sized masks), or null when
 * the answer is not a segmentation of an image of this size.
 */
export async function readAnswer(answer, config, width, height) {
  if (!answer || typeof answer !== 'object') return null;
  if (Number(answer.width) !== width || Number(answer.height) !== height) return null;
  const map = createLabelMap(width, height);
  const instances = [];
  let skipped = 0;
  let next = config.firstInstanceValue;
  const valueFor = (label) => {
    const leaf = config.byLabel.get(label);
    if (!leaf) return null;
    if (!leaf.instance) return leaf.value;
    if (next > 255) return null;
    const number = instances.filter((instance) => instance.label === label).length + 1;
    instances.push({ id: `a${next}`, label, value: next, number });
    next += 1;
    return next - 1;
  };
  if (Array.isArray(answer.polygons)) {
    for (const polygon of answer.polygons) {
      const value = polygon && typeof polygon.label === 'string' ? valueFor(polygon.label) : null;
      const points = Array.isArray(polygon?.vertices) ? polygon.vertices.filter((v) => v && Number.isFinite(v.x) && Number.isFinite(v.y)) : [];
      if (value === null || points.length < 3) skipped += 1;
      else map.fillPolygon(points, value);
    }
  } else if (answer.masks && typeof answer.masks === 'object') {
    for (const [label, entry] of Object.entries(answer.masks)) {
      for (const text of Array.isArray(entry) ? entry : [entry]) {
        const set = typeof text === 'string' ? await decodeMask(text, width, height) : null;
        const value = set ? valueFor(label) : null;
        if (value === null) {
          skipped += 1;
          continue;
        }
        for (let i = 0; i < set.length; i += 1) if (set[i]) map.data[i] = value;
      }
    }
  } else {
    return null;
  }
  return { values: map.data, instances, skipped };
}
