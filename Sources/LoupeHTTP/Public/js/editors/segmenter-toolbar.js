// The segmentation editor's toolbar: the tools (polygon, brush, eraser, pan), the brush size, zoom,
// undo/redo, the fill opacity and "paint only unlabelled pixels".

import { h } from '../dom.js';
import { icon } from './panel-helpers.js';

export const TOOLS = {
  polygon: { icon: 'M12 3l9 7-3.5 10h-11L3 10z', name: 'Polygon fill', keys: ['P'] },
  brush: { icon: 'M3 21c3 0 5-1.5 5-4.5l11-12 1.5 1.5-12 11C8.5 20 6 21 3 21z', name: 'Brush', keys: ['B'] },
  eraser: { icon: 'M8 20h12M4 15l9-9 6 6-8 8H8z', name: 'Eraser', keys: ['E'] },
  pan: { icon: 'M12 2v20M2 12h20M12 2l-3 3M12 2l3 3M12 22l-3-3M12 22l3-3M2 12l3-3M2 12l3 3M22 12l-3-3M22 12l-3 3', name: 'Pan', keys: ['H'] },
};

export const BRUSH_SIZES = { min: 1, max: 200 };

/** The toolbar; `refresh()` shows the current tool, brush size, history and zoom. */
export function createToolbar(ed) {
  const { state } = ed;
  const toolButtons = {};
  const tools = ed.readOnly ? ['pan'] : Object.keys(TOOLS);
  for (const tool of tools) {
    const info = TOOLS[tool];
    toolButtons[tool] = h('button', {
      type: 'button', class: 'annotator-tool', dataset: { tool, focus: `tool-${tool}` },
      'aria-label': `${info.name} tool`, 'aria-pressed': 'false', title: `${info.name} (${info.keys.join(' or ')})`,
      onclick: () => ed.setTool(tool),
    }, icon(info.icon), info.name);
  }
  const small = (label, title, text, onclick) => h('button', { type: 'button', class: 'annotator-button', 'aria-label': label, title, onclick }, text);
  const zoomLabel = h('span', { class: 'annotator-zoom', 'aria-live': 'off' }, '100%');
  const undoButton = small('Undo', 'Undo (Ctrl+Z)', '↶', () => ed.undo());
  const redoButton = small('Redo', 'Redo (Ctrl+Shift+Z)', '↷', () => ed.redo());
  const sizeValue = h('output', { class: 'segmenter-size-value' }, `${state.brushSize} px`);
  const sizeInput = h('input', {
    type: 'range', min: String(BRUSH_SIZES.min), max: String(BRUSH_SIZES.max), step: '1', value: String(state.brushSize),
    'data-testid': 'brush-size', 'aria-label': 'Brush size in image pixels', title: 'Brush size ([ smaller, ] larger)',
    oninput: (event) => ed.setBrushSize(Number(event.target.value)),
  });
  const opacityInput = h('input', {
    type: 'range', min: '0', max: '1', step: '0.05', value: String(state.opacity), 'aria-label': 'Fill opacity',
    oninput: (event) => ed.setOpacity(Number(event.target.value)),
  });
  const toolbar = h('div', { class: 'annotator-toolbar', role: 'toolbar', 'aria-label': 'Segmentation tools' },
    h('div', { class: 'annotator-group' }, Object.values(toolButtons)),
    ed.readOnly ? null : h('label', { class: 'annotator-toggle segmenter-range' }, 'Size ', sizeInput, sizeValue),
    h('div', { class: 'annotator-group' },
      small('Zoom out', 'Zoom out (−)', '−', () => ed.zoom(1 / 1.25)), zoomLabel,
      small('Zoom in', 'Zoom in (+)', '+', () => ed.zoom(1.25)),
      small('Fit image', 'Fit (F)', 'Fit', () => ed.fit()),
      small('Actual size', 'Actual pixels (0)', '1:1', () => ed.actualSize())),
    ed.readOnly ? null : h('div', { class: 'annotator-group' }, undoButton, redoButton),
    h('label', { class: 'annotator-toggle segmenter-range' }, 'Opacity ', opacityInput),
    ed.readOnly ? null : h('label', { class: 'annotator-toggle' },
      h('input', { type: 'checkbox', checked: state.onlyUnlabelled, 'data-testid': 'only-unlabelled', onchange: (event) => ed.setOnlyUnlabelled(event.target.checked) }),
      ' Paint only unlabelled pixels'));

  return {
    toolbar,
    refresh() {
      for (const [tool, button] of Object.entries(toolButtons)) button.setAttribute('aria-pressed', String(state.tool === tool));
      undoButton.disabled = !ed.canUndo();
      redoButton.disabled = !ed.canRedo();
      if (Number(sizeInput.value) !== state.brushSize) sizeInput.value = String(state.brushSize);
      sizeValue.textContent = `${state.brushSize} px`;
    },
    setZoom(scale) {
      zoomLabel.textContent = `${Math.round(scale * 100)}%`;
    },
  };
}
