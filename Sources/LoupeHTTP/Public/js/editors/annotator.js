// The image annotation editor: boxes, polygons, lines, points, ellipses and cuboids on a canvas, for
// `imageannotation` (several geometries) and the single-geometry types (`annotation`/`boxes`,
// `pointannotation`, `lineannotation`, `polygonannotation`, `cuboidannotation`). Follows the editor
// contract in index.js. The canvas (data-testid="annotation-canvas") exposes `canvas.loupeView`
// ({imageToClient, clientToImage, shapes, view, setTool, fit, imageReady, drawNow}) for tests and tools.

import { h } from '../dom.js';
import { ancestorsOf, readConfig, parseAnswer, serialize, shapeProblems, shapeName } from './annotator-config.js';
import { applicable } from './annotator-attributes.js';
import { bounds, clampShape } from './annotator-shapes.js';
import { createHistory } from './annotator-history.js';
import { createView } from './annotator-view.js';
import { loadImage, render } from './annotator-render.js';
import { createTools } from './annotator-tools.js';
import { createPointer } from './annotator-pointer.js';
import { canvasKeys, editorActions } from './annotator-keys.js';
import { createPanel, TOOLS } from './annotator-panel.js';

const CSS_URL = new URL('../../css/annotator.css', import.meta.url).href;

function loadStyles() {
  const present = [...document.querySelectorAll('link[rel="stylesheet"]')].some((link) => link.href === CSS_URL);
  if (!present) document.head.append(h('link', { rel: 'stylesheet', href: CSS_URL, 'data-annotator': '' }));
}

export function mount(container, task, options = {}) {
  loadStyles();
  const config = readConfig(task);
  const readOnly = Boolean(options.readOnly);
  const onChange = typeof options.onChange === 'function' ? options.onChange : () => {};
  let nextId = 0;
  const withId = (shape) => ({ ...shape, id: `s${(nextId += 1)}` });
  const state = {
    shapes: parseAnswer(options.initialAnswer, config).map(withId),
    selectedId: null,
    activeVertex: null,
    tool: readOnly ? 'select' : config.defaultKind,
    lastKind: config.defaultKind,
    labels: Object.fromEntries(config.kinds.map((kind) => [kind, config.labelRequired ? config.geometries[kind].leaves[0]?.label ?? null : null])),
    draft: null, // the shape being drawn (annotator-tools.js)
    formKey: null, // which attribute form the panel shows (see formKey below)
    hoverId: null,
    guide: null,
    showTags: true,
    layers: config.layers,
    showLayers: true,
    overlays: (Array.isArray(options.overlays) ? options.overlays : []).map((overlay, index) => ({
      name: overlay.name || `Answer ${index + 1}`,
      color: overlay.color || ['#22d3ee', '#f472b6', '#a3e635', '#fb923c', '#c084fc'][index % 5],
      shapes: parseAnswer(overlay.answer, config),
      visible: true,
    })),
  };

  const canvas = h('canvas', {
    class: 'annotator-canvas', tabindex: '0', 'data-testid': 'annotation-canvas', role: 'application',
    'aria-label': readOnly ? 'Annotated image (read only). Tab selects shapes.' : 'Image to annotate. Draw with the chosen tool; Tab selects shapes; “How to draw” lists the keys.',
  });
  const coords = h('span', { class: 'annotator-coords' });
  const hintLine = h('span', { class: 'annotator-hint', role: 'status', 'aria-live': 'polite' });
  const stage = h('div', { class: 'annotator-stage' }, canvas);
  const ctx = canvas.getContext('2d');
  let loadedSize = null;
  let image = null;
  let message = config.imageUrl ? 'Loading image…' : 'This task has no image (attachment).';
  let frame = 0;
  let pendingBefore = null;
  let panel = null;

  const size = () => config.knownSize || loadedSize;
  const selected = () => state.shapes.find((shape) => shape.id === state.selectedId) || null;
  const invalidate = () => {
    if (!frame) frame = requestAnimationFrame(draw);
  };
  const view = createView(canvas, () => {
    invalidate();
    if (panel) panel.setZoom(view.scale);
  });
  const history = createHistory(() => state.shapes, (shapes) => {
    state.shapes = shapes;
    if (!selected()) state.selectedId = null;
    state.activeVertex = null;
  });

  function changed(parts = ['tools', 'labels', 'selection', 'shapes']) {
    onChange();
    panel.refresh(parts);
    invalidate();
  }

  const ed = {
    state, view, canvas, readOnly, config, selected, invalidate, size,
    settings: (kind) => config.geometries[kind] || config.geometries[config.defaultKind],
    canInsert: (shape) => (shape.kind === 'polygon' || shape.kind === 'line') && shape.points.length < ed.settings(shape.kind).maxVertices,
    begin: () => history.snapshot(),
    end(before) {
      if (history.record(before)) changed();
      else invalidate();
    },
    add(fields) {
      const before = history.snapshot();
      const shape = withId({ label: state.labels[fields.kind] ?? null, attributes: {}, ...fields });
      clampShape(shape, size());
      state.shapes.push(shape);
      state.selectedId = shape.id;
      state.lastKind = shape.kind;
      history.record(before);
      changed();
      hint(`${shapeName(shape, state.shapes.length - 1, config)} added.`);
    },
    select(id, reveal = false) {
      if (state.selectedId === id) return;
      state.selectedId = id;
      state.activeVertex = null;
      const shape = selected();
      if (shape && reveal) {
        const b = bounds(shape);
        view.reveal({ x: b.x + b.w / 2, y: b.y + b.h / 2 });
      }
      hint(shape ? `${shapeName(shape, state.shapes.indexOf(shape), config)} selected.` : '');
      panel.refresh(['labels', 'selection', 'shapes']);
      invalidate();
    },
    removeVertex(shape, index) {
      const settings = ed.settings(shape.kind);
      if (shape.kind === 'ellipse' || shape.points.length <= settings.drawMinVertices) {
        hint(`A ${shape.kind} needs at least ${settings.drawMinVertices} vertices.`);
        return;
      }
      const before = history.snapshot();
      shape.points.splice(index, 1);
      state.activeVertex = null;
      history.record(before);
      changed();
    },
    remove(id) {
      const before = history.snapshot();
      const index = state.shapes.findIndex((shape) => shape.id === id);
      if (index < 0) return;
      state.shapes.splice(index, 1);
      if (state.selectedId === id) state.selectedId = null;
      history.record(before);
      changed();
      hint('Shape deleted.');
    },
    setTool(tool) {
      if (!TOOLS[tool] || (readOnly && tool !== 'select' && tool !== 'pan')) return;
      if (tool !== 'select' && tool !== 'pan' && !config.geometries[tool]) return;
      if (state.draft && state.draft.kind !== tool) state.draft = null;
      state.tool = tool;
      if (config.geometries[tool]) state.lastKind = tool;
      // Another geometry's tool: its labels replace the selected shape's in the panel, so deselect.
      if (config.geometries[tool] && selected() && selected().kind !== tool) state.selectedId = null;
      state.guide = null;
      canvas.style.cursor = tool === 'select' ? 'default' : tool === 'pan' ? 'grab' : 'crosshair';
      panel.refresh(['tools', 'labels', 'selection', 'shapes']);
      invalidate();
    },
    chooseLabel(label, kind) {
      if (readOnly) return;
      const shape = selected();
      state.labels[kind] = label;
      if (shape && shape.kind === kind && shape.label !== label) {
        const before = history.snapshot();
        shape.label = label;
        history.record(before);
        changed();
      } else {
        panel.refresh(['labels']);
      }
    },
    setAttribute(name, value, final) {
      const shape = selected();
      if (!shape || readOnly) return;
      if (!pendingBefore) pendingBefore = history.snapshot();
      if (value === undefined || value === '' || (Array.isArray(value) && !value.length)) delete shape.attributes[name];
      else shape.attributes[name] = value;
      if (!final) return onChange();
      history.record(pendingBefore);
      pendingBefore = null;
      // Rebuild the form only when the change shows or hides attributes, so keyboard focus stays put.
      const same = state.formKey === formKey(shape);
      changed(['tools', same ? 'problems' : 'selection', 'shapes']);
    },
    setSpline(on) {
      const shape = selected();
      if (!shape || readOnly) return;
      const before = history.snapshot();
      shape.spline = on;
      history.record(before);
      changed();
    },
    undo() {
      if (tools.removeDraftVertex()) return;
      if (history.undo()) changed();
    },
    redo() {
      if (history.redo()) changed();
    },
    canUndo: () => history.canUndo(),
    canRedo: () => history.canRedo(),
    problemsOf: (shape) => shapeProblems(shape, state.shapes.indexOf(shape), config, size()),
    zoom: (factor) => view.zoomAt(factor),
    fit: () => view.fit(),
    actualSize: () => view.zoomTo(1),
    showTags(on) {
      state.showTags = on;
      invalidate();
    },
    showLayers(on) {
      state.showLayers = on;
      invalidate();
    },
    showOverlay(overlay, on) {
      overlay.visible = on;
      invalidate();
    },
    hint,
    formKey,
    pointer(p) {
      coords.textContent = `x ${Math.round(p.x)}, y ${Math.round(p.y)}`;
    },
  };

  /** Which attributes the selected shape's form shows (the panel rebuilds the form when this changes). */
  function formKey(shape) {
    return `${shape.id}|${shape.label}|${applicable(config.attributes, shape, ancestorsOf(config, shape)).join('|')}`;
  }

  function hint(text) {
    hintLine.textContent = text;
  }

  panel = createPanel(ed);
  const tools = createTools(ed);
  const pointer = createPointer(ed, tools);
  const root = h('div', { class: `annotator${readOnly ? ' is-readonly' : ''}` },
    panel.toolbar,
    h('div', { class: 'annotator-main' },
      h('div', { class: 'annotator-canvas-column' }, stage, h('div', { class: 'annotator-status' }, coords, hintLine)),
      panel.panel));
  container.append(root);

  function draw() {
    frame = 0;
    render(ctx, view, {
      image, message, layers: state.layers, showLayers: state.showLayers, overlays: state.overlays,
      shapes: state.shapes, selectedId: state.selectedId, hoverId: state.hoverId, activeVertex: state.activeVertex,
      colorOf: (shape) => config.colors.get(shape.label) || '#9ca3af',
      tagOf: (shape) => shape.label || '',
      draft: tools.draftShape(), draftColor: config.colors.get(state.labels[state.draft?.kind]) || '#38bdf8',
      guide: state.guide, showTags: state.showTags, editable: !readOnly, canInsert: ed.canInsert,
    });
  }

  // Size the canvas to its box (and the screen's pixel ratio) whenever either changes.
  const observer = new ResizeObserver(() => {
    const rect = stage.getBoundingClientRect();
    view.resize(Math.max(1, Math.floor(rect.width)), Math.max(1, Math.floor(rect.height)));
  });
  observer.observe(stage);
  if (config.knownSize) view.setImage(config.knownSize);

  const stopLoading = config.imageUrl ? loadImage(config.imageUrl, {
    ready(img, levels) {
      loadedSize = { width: img.naturalWidth, height: img.naturalHeight };
      const space = size();
      image = { levels, size: { ...space, naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight } };
      message = null;
      if (!config.knownSize) view.setImage(space);
      panel.refresh(['selection', 'shapes']);
      invalidate();
    },
    levels(levels) {
      if (image) image.levels = levels;
      invalidate();
    },
    failed() {
      message = `The image could not be loaded (${config.imageUrl}).`;
      hint(message);
      invalidate();
    },
  }) : () => {};

  const onKey = canvasKeys(ed);
  canvas.addEventListener('keydown', onKey);
  const actions = editorActions(ed, tools, pointer);

  const answer = () => serialize(state.shapes, config, size());
  canvas.loupeView = {
    imageToClient: (x, y) => view.imageToClient(x, y),
    clientToImage: (x, y) => view.clientToImage(x, y),
    shapes: () => answer().annotations,
    view: () => ({ scale: view.scale, x: view.x, y: view.y, width: view.width, height: view.height, image: size() }),
    setTool: (tool) => ed.setTool(tool),
    fit: () => view.fit(),
    imageReady: () => Boolean(image),
    /** Draws a frame now and returns how long it took (ms), for performance checks. */
    drawNow() {
      const start = performance.now();
      draw();
      return performance.now() - start;
    },
  };

  panel.refresh();
  hint(readOnly ? '' : `${TOOLS[state.tool].name} tool — see “How to draw” for keys.`);
  invalidate();

  return {
    answer,
    problems() {
      const out = [];
      if (state.draft) out.push('Finish the shape you are drawing (Enter) or cancel it (Escape).');
      state.shapes.forEach((shape, index) => out.push(...shapeProblems(shape, index, config, size())));
      return out;
    },
    actions,
    focus: () => canvas.focus({ preventScroll: true }),
    destroy() {
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
      observer.disconnect();
      pointer.destroy();
      canvas.removeEventListener('keydown', onKey);
      stopLoading();
      image = null;
      canvas.loupeView = null;
      root.remove();
    },
  };
}
