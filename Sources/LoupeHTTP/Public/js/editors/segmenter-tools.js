// The segmentation editor's drawing tools: the polygon being drawn (click vertices, close it to fill
// with the current label) and brush/eraser strokes. Pointer events are turned into these calls by
// segmenter-pointer.js; Enter/Escape/Backspace by the editor's actions.
//
// `ed` is the editor's side: {state, view, size(), startEdit({erase}) → edit | null, fillPolygon(points),
// invalidate(), hint(text)}; an edit is {stroke(from, to), done()}.

const CLOSE_DISTANCE = 9; // screen pixels from the first vertex that close a polygon

/** The drawing tools over the editor's side `ed` (see the top of this file). */
export function createTools(ed) {
  const { state, view } = ed;
  let stroke = null; // {edit, last}

  /** Keeps an image point inside the image. */
  const inside = (p) => {
    const size = ed.size();
    return size ? { x: Math.min(size.width, Math.max(0, p.x)), y: Math.min(size.height, Math.max(0, p.y)) } : p;
  };
  const nearFirst = (p) => {
    const draft = state.draft;
    return Boolean(draft && draft.points.length >= 3 && Math.hypot(draft.points[0].x - p.x, draft.points[0].y - p.y) * view.scale <= CLOSE_DISTANCE);
  };

  /** Adds a polygon vertex at image point p (a click on the first vertex closes the polygon). */
  function addVertex(p) {
    if (!state.draft) state.draft = { points: [], cursor: null, closable: false };
    const draft = state.draft;
    const last = draft.points[draft.points.length - 1];
    if (nearFirst(p)) return finish();
    if (last && Math.hypot(last.x - p.x, last.y - p.y) * view.scale <= 3) return true; // a double click's 2nd click
    draft.points.push(inside(p));
    ed.hint('Click to add vertices; Enter or a click on the first vertex fills the polygon; Backspace removes the last one; Escape cancels.');
    ed.invalidate();
    return true;
  }

  /** The pointer moved to p: the rubber band follows it. */
  function hover(p) {
    if (!state.draft) return;
    state.draft.cursor = inside(p);
    state.draft.closable = nearFirst(p);
  }

  /** Fills the polygon being drawn (Enter). Returns false when none was being drawn. */
  function finish() {
    const draft = state.draft;
    if (!draft) return false;
    if (draft.points.length < 3) {
      ed.hint('A polygon needs at least 3 vertices — add more, or press Escape to cancel.');
      return true;
    }
    state.draft = null;
    ed.hint('');
    ed.fillPolygon(draft.points);
    return true;
  }

  /** Escape while drawing: drops the polygon. Returns false when none was being drawn. */
  function cancelDraft() {
    if (!state.draft) return false;
    state.draft = null;
    ed.hint('');
    ed.invalidate();
    return true;
  }

  /** Backspace while drawing: removes the last vertex placed. Returns false when not drawing. */
  function removeDraftVertex() {
    const draft = state.draft;
    if (!draft) return false;
    if (draft.points.length > 1) draft.points.pop();
    else state.draft = null;
    ed.invalidate();
    return true;
  }

  /** Starts a brush (or eraser) stroke at p; returns false when there is nothing to paint with. */
  function strokeStart(p, erase) {
    const edit = ed.startEdit({ erase });
    if (!edit) return false;
    stroke = { edit, last: inside(p) };
    edit.stroke(stroke.last, stroke.last);
    ed.invalidate();
    return true;
  }

  function strokeTo(p) {
    if (!stroke) return;
    const next = inside(p);
    stroke.edit.stroke(stroke.last, next);
    stroke.last = next;
    ed.invalidate();
  }

  function strokeEnd() {
    if (!stroke) return;
    const { edit } = stroke;
    stroke = null;
    edit.done();
  }

  return { inside, addVertex, hover, finish, cancelDraft, removeDraftVertex, strokeStart, strokeTo, strokeEnd, painting: () => Boolean(stroke) };
}
