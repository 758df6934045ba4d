// The segmentation editor's label map: one byte per image pixel (0 = unlabelled, else the value of a
// label or of one instance), with a count per value, and the painting operations — polygon fill (the
// server's rule: even-odd, pixel centres), round brush strokes, fill of what is still unlabelled and
// replacing one value. Every change inside begin()…end() is recorded (pixel, old value) so it can be
// undone and redone; the rectangle changed since the last takeDirty() tells the renderer what to redraw.

/** A growable pair of arrays: changed pixel offsets and their values before the change. */
function changeLog() {
  let indices = new Int32Array(1024);
  let old = new Uint8Array(1024);
  let length = 0;
  return {
    push(index, value) {
      if (length === indices.length) {
        const moreIndices = new Int32Array(length * 2);
        moreIndices.set(indices);
        indices = moreIndices;
        const moreOld = new Uint8Array(length * 2);
        moreOld.set(old);
        old = moreOld;
      }
      indices[length] = index;
      old[length] = value;
      length += 1;
    },
    finish: () => ({ indices: indices.slice(0, length), old: old.slice(0, length) }),
    get length() {
      return length;
    },
  };
}

/**
 * A `width`×`height` label map. Painting calls take `value` (0 erases) and `onlyUnlabelled` (leave
 * labelled pixels alone).
 */
export function createLabelMap(width, height) {
  const data = new Uint8Array(width * height);
  const counts = new Float64Array(256);
  counts[0] = width * height;
  let log = null;
  let logValue = 0;
  let dirty = null;

  const touch = (x0, y0, x1, y1) => {
    if (!dirty) dirty = { x0, y0, x1, y1 };
    else {
      dirty.x0 = Math.min(dirty.x0, x0);
      dirty.y0 = Math.min(dirty.y0, y0);
      dirty.x1 = Math.max(dirty.x1, x1);
      dirty.y1 = Math.max(dirty.y1, y1);
    }
  };

  /** Sets columns x0…x1 (inclusive) of row y. */
  function span(y, x0, x1, value, onlyUnlabelled) {
    const first = Math.max(0, x0);
    const last = Math.min(width - 1, x1);
    if (y < 0 || y >= height || first > last) return;
    let changed = false;
    for (let i = y * width + first, end = y * width + last; i <= end; i += 1) {
      const before = data[i];
      if (before === value || (onlyUnlabelled && before !== 0)) continue;
      if (log) log.push(i, before);
      counts[before] -= 1;
      counts[value] += 1;
      data[i] = value;
      changed = true;
    }
    if (changed) touch(first, y, last, y);
  }

  const map = {
    width,
    height,
    data,
    counts,
    /** Starts recording an edit that paints `value`. */
    begin(value) {
      log = changeLog();
      logValue = value;
    },
    /** Stops recording; returns the edit ({value, indices, old}) or null when no pixel changed. */
    end() {
      const current = log;
      log = null;
      return current && current.length ? { value: logValue, ...current.finish() } : null;
    },
    /** Fills a polygon (image pixels) by the server's rule: pixel centres inside, even-odd. */
    fillPolygon(points, value, onlyUnlabelled = false) {
      if (points.length < 3) return;
      const ys = points.map((p) => p.y);
      const top = Math.max(0, Math.floor(Math.min(...ys) - 0.5));
      const bottom = Math.min(height - 1, Math.ceil(Math.max(...ys)));
      for (let row = top; row <= bottom; row += 1) {
        const y = row + 0.5;
        const crossings = [];
        for (let i = 0; i < points.length; i += 1) {
          const a = points[i];
          const b = points[(i + 1) % points.length];
          if ((a.y <= y && y < b.y) || (b.y <= y && y < a.y)) crossings.push(a.x + ((y - a.y) / (b.y - a.y)) * (b.x - a.x));
        }
        crossings.sort((p, q) => p - q);
        for (let k = 0; k + 1 < crossings.length; k += 2) {
          const from = Math.max(-1, Math.min(width + 1, crossings[k]));
          const to = Math.max(-1, Math.min(width + 1, crossings[k + 1]));
          span(row, Math.ceil(from - 0.5), Math.ceil(to - 0.5) - 1, value, onlyUnlabelled);
        }
      }
    },
    /**
     * Paints a round brush `size` pixels across swept from image point `from` to `to`: the pixel centres
     * within size/2 of the path. The path's ends snap to pixel centres (odd sizes) or corners (even
     * sizes), so a size-1 brush paints exactly the pixels under the pointer.
     */
    stroke(from, to, size, value, onlyUnlabelled = false) {
      const whole = Math.max(1, Math.round(size));
      const snap = (p) => (whole % 2 ? { x: Math.floor(p.x) + 0.5, y: Math.floor(p.y) + 0.5 } : { x: Math.round(p.x), y: Math.round(p.y) });
      const [a, b, r] = [snap(from), snap(to), whole / 2];
      const top = Math.floor(Math.min(a.y, b.y) - r);
      const bottom = Math.ceil(Math.max(a.y, b.y) + r);
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const length2 = dx * dx + dy * dy;
      for (let row = Math.max(0, top); row <= Math.min(height - 1, bottom); row += 1) {
        const cy = row + 0.5;
        // The columns whose centres lie within r of the segment: scan the row's reach and keep a run.
        const left = Math.max(0, Math.floor(Math.min(a.x, b.x) - r));
        const right = Math.min(width - 1, Math.ceil(Math.max(a.x, b.x) + r));
        let start = -1;
        for (let column = left; column <= right + 1; column += 1) {
          let inside = false;
          if (column <= right) {
            const cx = column + 0.5;
            const t = length2 ? Math.max(0, Math.min(1, ((cx - a.x) * dx + (cy - a.y) * dy) / length2)) : 0;
            const ex = a.x + t * dx - cx;
            const ey = a.y + t * dy - cy;
            inside = ex * ex + ey * ey <= r * r;
          }
          if (inside && start < 0) start = column;
          else if (!inside && start >= 0) {
            span(row, start, column - 1, value, onlyUnlabelled);
            start = -1;
          }
        }
      }
    },
    /** Gives every unlabelled pixel `value`. */
    fillUnlabelled(value) {
      for (let row = 0; row < height; row += 1) span(row, 0, width - 1, value, true);
    },
    /** Turns every pixel of value `from` into `value` (used to delete an instance). */
    replace(from, value) {
      if (!counts[from]) return;
      for (let row = 0; row < height; row += 1) {
        let start = -1;
        for (let column = 0, i = row * width; column <= width; column += 1, i += 1) {
          const match = column < width && data[i] === from;
          if (match && start < 0) start = column;
          else if (!match && start >= 0) {
            span(row, start, column - 1, value, false);
            start = -1;
          }
        }
      }
    },
    /** Undoes (forward false) or redoes (forward true) an edit that end() returned. */
    apply(edit, forward) {
      const { indices, old, value } = edit;
      let [x0, y0, x1, y1] = [width, height, -1, -1];
      for (let k = 0; k < indices.length; k += 1) {
        const i = indices[k];
        const to = forward ? value : old[k];
        counts[data[i]] -= 1;
        counts[to] += 1;
        data[i] = to;
        const x = i % width;
        const y = (i - x) / width;
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
      if (x1 >= 0) touch(x0, y0, x1, y1);
    },
    /** Replaces the whole map with `values` (same size), unrecorded; marks everything dirty. */
    load(values) {
      data.set(values);
      counts.fill(0);
      for (let i = 0; i < data.length; i += 1) counts[data[i]] += 1;
      touch(0, 0, width - 1, height - 1);
    },
    /** The value at image point (x, y), or null outside the image. */
    valueAt(x, y) {
      const column = Math.floor(x);
      const row = Math.floor(y);
      return column < 0 || row < 0 || column >= width || row >= height ? null : data[row * width + column];
    },
    /** The rectangle changed since the last call ({x0, y0, x1, y1}, inclusive), or null. */
    takeDirty() {
      const out = dirty;
      dirty = null;
      return out;
    },
  };
  return map;
}
