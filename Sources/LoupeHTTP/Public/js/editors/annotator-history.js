// Undo/redo for the annotator: snapshots of the shape list (plain JSON), newest last.

const LIMIT = 300;

/**
 * A history over `read()` (the current shapes) and `write(shapes)` (replace them). Call `record(before)`
 * after an edit with the snapshot taken before it; `snapshot()` takes one.
 */
export function createHistory(read, write) {
  let undoStack = [];
  let redoStack = [];
  const snapshot = () => JSON.stringify(read());

  return {
    snapshot,
    /** Records an edit whose state before was `before`; returns false when nothing changed. */
    record(before) {
      if (before === snapshot()) return false;
      undoStack.push(before);
      if (undoStack.length > LIMIT) undoStack = undoStack.slice(-LIMIT);
      redoStack = [];
      return true;
    },
    undo() {
      if (!undoStack.length) return false;
      redoStack.push(snapshot());
      write(JSON.parse(undoStack.pop()));
      return true;
    },
    redo() {
      if (!redoStack.length) return false;
      undoStack.push(snapshot());
      write(JSON.parse(redoStack.pop()));
      return true;
    },
    canUndo: () => undoStack.length > 0,
    canRedo: () => redoStack.length > 0,
  };
}
