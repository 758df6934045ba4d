// Pointer interaction on the annotator's canvas (mouse, pen and touch through pointer events, with
// pointer capture): drawing with the current tool, selecting, moving, resizing and vertex editing,
// panning (Space+drag, middle/right drag, the pan tool, one-finger drag when not drawing), wheel and
// pinch zoom.
//
// `ed` is the editor's side: {state, view, canvas, readOnly, size(), selected(), select(id),
// canInsert(shape), begin() → snapshot, end(snapshot), add(fields), removeVertex(shape, index),
// invalidate(), hint(text), pointer(p)}; `tools` the drawing tools (annotator-tools.js).

import { copyShape, dragHandle, hitHandle, hitShape, translate, clampShape } from './annotator-shapes.js';

const CLICK_SLOP = 4; // screen pixels a click may move before it counts as a drag

export function createPointer(ed, tools) {
  const { inside, dragShape, setDepth, addVertex, finish } = tools;
  const { state, view, canvas } = ed;
  let gesture = null;
  let spaceHeld = false;
  const touches = new Map();
  let pinch = null;

  const local = (event) => {
    const rect = canvas.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };
  const setCursor = (cursor) => {
    if (canvas.style.cursor !== cursor) canvas.style.cursor = cursor;
  };

  function shapeAt(p) {
    const tolerance = view.tolerance(6);
    const selected = ed.selected();
    if (selected && hitShape(selected, p, tolerance)) return selected;
    for (let i = state.shapes.length - 1; i >= 0; i -= 1) if (hitShape(state.shapes[i], p, tolerance)) return state.shapes[i];
    return null;
  }

  function handleAt(p) {
    const selected = ed.selected();
    if (!selected || ed.readOnly || state.draft) return null;
    return hitHandle(selected, p, view.tolerance(8), ed.canInsert(selected));
  }

  function abortGesture() {
    if (!gesture) return false;
    if (gesture.original && gesture.shape) Object.assign(gesture.shape, copyShape(gesture.original));
    if (gesture.type === 'drag-new') state.draft = null;
    gesture = null;
    ed.invalidate();
    return true;
  }

  function hover(p) {
    state.guide = ['box', 'ellipse', 'cuboid'].includes(state.tool) && !ed.readOnly && !(state.draft && state.draft.phase === 'depth') ? p : null;
    if (state.draft && state.draft.points) state.draft.cursor = inside(p);
    if (state.draft && state.draft.phase === 'depth') setDepth(state.draft, inside(p));
    const handle = handleAt(p);
    const shape = handle ? null : shapeAt(p);
    const hoverId = state.tool === 'select' || ed.readOnly ? shape?.id ?? null : null;
    if (hoverId !== state.hoverId || state.guide || state.draft) {
      state.hoverId = hoverId;
      ed.invalidate();
    }
    if (spaceHeld || state.tool === 'pan') setCursor('grab');
    else if (handle) setCursor(handle.cursor);
    else if (state.tool === 'select' || ed.readOnly) setCursor(shape ? (ed.readOnly ? 'pointer' : 'move') : 'default');
    else setCursor('crosshair');
  }

  function down(event) {
    if (event.pointerType === 'touch') {
      touches.set(event.pointerId, local(event));
      if (touches.size === 2) {
        abortGesture();
        const [a, b] = [...touches.values()];
        pinch = { distance: Math.hypot(a.x - b.x, a.y - b.y), mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } };
        return;
      }
    }
    canvas.focus({ preventScroll: true });
    if (gesture || pinch) return;
    const panning = event.button === 1 || event.button === 2 || spaceHeld || state.tool === 'pan';
    if (event.button !== 0 && !panning) return;
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    const s = local(event);
    const p = view.toImage(s.x, s.y);
    gesture = { pointerId: event.pointerId, start: s, last: s, startImage: p, moved: false, type: 'pan' };
    if (panning) return setCursor('grabbing');
    if (ed.readOnly) return void (gesture.type = 'pan-or-select');
    if (state.draft && state.draft.points) return void (gesture.type = 'vertex');
    if (state.draft && state.draft.phase === 'depth') return void (gesture.type = 'depth');
    const handle = handleAt(p);
    if (handle) {
      const shape = ed.selected();
      if (event.altKey && handle.id.startsWith('v')) {
        gesture = null;
        return ed.removeVertex(shape, Number(handle.id.slice(1)));
      }
      Object.assign(gesture, { type: 'handle', shape, before: ed.begin(), handle: handle.id });
      if (handle.insert) {
        const index = Number(handle.id.slice(1)) + 1;
        shape.points.splice(index, 0, { x: handle.x, y: handle.y });
        gesture.handle = `v${index}`;
      }
      state.activeVertex = gesture.handle.startsWith('v') ? gesture.handle : null;
      gesture.original = copyShape(shape);
      return ed.invalidate();
    }
    state.activeVertex = null;
    const tool = state.tool;
    const hit = tool === 'select' || tool === 'point' ? shapeAt(p) : null;
    if (hit && (tool === 'select' || hit.kind === 'point')) {
      ed.select(hit.id);
      return void Object.assign(gesture, { type: 'move', shape: hit, original: copyShape(hit), before: ed.begin() });
    }
    if (tool === 'select') return ed.select(null);
    if (tool === 'box' || tool === 'ellipse' || tool === 'cuboid') return void Object.assign(gesture, { type: 'drag-new', startImage: inside(p) });
    gesture.type = 'vertex'; // polygon, line and point tools place on release; a drag pans instead
  }

  function move(event) {
    if (pinch && touches.has(event.pointerId)) {
      touches.set(event.pointerId, local(event));
      const [a, b] = [...touches.values()];
      const distance = Math.hypot(a.x - b.x, a.y - b.y);
      const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
      view.panBy(mid.x - pinch.mid.x, mid.y - pinch.mid.y);
      if (pinch.distance > 0) view.zoomAt(distance / pinch.distance, mid.x, mid.y);
      pinch = { distance, mid };
      return;
    }
    const s = local(event);
    const p = view.toImage(s.x, s.y);
    ed.pointer(p);
    if (!gesture || event.pointerId !== gesture.pointerId) return hover(p);
    if (!gesture.moved && Math.hypot(s.x - gesture.start.x, s.y - gesture.start.y) > CLICK_SLOP) gesture.moved = true;
    if (!gesture.moved) return;
    switch (gesture.type) {
      case 'pan':
      case 'pan-or-select':
      case 'vertex':
        view.panBy(s.x - gesture.last.x, s.y - gesture.last.y);
        gesture.last = s;
        setCursor('grabbing');
        return;
      case 'handle':
        dragHandle(gesture.shape, gesture.handle, inside(p), gesture.original);
        break;
      case 'move':
        translate(gesture.shape, gesture.original, p.x - gesture.startImage.x, p.y - gesture.startImage.y, ed.size());
        break;
      case 'drag-new':
        state.draft = dragShape(state.tool, gesture.startImage, inside(p));
        state.guide = p;
        break;
      case 'depth':
        setDepth(state.draft, inside(p));
        break;
      default:
        return;
    }
    ed.invalidate();
  }

  function up(event) {
    if (touches.delete(event.pointerId) && pinch) {
      if (touches.size < 2) pinch = null;
      return;
    }
    if (!gesture || event.pointerId !== gesture.pointerId) return;
    const g = gesture;
    gesture = null;
    const s = local(event);
    const p = view.toImage(s.x, s.y);
    switch (g.type) {
      case 'pan-or-select':
        if (!g.moved) ed.select(shapeAt(p)?.id ?? null);
        break;
      case 'handle':
      case 'move':
        if (g.shape.kind === 'box' || g.shape.kind === 'cuboid') clampShape(g.shape, ed.size());
        ed.end(g.before);
        break;
      case 'vertex':
        if (g.moved) break;
        if (state.draft && state.draft.points) addVertex(state.draft.kind, inside(p));
        else if (state.tool === 'point') ed.add({ kind: 'point', ...inside(p) });
        else if (state.tool === 'polygon' || state.tool === 'line') addVertex(state.tool, inside(p));
        break;
      case 'depth':
        setDepth(state.draft, inside(p));
        finish();
        break;
      case 'drag-new': {
        if (!g.moved) {
          state.draft = null;
          ed.select(shapeAt(p)?.id ?? null);
          break;
        }
        const shape = dragShape(state.tool, g.startImage, inside(p));
        const tiny = (shape.w ?? shape.rx * 2) * view.scale < 2 || (shape.h ?? shape.ry * 2) * view.scale < 2;
        state.draft = null;
        if (tiny) break;
        if (shape.kind === 'cuboid') {
          state.draft = { ...shape, phase: 'depth' };
          setDepth(state.draft, inside(p));
          ed.hint('Now move the pointer sideways to set the cuboid’s depth, then click (or press Enter). Escape cancels.');
        } else {
          ed.add(shape);
        }
        break;
      }
      default:
        break;
    }
    hover(p);
    ed.invalidate();
  }

  function wheel(event) {
    event.preventDefault();
    const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1;
    const s = local(event);
    if (Math.abs(event.deltaX) > Math.abs(event.deltaY) && !event.ctrlKey) {
      view.panBy(-event.deltaX * unit, 0);
      return;
    }
    view.zoomAt(Math.exp(-event.deltaY * unit * (event.ctrlKey ? 0.01 : 0.0015)), s.x, s.y);
  }

  function key(event, pressed) {
    if (event.key === ' ' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      event.stopPropagation();
      spaceHeld = pressed;
      setCursor(pressed ? 'grab' : state.tool === 'select' ? 'default' : 'crosshair');
    }
  }

  const listeners = {
    pointerdown: down,
    pointermove: move,
    pointerup: up,
    pointercancel: (event) => {
      touches.delete(event.pointerId);
      pinch = null;
      if (gesture && gesture.pointerId === event.pointerId) abortGesture();
    },
    pointerleave: () => {
      if (!gesture && state.guide) {
        state.guide = null;
        ed.invalidate();
      }
    },
    wheel,
    dblclick: () => {
      if (state.draft && state.draft.points && !ed.readOnly) finish();
    },
    contextmenu: (event) => event.preventDefault(),
    keydown: (event) => key(event, true),
    keyup: (event) => key(event, false),
    blur: () => { spaceHeld = false; },
  };
  for (const [name, listener] of Object.entries(listeners)) canvas.addEventListener(name, listener, name === 'wheel' ? { passive: false } : undefined);

  return {
    /** Escape during a drag: puts the shape back (or drops the one being dragged out). */
    abort: abortGesture,
    busy: () => Boolean(gesture),
    destroy() {
      for (const [name, listener] of Object.entries(listeners)) canvas.removeEventListener(name, listener);
    },
  };
}
