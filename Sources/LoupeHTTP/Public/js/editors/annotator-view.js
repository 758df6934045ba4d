// The annotator's view transform: screen (canvas CSS pixels) = image pixels × scale + offset.
// Zoom around a point, pan, fit the image, and convert between image, canvas and client coordinates.

const MAX_SCALE = 40;

export function createView(canvas, onChange) {
  const view = {
    scale: 1,
    x: 0,
    y: 0,
    width: 0, // canvas size in CSS pixels
    height: 0,
    dpr: 1,
    image: null, // {width, height} once known
    fitted: false, // the image has been fitted once
    auto: true, // the user has not zoomed or panned since: keep fitting on resize

    toScreen(px, py) {
      return { x: px * view.scale + view.x, y: py * view.scale + view.y };
    },
    toImage(sx, sy) {
      return { x: (sx - view.x) / view.scale, y: (sy - view.y) / view.scale };
    },
    /** Image point under a client (viewport) position. */
    clientToImage(cx, cy) {
      const rect = canvas.getBoundingClientRect();
      return view.toImage(cx - rect.left, cy - rect.top);
    },
    /** Client (viewport) position of an image point. */
    imageToClient(px, py) {
      const rect = canvas.getBoundingClientRect();
      const s = view.toScreen(px, py);
      return { x: s.x + rect.left, y: s.y + rect.top };
    },
    /** Pixels of image per screen pixel, for hit tolerances. */
    tolerance(screenPixels) {
      return screenPixels / view.scale;
    },
    fitScale() {
      if (!view.image || !view.width || !view.height) return 1;
      const margin = 16;
      return Math.max(1e-4, Math.min((view.width - margin) / view.image.width, (view.height - margin) / view.image.height));
    },
    fit() {
      if (!view.image || view.width < 32 || view.height < 32) return;
      view.scale = view.fitScale();
      view.x = (view.width - view.image.width * view.scale) / 2;
      view.y = (view.height - view.image.height * view.scale) / 2;
      view.fitted = true;
      view.auto = true;
      onChange();
    },
    /** Zooms by `factor` keeping screen point (sx, sy) (default: the centre) still. */
    zoomAt(factor, sx = view.width / 2, sy = view.height / 2) {
      const min = Math.min(0.02, view.fitScale() / 4);
      const scale = Math.min(MAX_SCALE, Math.max(min, view.scale * factor));
      const anchor = view.toImage(sx, sy);
      view.scale = scale;
      view.x = sx - anchor.x * scale;
      view.y = sy - anchor.y * scale;
      view.auto = false;
      onChange();
    },
    /** Sets an absolute zoom (1 = one image pixel per CSS pixel) around the centre. */
    zoomTo(scale) {
      view.zoomAt(scale / view.scale);
    },
    panBy(dx, dy) {
      view.x += dx;
      view.y += dy;
      view.auto = false;
      onChange();
    },
    /** Pans so image point p is visible (centred when it is outside the view). */
    reveal(p) {
      const s = view.toScreen(p.x, p.y);
      if (s.x < 0 || s.y < 0 || s.x > view.width || s.y > view.height) {
        view.x += view.width / 2 - s.x;
        view.y += view.height / 2 - s.y;
        view.auto = false;
        onChange();
      }
    },
    /** Resizes the canvas backing store to its CSS size × devicePixelRatio, keeping the centre still. */
    resize(width, height) {
      const dpr = window.devicePixelRatio || 1;
      if (width === view.width && height === view.height && dpr === view.dpr) return;
      const centre = view.width ? view.toImage(view.width / 2, view.height / 2) : null;
      view.width = width;
      view.height = height;
      view.dpr = dpr;
      canvas.width = Math.max(1, Math.round(width * dpr));
      canvas.height = Math.max(1, Math.round(height * dpr));
      if (!view.fitted || view.auto) view.fit();
      else if (centre) {
        view.x = width / 2 - centre.x * view.scale;
        view.y = height / 2 - centre.y * view.scale;
      }
      onChange();
    },
    setImage(size) {
      view.image = size;
      view.fitted = false;
      view.fit();
    },
  };
  return view;
}
