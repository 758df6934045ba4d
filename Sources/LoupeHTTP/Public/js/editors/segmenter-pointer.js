// Pointer interaction on the segmentation editor's canvas (mouse, pen and touch through pointer
// events, with pointer capture): polygon vertices on click, brush and eraser strokes on drag, panning
// (Space+drag, the middle or right button, the Pan tool, a drag with the polygon tool), wheel zoom
// around the pointer and two-finger pinch.
//
// `ed` is the editor's side: {state, view, canvas, readOnly, invalidate(), pointer(p)}; `tools` the
// drawing tools (segmenter-tools.js).

const CLICK_SLOP = 4; // screen pixels a click may move before it counts as a drag

/** Listens to the canvas's pointer, wheel and Space key events; `destroy()` stops listening. */
export function createPointer(ed, tools) {
  const { state, view, canvas } = ed;
  let gesture = null;
  let spaceHeld = false;
  const touches = new Map();
  let pinch = null;

  const local = (event) => {
    const rect = canvas.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };
  const cursor = () => {
    if (spaceHeld || state.tool === 'pan' || ed.readOnly) return gesture && gesture.type === 'pan' ? 'grabbing' : 'grab';
    return 'crosshair';
  };
  const setCursor = () => {
    const wanted = cursor();
    if (canvas.style.cursor !== wanted) canvas.style.cursor = wanted;
  };

  function hover(p) {
    tools.hover(p);
    state.pointer = p;
    setCursor();
    ed.invalidate();
  }

  function down(event) {
    if (event.pointerType === 'touch') {
      touches.set(event.pointerId, local(event));
      if (touches.size === 2) {
        abort();
        const [a, b] = [...touches.values()];
        pinch = { distance: Math.hypot(a.x - b.x, a.y - b.y), mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } };
        return;
      }
    }
    canvas.focus({ preventScroll: true });
    if (gesture || pinch) return;
    const panning = event.button === 1 || event.button === 2 || spaceHeld || state.tool === 'pan' || ed.readOnly;
    if (event.button !== 0 && !panning) return;
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    const s = local(event);
    const p = view.toImage(s.x, s.y);
    gesture = { pointerId: event.pointerId, start: s, last: s, moved: false, type: 'pan' };
    if (!panning && state.tool === 'polygon') gesture.type = 'vertex';
    else if (!panning && (state.tool === 'brush' || state.tool === 'eraser')) {
      gesture.type = tools.strokeStart(p, state.tool === 'eraser') ? 'paint' : 'none';
    }
    setCursor();
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
    state.pointer = p;
    if (gesture.type === 'paint') {
      // Coalesced events keep fast strokes smooth where the browser batches pointer moves.
      const events = typeof event.getCoalescedEvents === 'function' ? event.getCoalescedEvents() : [];
      for (const each of events.length ? events : [event]) {
        const point = local(each);
        tools.strokeTo(view.toImage(point.x, point.y));
      }
      return;
    }
    if (!gesture.moved) return;
    if (gesture.type === 'pan' || gesture.type === 'vertex') {
      view.panBy(s.x - gesture.last.x, s.y - gesture.last.y);
      gesture.last = s;
      gesture.type = 'pan';
      setCursor();
    }
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
    if (g.type === 'paint') tools.strokeEnd();
    else if (g.type === 'vertex' && !g.moved) tools.addVertex(p);
    hover(p);
  }

  /** Ends a stroke or drag in progress (the paint already applied stays); false when there was none. */
  function abort() {
    if (!gesture) return false;
    if (gesture.type === 'paint') tools.strokeEnd();
    gesture = null;
    setCursor();
    return true;
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
      setCursor();
    }
  }

  const listeners = {
    pointerdown: down,
    pointermove: move,
    pointerup: up,
    pointercancel: (event) => {
      touches.delete(event.pointerId);
      pinch = null;
      if (gesture && gesture.pointerId === event.pointerId) abort();
    },
    pointerleave: () => {
      if (!gesture && state.pointer) {
        state.pointer = null;
        ed.invalidate();
      }
    },
    wheel,
    dblclick: () => {
      if (state.draft && !ed.readOnly) tools.finish();
    },
    contextmenu: (event) => event.preventDefault(),
    keydown: (event) => key(event, true),
    keyup: (event) => key(event, false),
    blur: () => {
      spaceHeld = false;
    },
  };
  for (const [name, listener] of Object.entries(listeners)) canvas.addEventListener(name, listener, name === 'wheel' ? { passive: false } : undefined);
  setCursor();

  return {
    abort,
    refreshCursor: setCursor,
    destroy() {
      for (const [name, listener] of Object.entries(listeners)) canvas.removeEventListener(name, listener);
    },
  };
}
