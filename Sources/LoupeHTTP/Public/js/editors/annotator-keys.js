// The annotator's keyboard: the actions the shell binds (ids "annotator.*", remappable), and the keys the
// focused canvas handles itself — Tab/Shift+Tab cycle through shapes and then leave the canvas (so the
// keyboard is never trapped), arrow keys move the selected shape (Shift: 10×) or pan the view.

import { copyShape, translate } from './annotator-shapes.js';
import { TOOLS } from './annotator-panel.js';

/** The editor's actions, for `Editor.actions`. */
export function editorActions(ed, tools, pointer) {
  const { state, config, readOnly } = ed;
  const cycle = (step) => {
    if (!state.shapes.length) return;
    const index = state.shapes.findIndex((shape) => shape.id === state.selectedId);
    const next = index === -1 ? (step > 0 ? 0 : state.shapes.length - 1) : (index + step + state.shapes.length) % state.shapes.length;
    ed.select(state.shapes[next].id, true);
  };
  const deleteSelection = () => {
    const shape = ed.selected();
    if (!shape) return;
    if (state.activeVertex && shape.points) ed.removeVertex(shape, Number(state.activeVertex.slice(1)));
    else ed.remove(shape.id);
  };
  const labelKind = () => ed.selected()?.kind || (config.geometries[state.tool] ? state.tool : state.lastKind);
  const action = (id, keys, label, run) => ({ id: `annotator.${id}`, keys, label, run });
  const toolNames = ['select', 'pan', ...(readOnly ? [] : config.kinds)];
  const actions = [
    ...toolNames.map((tool) => action(`tool-${tool}`, TOOLS[tool].keys, `${TOOLS[tool].name} tool`, () => ed.setTool(tool))),
    action('zoom-in', ['+', '='], 'Zoom in', () => ed.zoom(1.25)),
    action('zoom-out', ['-', '_'], 'Zoom out', () => ed.zoom(1 / 1.25)),
    action('fit', ['F'], 'Fit the image', () => ed.fit()),
    action('actual-size', ['0'], 'Actual pixels (100%)', () => ed.actualSize()),
    action('next-shape', [']'], 'Select the next shape', () => cycle(1)),
    action('previous-shape', ['['], 'Select the previous shape', () => cycle(-1)),
    action('cancel', ['Escape'], 'Cancel drawing / clear the selection', () => {
      if (!pointer.abort() && !tools.cancelDraft() && state.selectedId) ed.select(null);
    }),
  ];
  if (readOnly) return actions;
  actions.push(
    action('finish', ['Enter'], 'Finish the shape being drawn', () => tools.finish()),
    action('remove-last', ['Backspace'], 'Remove the last vertex drawn (else delete the selection)', () => tools.removeDraftVertex() || deleteSelection()),
    action('delete', ['Delete'], 'Delete the selected shape or vertex', deleteSelection),
    action('undo', ['Ctrl+Z', 'Meta+Z'], 'Undo', () => ed.undo()),
    action('redo', ['Ctrl+Shift+Z', 'Ctrl+Y', 'Shift+Meta+Z'], 'Redo', () => ed.redo()),
    ...Array.from({ length: 9 }, (_, i) => action(`label-${i + 1}`, [String(i + 1)], `Label ${i + 1}`, () => {
      const kind = labelKind();
      const leaf = config.geometries[kind]?.leaves[i];
      if (leaf) ed.chooseLabel(leaf.label, kind);
    })),
  );
  return actions;
}

/** A keydown listener for the canvas itself (Tab cycling, arrow nudges and panning). */
export function canvasKeys(ed) {
  const { state, view } = ed;
  return (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'Tab' && state.shapes.length) {
      const index = state.shapes.findIndex((shape) => shape.id === state.selectedId);
      const next = event.shiftKey ? (index === -1 ? state.shapes.length - 1 : index - 1) : index + 1;
      if (next < 0 || next >= state.shapes.length) {
        ed.select(null); // let the Tab move focus on
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      ed.select(state.shapes[next].id, true);
    } else if (event.key.startsWith('Arrow')) {
      const [dx, dy] = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[event.key] || [0, 0];
      if (!dx && !dy) return;
      event.preventDefault();
      event.stopPropagation();
      const shape = ed.selected();
      if (!shape || ed.readOnly) {
        view.panBy(-dx * 40, -dy * 40);
        return;
      }
      const step = Math.max(1, Math.round(1 / view.scale)) * (event.shiftKey ? 10 : 1);
      const before = ed.begin();
      translate(shape, copyShape(shape), dx * step, dy * step, ed.size());
      ed.end(before);
    }
  };
}
