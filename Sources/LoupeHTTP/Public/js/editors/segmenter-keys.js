// The segmentation editor's keyboard: the actions the shell binds (ids "segmenter.*", remappable) and
// the keys the focused canvas handles itself (arrow keys pan the view).

import { TOOLS } from './segmenter-toolbar.js';

/** The editor's actions, for `Editor.actions`. */
export function editorActions(ed, tools, pointer) {
  const { config, readOnly } = ed;
  const action = (id, keys, label, run) => ({ id: `segmenter.${id}`, keys, label, run });
  const toolNames = readOnly ? ['pan'] : Object.keys(TOOLS);
  const actions = [
    ...toolNames.map((tool) => action(`tool-${tool}`, TOOLS[tool].keys, `${TOOLS[tool].name} tool`, () => ed.setTool(tool))),
    action('zoom-in', ['+', '='], 'Zoom in', () => ed.zoom(1.25)),
    action('zoom-out', ['-', '_'], 'Zoom out', () => ed.zoom(1 / 1.25)),
    action('fit', ['F'], 'Fit the image', () => ed.fit()),
    action('actual-size', ['0'], 'Actual pixels (100%)', () => ed.actualSize()),
  ];
  if (readOnly) return actions;
  actions.push(
    action('cancel', ['Escape'], 'Cancel the polygon being drawn', () => pointer.abort() || tools.cancelDraft()),
    action('finish', ['Enter'], 'Fill the polygon being drawn', () => tools.finish()),
    action('remove-last', ['Backspace'], 'Remove the last polygon vertex', () => tools.removeDraftVertex()),
    action('brush-smaller', ['['], 'Smaller brush', () => ed.setBrushSize(Math.max(1, Math.round(ed.state.brushSize / 1.25)))),
    action('brush-larger', [']'], 'Larger brush', () => ed.setBrushSize(Math.max(ed.state.brushSize + 1, Math.round(ed.state.brushSize * 1.25)))),
    action('new-instance', ['N'], 'Start a new instance of the current label', () => ed.newInstance()),
    action('fill-unlabelled', ['Shift+F'], 'Fill the unlabelled pixels with the current label', () => ed.fillUnlabelled()),
    action('undo', ['Ctrl+Z', 'Meta+Z'], 'Undo', () => ed.undo()),
    action('redo', ['Ctrl+Shift+Z', 'Ctrl+Y', 'Shift+Meta+Z'], 'Redo', () => ed.redo()),
    ...config.leaves.slice(0, 9).map((leaf, i) => action(`label-${i + 1}`, [String(i + 1)], `Label ${i + 1}`, () => ed.chooseLabel(leaf.label))),
  );
  return actions;
}

/** A keydown listener for the canvas itself: arrow keys pan the view (Shift: further). */
export function canvasKeys(ed) {
  return (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const step = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[event.key];
    if (!step) return;
    event.preventDefault();
    event.stopPropagation();
    const distance = event.shiftKey ? 160 : 40;
    ed.view.panBy(-step[0] * distance, -step[1] * distance);
  };
}
