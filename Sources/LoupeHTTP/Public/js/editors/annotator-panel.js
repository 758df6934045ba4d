// The annotator's toolbar and side panel: tools, zoom and history buttons, the label tree, the selected
// shape (label, spline, attributes), the list of shapes, the legend of layers/overlays, and help.

import { h, clear, append } from '../dom.js';
import { KIND_NAMES } from './annotator-shapes.js';
import { ancestorsOf, colorFor, shapeName } from './annotator-config.js';
import { attributeForm } from './annotator-attributes.js';
import { icon, keepFocus } from './panel-helpers.js';

export const TOOLS = {
  select: { icon: 'M6 3l13 8-6 1.5L10 19z', name: 'Select', keys: ['V'] },
  pan: { icon: 'M12 2v20M2 12h20M12 2l-3 3M12 2l3 3M12 22l-3-3M12 22l3-3M2 12l3-3M2 12l3 3M22 12l-3-3M22 12l-3 3', name: 'Pan', keys: ['H'] },
  box: { icon: 'M4 6h16v12H4z', name: 'Box', keys: ['B'] },
  polygon: { icon: 'M12 3l9 7-3.5 10h-11L3 10z', name: 'Polygon', keys: ['P'] },
  line: { icon: 'M3 18l6-9 5 6 7-11', name: 'Line', keys: ['L'] },
  point: { icon: 'M12 9a3 3 0 1 0 0.01 0z', name: 'Point', keys: ['O', 'T'] },
  ellipse: { icon: 'M2 12a10 6 0 1 0 20 0a10 6 0 1 0-20 0z', name: 'Ellipse', keys: ['E'] },
  cuboid: { icon: 'M3 8h12v12H3zM3 8l4-5h13v12l-5 5M15 8l5-5', name: 'Cuboid', keys: ['C'] },
};

const HELP = [
  ['Select (V)', 'click a shape to select it, drag to move it, drag its handles to resize or move vertices; drag a polygon/line edge’s midpoint to add a vertex, Alt+click a vertex to remove it. Tab / ] and Shift+Tab / [ cycle through shapes.'],
  ['Box (B)', 'drag from one corner to the opposite corner.'],
  ['Polygon (P)', 'click each vertex; press Enter or click the first vertex to close; Backspace removes the last vertex, Escape cancels.'],
  ['Line (L)', 'click each vertex; press Enter or double-click to finish.'],
  ['Point (O or T)', 'click where the point goes; drag a point to move it.'],
  ['Ellipse (E)', 'drag a box around it; afterwards drag its four handles to turn and stretch it.'],
  ['Cuboid (C)', 'drag the front face as a box and release; then move the pointer left or right to pull out the side face (its depth) and click, or press Enter. Drag the side corners later to set the perspective; with no depth, only the front face is kept.'],
  ['View', 'wheel zooms around the pointer, + and − zoom, F fits the image, 0 shows actual pixels; pan with Space+drag, the middle or right button, the Pan tool (H), or arrow keys when nothing is selected (arrow keys move the selected shape, Shift for bigger steps).'],
  ['Labels', 'keys 1–9 pick a label for the selected shape (or for the next one drawn).'],
  ['Edit', 'Delete removes the selected shape (or the selected vertex); Ctrl+Z undoes, Ctrl+Shift+Z or Ctrl+Y redoes.'],
];

export function createPanel(ed) {
  const { config, state } = ed;
  const toolButtons = {};
  const zoomLabel = h('span', { class: 'annotator-zoom', 'aria-live': 'off' }, '100%');
  const undoButton = h('button', { type: 'button', class: 'annotator-button', 'aria-label': 'Undo', title: 'Undo (Ctrl+Z)', onclick: () => ed.undo() }, '↶');
  const redoButton = h('button', { type: 'button', class: 'annotator-button', 'aria-label': 'Redo', title: 'Redo (Ctrl+Shift+Z)', onclick: () => ed.redo() }, '↷');
  const tools = ['select', 'pan', ...(ed.readOnly ? [] : config.kinds)];
  for (const tool of tools) {
    const info = TOOLS[tool];
    toolButtons[tool] = h('button', {
      type: 'button', class: 'annotator-tool', dataset: { tool, focus: `tool-${tool}` },
      'aria-label': `${info.name} tool`, 'aria-pressed': 'false', title: `${info.name} (${info.keys.join(' or ')})`,
      onclick: () => ed.setTool(tool),
    }, icon(info.icon), info.name);
  }
  const small = (label, title, text, onclick) => h('button', { type: 'button', class: 'annotator-button', 'aria-label': label, title, onclick }, text);
  const toolbar = h('div', { class: 'annotator-toolbar', role: 'toolbar', 'aria-label': 'Annotation tools' },
    h('div', { class: 'annotator-group' }, Object.values(toolButtons)),
    h('div', { class: 'annotator-group' },
      small('Zoom out', 'Zoom out (−)', '−', () => ed.zoom(1 / 1.25)), zoomLabel,
      small('Zoom in', 'Zoom in (+)', '+', () => ed.zoom(1.25)),
      small('Fit image', 'Fit (F)', 'Fit', () => ed.fit()),
      small('Actual size', 'Actual pixels (0)', '1:1', () => ed.actualSize())),
    ed.readOnly ? null : h('div', { class: 'annotator-group' }, undoButton, redoButton),
    h('label', { class: 'annotator-toggle' },
      h('input', { type: 'checkbox', checked: state.showTags, onchange: (event) => ed.showTags(event.target.checked) }), ' Names on shapes'));

  const labelsSection = h('section', { class: 'annotator-section annotator-labels', 'aria-label': 'Labels' });
  const selectionSection = h('section', { class: 'annotator-section annotator-selection', 'aria-label': 'Selected shape' });
  const shapesSection = h('section', { class: 'annotator-section annotator-shapes', 'aria-label': 'Shapes' });
  const legendSection = h('section', { class: 'annotator-section annotator-legend', 'aria-label': 'Layers' });
  const help = h('details', { class: 'annotator-section annotator-help' }, h('summary', {}, 'How to draw'),
    h('dl', {}, HELP.flatMap(([term, text]) => [h('dt', {}, term), h('dd', {}, text)])));
  const problemList = h('ul', { class: 'annotator-problems', 'aria-label': 'Problems with this shape' });
  const panel = h('aside', { class: 'annotator-panel' }, labelsSection, selectionSection, shapesSection, legendSection, help);

  function labelKind() {
    const selected = ed.selected();
    if (selected) return selected.kind;
    return config.geometries[state.tool] ? state.tool : state.lastKind;
  }

  function renderLabels() {
    clear(labelsSection);
    const kind = labelKind();
    const settings = config.geometries[kind];
    if (!settings || !settings.leaves.length) {
      labelsSection.hidden = true;
      return;
    }
    labelsSection.hidden = false;
    const selected = ed.selected();
    const current = selected ? selected.label : state.labels[kind];
    const numbers = new Map(settings.leaves.slice(0, 9).map((leaf, i) => [leaf.label, i + 1]));
    const plural = config.kinds.length > 1 ? ` — ${KIND_NAMES[kind].toLowerCase()}` : '';
    const leafButton = (node) => h('button', {
      type: 'button', class: 'annotator-label', dataset: { label: node.label, focus: `label-${node.label}` },
      'aria-pressed': String(current === node.label), disabled: ed.readOnly,
      title: numbers.has(node.label) ? `${node.text} (${numbers.get(node.label)})` : node.text,
      onclick: () => ed.chooseLabel(node.label, kind),
    }, h('span', { class: 'annotator-swatch', style: `background:${colorFor(config, node.label)}` }), node.text,
    numbers.has(node.label) ? h('kbd', {}, String(numbers.get(node.label))) : null);
    const tree = (nodes) => h('ul', { class: 'annotator-tree' }, nodes.map((node) => h('li', {},
      node.children ? [h('span', { class: 'annotator-group-name' }, node.text), tree(node.children)] : leafButton(node))));
    append(labelsSection, [h('h3', {}, `Labels${plural}`),
      config.labelsOptional ? h('button', {
        type: 'button', class: 'annotator-label', dataset: { label: '', focus: 'label-none' }, 'aria-pressed': String(!current),
        disabled: ed.readOnly, onclick: () => ed.chooseLabel(null, kind),
      }, h('span', { class: 'annotator-swatch' }), 'No label') : null,
      tree(settings.tree)]);
  }

  function renderSelection() {
    clear(selectionSection);
    const selected = ed.selected();
    if (!selected) {
      selectionSection.append(h('h3', {}, 'Selected shape'),
        h('p', { class: 'annotator-muted' }, ed.readOnly ? 'Click a shape to see its label and attributes.' : 'Draw a shape, or click one to select it (Tab cycles through shapes).'));
      return;
    }
    const index = state.shapes.indexOf(selected);
    const settings = config.geometries[selected.kind];
    state.formKey = ed.formKey(selected);
    append(selectionSection, [
      h('h3', {}, shapeName(selected, index, config)),
      selected.kind === 'line' && settings && (settings.splines || selected.spline) ? h('label', { class: 'annotator-toggle' },
        h('input', { type: 'checkbox', checked: Boolean(selected.spline), disabled: ed.readOnly, dataset: { focus: 'spline' },
          onchange: (event) => ed.setSpline(event.target.checked) }), ' Draw as a spline (smooth curve)') : null,
      attributeForm(config.attributes, selected, ancestorsOf(config, selected), {
        readOnly: ed.readOnly,
        onInput: (name, value, final) => ed.setAttribute(name, value, final),
      }),
      problemList,
      ed.readOnly ? null : h('button', { type: 'button', class: 'annotator-button annotator-danger', dataset: { focus: 'delete-selected' },
        onclick: () => ed.remove(selected.id) }, 'Delete shape')]);
    renderProblems();
  }

  /** Updates the selected shape's problems and missing-answer marks without rebuilding its form. */
  function renderProblems() {
    const selected = ed.selected();
    clear(problemList);
    if (!selected) return;
    const problems = ed.problemsOf(selected);
    problemList.hidden = !problems.length;
    append(problemList, problems.map((text) => h('li', {}, text)));
    for (const element of selectionSection.querySelectorAll('.annotator-attribute')) {
      const name = element.dataset.attribute;
      const value = selected.attributes?.[name];
      const empty = value === undefined || value === '' || (Array.isArray(value) && !value.length);
      element.classList.toggle('is-missing', empty && element.querySelector('.annotator-required') !== null);
    }
  }

  function renderShapes() {
    clear(shapesSection);
    shapesSection.append(h('h3', {}, `Shapes (${state.shapes.length})`));
    if (!state.shapes.length) {
      shapesSection.append(h('p', { class: 'annotator-muted' }, 'None yet.'));
      return;
    }
    shapesSection.append(h('ol', { class: 'annotator-shape-list' }, state.shapes.map((shape, index) => {
      const name = shapeName(shape, index, config);
      const problems = ed.problemsOf(shape);
      return h('li', { class: shape.id === state.selectedId ? 'is-selected' : '' },
        h('button', {
          type: 'button', class: 'annotator-shape', dataset: { shapeIndex: String(index), focus: `shape-${shape.id}` },
          'aria-current': shape.id === state.selectedId ? 'true' : null, onclick: () => ed.select(shape.id, true),
        }, h('span', { class: 'annotator-swatch', style: `background:${colorFor(config, shape.label)}` }), name,
        problems.length ? h('span', { class: 'annotator-warning', title: problems.join('\n'), 'aria-label': `${problems.length} problem(s)` }, ' ⚠') : null),
        ed.readOnly ? null : h('button', {
          type: 'button', class: 'annotator-button annotator-delete', 'aria-label': `Delete ${name}`, title: 'Delete',
          dataset: { focus: `delete-${shape.id}` }, onclick: () => ed.remove(shape.id),
        }, '×'));
    })));
  }

  function renderLegend() {
    clear(legendSection);
    const entries = [];
    if (state.layers.length) {
      entries.push(h('li', {}, h('label', {}, h('input', { type: 'checkbox', checked: state.showLayers, onchange: (event) => ed.showLayers(event.target.checked) }),
        h('span', { class: 'annotator-swatch annotator-swatch-dashed' }), ` Pre-drawn (read-only, ${state.layers.length})`)));
    }
    for (const overlay of state.overlays) {
      entries.push(h('li', {}, h('label', {}, h('input', { type: 'checkbox', checked: overlay.visible, onchange: (event) => ed.showOverlay(overlay, event.target.checked) }),
        h('span', { class: 'annotator-swatch', style: `background:${overlay.color}` }), ` ${overlay.name} (${overlay.shapes.length})`)));
    }
    legendSection.hidden = !entries.length;
    if (entries.length) legendSection.append(h('h3', {}, 'Layers'), h('ul', { class: 'annotator-legend-list' }, entries));
  }

  return {
    toolbar,
    panel,
    /** Re-renders the panel; `parts` limits it ('tools', 'labels', 'selection' or just 'problems', 'shapes', 'legend'). */
    refresh(parts = ['tools', 'labels', 'selection', 'shapes', 'legend']) {
      keepFocus(panel.parentElement || panel, () => {
        if (parts.includes('tools')) {
          for (const [tool, button] of Object.entries(toolButtons)) button.setAttribute('aria-pressed', String(state.tool === tool));
          undoButton.disabled = !ed.canUndo();
          redoButton.disabled = !ed.canRedo();
        }
        if (parts.includes('labels')) renderLabels();
        if (parts.includes('selection')) renderSelection();
        else if (parts.includes('problems')) renderProblems();
        if (parts.includes('shapes')) renderShapes();
        if (parts.includes('legend')) renderLegend();
      });
    },
    setZoom(scale) {
      zoomLabel.textContent = `${Math.round(scale * 100)}%`;
    },
  };
}
