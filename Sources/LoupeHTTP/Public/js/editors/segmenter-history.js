// Undo/redo for the segmentation editor: each step is the label map's change log (pixels and their old
// values, see segmenter-map.js) with the list of instances before and after. Old steps are dropped
// once the logs pass a memory budget, so painting a large image cannot exhaust the tab.

const BUDGET = 64 * 1024 * 1024; // bytes of change logs kept (5 bytes a changed pixel)
const LIMIT = 300;

/**
 * A history over `map` and the instances (`read()` gives them as JSON-able data, `write(list)` puts a
 * list back). Record each edit with `record(pixels, before)`: `pixels` from map.end(), `before` the
 * snapshot() taken before the edit.
 */
export function createHistory(map, read, write) {
  let undoStack = [];
  let redoStack = [];
  let bytes = 0;
  const snapshot = () => JSON.stringify(read());
  const size = (step) => (step.pixels ? step.pixels.indices.length * 5 : 0);

  function trim() {
    while (undoStack.length && (bytes > BUDGET || undoStack.length > LIMIT)) bytes -= size(undoStack.shift());
  }

  return {
    snapshot,
    /** Records an edit; returns false when it changed nothing. */
    record(pixels, before) {
      const after = snapshot();
      if (!pixels && before === after) return false;
      const step = { pixels, before, after };
      undoStack.push(step);
      bytes += size(step);
      for (const dropped of redoStack) bytes -= size(dropped);
      redoStack = [];
      trim();
      return true;
    },
    undo() {
      const step = undoStack.pop();
      if (!step) return false;
      if (step.pixels) map.apply(step.pixels, false);
      write(JSON.parse(step.before));
      redoStack.push(step);
      return true;
    },
    redo() {
      const step = redoStack.pop();
      if (!step) return false;
      if (step.pixels) map.apply(step.pixels, true);
      write(JSON.parse(step.after));
      undoStack.push(step);
      return true;
    },
    /** Forgets every step (after the map was replaced). */
    reset() {
      undoStack = [];
      redoStack = [];
      bytes = 0;
    },
    canUndo: () => undoStack.length > 0,
    canRedo: () => redoStack.length > 0,
  };
}
