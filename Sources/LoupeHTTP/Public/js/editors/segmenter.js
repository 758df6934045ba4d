// The segmentation editor for `segmentannotation`: every pixel of the image gets a label (or one
// instance of an instance label) by polygon fill and brush, the eraser takes labels off, and with
// `allow_unlabeled: false` the still-unlabelled pixels are hatched, counted and block Submit. The answer
// is one PNG mask per label and per instance (segmenter-answer.js). Follows the editor contract in
// index.js. The canvas (data-testid="segmentation-canvas") exposes `canvas.loupeView` ({imageToClient,
// clientToImage, imageReady, view, fit, coverage, labelAt, drawNow}) for tests and tools.

import { h, formatNumber } from '../dom.js';
import { readConfig } from './segmenter-config.js';
import { createLabelMap } from './segmenter-map.js';
import { createHistory } from './segmenter-history.js';
import { answerOf, readAnswer } from './segmenter-answer.js';
import { createView } from './annotator-view.js';
import { loadImage } from './annotator-render.js';
import { createColorLayer, render } from './segmenter-render.js';
import { createTools } from './segmenter-tools.js';
import { createEdits } from './segmenter-edits.js';
import { createPointer } from './segmenter-pointer.js';
import { BRUSH_SIZES, TOOLS, createToolbar } from './segmenter-toolbar.js';
import { createPanel, percent } from './segmenter-panel.js';
import { canvasKeys, editorActions } from './segmenter-keys.js';

const STYLES = ['../../css/annotator.css', '../../css/segmenter.css'].map((path) => new URL(path, import.meta.url).href);
const OVERLAY_COLORS = ['#22d3ee', '#f472b6', '#a3e635', '#fb923c', '#c084fc'];

function loadStyles() {
  const present = new Set([...document.querySelectorAll('link[rel="stylesheet"]')].map((link) => link.href));
  for (const href of STYLES) if (!present.has(href)) document.head.append(h('link', { rel: 'stylesheet', href }));
}

/** Mounts the segmentation editor for `task` into `container` (the editor contract in index.js). */
export function mount(container, task, options = {}) {
  loadStyles();
  const config = readConfig(task);
  const readOnly = Boolean(options.readOnly);
  const onChange = typeof options.onChange === 'function' ? options.onChange : () => {};
  const state = {
    tool: readOnly ? 'pan' : 'brush',
    label: readOnly ? null : config.leaves[0]?.label ?? null,
    instanceId: null, // the instance strokes add to; null: the next stroke of an instance label starts one
    instances: [], // [{id, label, value, number}]
    newEachStroke: false,
    onlyUnlabelled: false,
    brushSize: 10,
    brushChosen: false,
    opacity: 0.5,
    showUnlabelled: true,
    draft: null, // the polygon being drawn (segmenter-tools.js)
    pointer: null,
    loading: false, // an earlier answer is being read
    overlays: (Array.isArray(options.overlays) ? options.overlays : []).map((overlay, index) => ({
      name: overlay.name || `Answer ${index + 1}`, color: overlay.color || OVERLAY_COLORS[index % 5], answer: overlay.answer,
    })),
    overlayIndex: 0,
  };
  let map = null;
  let layer = null;
  let history = null;
  let image = null;
  let message = config.imageUrl ? 'Loading image…' : 'This task has no image (attachment).';
  let frame = 0;

  const canvas = h('canvas', {
    class: 'annotator-canvas', tabindex: '0', 'data-testid': 'segmentation-canvas', role: 'application',
    'aria-label': readOnly ? 'Segmented image (read only).' : 'Image to segment. Paint with the chosen tool and label; “How to paint” lists the keys.',
  });
  const coords = h('span', { class: 'annotator-coords' });
  const hintLine = h('span', { class: 'annotator-hint', role: 'status', 'aria-live': 'polite' });
  const stage = h('div', { class: 'annotator-stage' }, canvas);
  const ctx = canvas.getContext('2d');
  const size = () => (map ? { width: map.width, height: map.height } : null);
  const invalidate = () => {
    if (!frame) frame = requestAnimationFrame(draw);
  };
  const hint = (text) => {
    hintLine.textContent = text;
  };
  const { colorOf } = config;
  const labelOf = (value) => {
    if (!value) return null;
    const instance = state.instances.find((candidate) => candidate.value === value);
    if (instance) return `${instance.label} ${instance.number}`;
    return config.leaves.find((leaf) => leaf.value === value)?.label ?? null;
  };
  let toolbar = null;
  const view = createView(canvas, () => {
    invalidate();
    if (toolbar) toolbar.setZoom(view.scale);
  });

  function changed() {
    onChange();
    toolbar.refresh();
    panel.refresh(['coverage', 'instances']);
    invalidate();
  }

  const ed = {
    config, state, view, canvas, readOnly, size, invalidate, hint, colorOf, labelOf, changed,
    map: () => map,
    history: () => history,
    refreshPanel: (parts) => panel.refresh(parts),
    total: () => (map ? map.width * map.height : 0),
    count: (value) => (map ? map.counts[value] : 0),
    setNewEachStroke(on) {
      state.newEachStroke = on;
    },
    setOnlyUnlabelled(on) {
      state.onlyUnlabelled = on;
    },
    setTool(tool) {
      if (!TOOLS[tool] || (readOnly && tool !== 'pan')) return;
      if (tool !== 'polygon') tools.cancelDraft();
      state.tool = tool;
      toolbar.refresh();
      pointer.refreshCursor();
      hint(`${TOOLS[tool].name} tool — see “How to paint” for keys.`);
      invalidate();
    },
    setBrushSize(value) {
      state.brushSize = Math.min(BRUSH_SIZES.max, Math.max(BRUSH_SIZES.min, Math.round(value) || 1));
      state.brushChosen = true;
      toolbar.refresh();
      invalidate();
    },
    setOpacity(value) {
      state.opacity = value;
      invalidate();
    },
    showUnlabelled(on) {
      state.showUnlabelled = on;
      invalidate();
    },
    chooseOverlay(index) {
      state.overlayIndex = index;
      load(state.overlays[index]?.answer);
    },
    undo() {
      if (tools.painting() || tools.removeDraftVertex()) return;
      if (history && history.undo()) changed();
    },
    redo() {
      if (!tools.painting() && history && history.redo()) changed();
    },
    canUndo: () => Boolean(history && history.canUndo()),
    canRedo: () => Boolean(history && history.canRedo()),
    zoom: (factor) => view.zoomAt(factor),
    fit: () => view.fit(),
    actualSize: () => view.zoomTo(1),
    pointer(p) {
      const value = map ? map.valueAt(p.x, p.y) : null;
      coords.textContent = `x ${Math.floor(p.x)}, y ${Math.floor(p.y)}${value === null ? '' : ` · ${labelOf(value) || 'unlabelled'}`}`;
    },
  };

  Object.assign(ed, createEdits(ed));
  toolbar = createToolbar(ed);
  const panel = createPanel(ed);
  const tools = createTools(ed);
  const pointer = createPointer(ed, tools);
  const root = h('div', { class: `annotator segmenter${readOnly ? ' is-readonly' : ''}` },
    toolbar.toolbar,
    h('div', { class: 'annotator-main' },
      h('div', { class: 'annotator-canvas-column' }, stage, h('div', { class: 'annotator-status' }, coords, hintLine)),
      panel.panel));
  container.append(root);

  function draw() {
    frame = 0;
    if (layer) layer.update();
    const brushing = !readOnly && state.pointer && (state.tool === 'brush' || state.tool === 'eraser');
    // The current label's colour, or the current instance's (a new instance's is not known yet).
    const instance = state.instances.find((candidate) => candidate.id === state.instanceId);
    const color = colorOf(config.byLabel.get(state.label)?.value ?? instance?.value) || '#38bdf8';
    render(ctx, view, {
      image, message, layer, opacity: state.opacity, showUnlabelled: state.showUnlabelled, unlabelled: map ? map.counts[0] : 0,
      draft: state.draft, draftColor: color,
      brush: brushing ? { ...state.pointer, size: state.brushSize, erase: state.tool === 'eraser', color } : null,
    });
  }

  /** Replaces the map with an earlier answer (sent-back work, or the answer a reviewer picked). */
  async function load(answer) {
    if (!map || !answer) return;
    state.loading = true;
    const result = await readAnswer(answer, config, map.width, map.height).catch(() => null);
    state.loading = false;
    if (!map) return;
    if (!result) {
      hint(`The earlier answer does not fit this ${map.width}×${map.height} image, so it is not shown.`);
      return;
    }
    map.load(result.values);
    state.instances = result.instances;
    state.instanceId = null;
    history.reset();
    if (result.skipped) hint(`${result.skipped} part(s) of the earlier answer name no label of this task and were left out.`);
    toolbar.refresh();
    panel.refresh();
    invalidate();
  }

  const observer = new ResizeObserver(() => {
    const rect = stage.getBoundingClientRect();
    view.resize(Math.max(1, Math.floor(rect.width)), Math.max(1, Math.floor(rect.height)));
  });
  observer.observe(stage);

  const stopLoading = config.imageUrl ? loadImage(config.imageUrl, {
    ready(img, levels) {
      const width = img.naturalWidth;
      const height = img.naturalHeight;
      image = { levels, size: { width, height, naturalWidth: width, naturalHeight: height } };
      message = null;
      map = createLabelMap(width, height);
      layer = createColorLayer(map, colorOf);
      history = createHistory(map, () => state.instances, (instances) => {
        state.instances = instances;
        if (!instances.some((instance) => instance.id === state.instanceId)) state.instanceId = null;
      });
      if (!state.brushChosen) state.brushSize = Math.min(BRUSH_SIZES.max, Math.max(1, Math.round(Math.min(width, height) / 40)));
      view.setImage({ width, height });
      toolbar.refresh();
      panel.refresh();
      onChange();
      invalidate();
      load(options.initialAnswer || state.overlays[0]?.answer).then(() => onChange());
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

  function problems() {
    if (!map) return [message === 'Loading image…' ? 'The image is still loading.' : message];
    const out = [];
    if (state.loading) out.push('The earlier answer is still loading.');
    if (state.draft) out.push('Fill the polygon you are drawing (Enter) or cancel it (Escape).');
    const left = map.counts[0];
    if (left && !config.allowUnlabeled) {
      const amount = `${formatNumber(left)} ${left === 1 ? 'pixel' : 'pixels'} (${percent(left, map.width * map.height)})`;
      out.push(`${amount} ${left === 1 ? 'is' : 'are'} still unlabelled: every pixel needs a label before you can submit.`);
    }
    return out;
  }

  const answer = () => (map ? answerOf(map, state.instances, config) : {});
  canvas.loupeView = {
    imageToClient: (x, y) => view.imageToClient(x, y),
    clientToImage: (x, y) => view.clientToImage(x, y),
    imageReady: () => Boolean(map) && !state.loading,
    view: () => ({ scale: view.scale, x: view.x, y: view.y, width: view.width, height: view.height, image: size() }),
    fit: () => view.fit(),
    coverage: () => ({ unlabelled: map ? map.counts[0] : null, total: ed.total() }),
    /** The label (or "label n" for an instance) at image pixel (x, y); null when unlabelled. */
    labelAt: (x, y) => (map ? labelOf(map.valueAt(x, y)) : null),
    /** Draws a frame now and returns how long it took (ms), for performance checks. */
    drawNow() {
      const start = performance.now();
      draw();
      return performance.now() - start;
    },
  };

  toolbar.refresh();
  panel.refresh();
  hint(readOnly ? '' : `${TOOLS[state.tool].name} tool — see “How to paint” for keys.`);
  invalidate();

  return {
    answer,
    problems,
    /** Why Submit is off now (the first problem), or null when it may be pressed. */
    blocked: () => problems()[0] || null,
    actions,
    focus: () => canvas.focus({ preventScroll: true }),
    destroy() {
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
      observer.disconnect();
      pointer.destroy();
      canvas.removeEventListener('keydown', onKey);
      stopLoading();
      map = null;
      layer = null;
      image = null;
      canvas.loupeView = null;
      root.remove();
    },
  };
}
