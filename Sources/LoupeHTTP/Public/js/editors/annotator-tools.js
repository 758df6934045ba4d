// The annotator's drawing tools: the shape being drawn (a box/ellipse/cuboid face dragged out, the
// vertices of a polygon or line, a cuboid's depth), finishing and cancelling it. Pointer events are
// turned into these calls by annotator-pointer.js; Enter/Escape/Backspace by the editor's actions.
//
// `ed` is the editor's side: {state, view, settings(kind), size(), add(fields), invalidate(), hint(text)}.

import { clamp, clampShape } from './annotator-shapes.js';

const CLOSE_DISTANCE = 9; // screen pixels from the first vertex that close a polygon

export function createTools(ed) {
  const { state, view } = ed;

  /** Keeps an image point inside the image (when its size is known). */
  const inside = (p) => {
    const size = ed.size();
    return size ? { x: clamp(p.x, 0, size.width), y: clamp(p.y, 0, size.height) } : p;
  };

  function boxFrom(a, b) {
    return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(b.x - a.x), h: Math.abs(b.y - a.y) };
  }

  function dragShape(kind, a, b) {
    const box = boxFrom(a, b);
    if (kind === 'ellipse') return { kind, cx: box.x + box.w / 2, cy: box.y + box.h / 2, rx: box.w / 2, ry: box.h / 2, angle: 0 };
    if (kind === 'cuboid') return { kind, ...box, dx: 0, dt: 0, db: 0, phase: 'face' };
    return { kind: 'box', ...box };
  }

  function setDepth(draft, p) {
    const right = p.x >= draft.x + draft.w / 2;
    draft.dx = p.x - (right ? draft.x + draft.w : draft.x);
    draft.dt = p.y - (draft.y + draft.h / 2);
    draft.db = draft.dt;
    clampShape(draft, ed.size());
  }

  /** The shape being drawn as the renderer should show it (with the rubber band to the pointer). */
  function draftShape() {
    const draft = state.draft;
    if (!draft) return null;
    if (draft.points) {
      const points = draft.cursor ? [...draft.points, draft.cursor] : draft.points;
      return { kind: draft.kind, points, open: true, spline: draft.spline };
    }
    return draft;
  }

  function addVertex(kind, p) {
    const settings = ed.settings(kind);
    if (!state.draft) state.draft = { kind, points: [], cursor: null, spline: kind === 'line' && settings.splines };
    const draft = state.draft;
    const last = draft.points[draft.points.length - 1];
    const first = draft.points[0];
    const near = (q) => q && Math.hypot(q.x - p.x, q.y - p.y) * view.scale <= CLOSE_DISTANCE;
    if (kind === 'polygon' && draft.points.length >= 3 && near(first)) return finish();
    if (last && Math.hypot(last.x - p.x, last.y - p.y) * view.scale <= 3) return true; // a double click's 2nd click
    draft.points.push(p);
    if (draft.points.length >= settings.maxVertices) return finish();
    ed.hint(kind === 'polygon'
      ? 'Click to add vertices; Enter or a click on the first vertex closes the polygon; Backspace removes the last one; Escape cancels.'
      : 'Click to add vertices; Enter or a double click finishes the line; Backspace removes the last one; Escape cancels.');
    ed.invalidate();
    return true;
  }

  /** Completes the shape being drawn (Enter). Returns false when nothing was being drawn. */
  function finish() {
    const draft = state.draft;
    if (!draft) return false;
    if (draft.kind === 'cuboid') {
      if (draft.phase !== 'depth') return true;
      state.draft = null;
      const { x, y, w, h, dx, dt, db } = draft;
      ed.hint('');
      ed.add({ kind: 'cuboid', x, y, w, h, dx, dt, db });
      return true;
    }
    if (!draft.points) return true;
    const settings = ed.settings(draft.kind);
    if (draft.points.length < settings.drawMinVertices) {
      ed.hint(`A ${draft.kind} needs at least ${settings.drawMinVertices} vertices — add more, or press Escape to cancel.`);
      return true;
    }
    state.draft = null;
    ed.hint('');
    ed.add({ kind: draft.kind, points: draft.points, spline: Boolean(draft.spline) });
    return true;
  }

  /** Escape while drawing: drops the shape being drawn. Returns false when nothing was being drawn. */
  function cancelDraft() {
    if (!state.draft) return false;
    state.draft = null;
    ed.hint('');
    ed.invalidate();
    return true;
  }

  /** Backspace/Undo while drawing: removes the last vertex placed. Returns false when not drawing. */
  function removeDraftVertex() {
    const draft = state.draft;
    if (!draft) return false;
    if (draft.points && draft.points.length > 1) draft.points.pop();
    else state.draft = null;
    ed.invalidate();
    return true;
  }

  return { inside, dragShape, setDepth, draftShape, addVertex, finish, cancelDraft, removeDraftVertex };
}
