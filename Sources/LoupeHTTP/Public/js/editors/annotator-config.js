// Reads an annotation task's settings (image, geometries, labels, attributes, layers) and turns the
// annotator's shapes into the answer the server expects, with the problems to fix before submitting.

import { setting } from './task-settings.js';
import { KIND_NAMES, bounds } from './annotator-shapes.js';
import { PALETTE, fromAnswer, geometryAnswer, inferKind, labelTree, leaves } from './annotator-format.js';
import { attributeProblems, effectiveAttributes } from './annotator-attributes.js';

const SINGLE = {
  annotation: 'box', boxes: 'box', pointannotation: 'point', lineannotation: 'line',
  polygonannotation: 'polygon', cuboidannotation: 'cuboid',
};
const ORDER = ['box', 'polygon', 'line', 'point', 'ellipse', 'cuboid'];

const number = (value) => (value === null || value === undefined || value === '' || !Number.isFinite(Number(value)) ? null : Number(value));
const flag = (value) => value === true || value === 'true' || value === 1;

function geometrySettings(source, kind) {
  const get = (key) => source(key);
  const tree = labelTree(get('objects_to_annotate') ?? get('labels'));
  const fewest = { polygon: 3, line: 2, ellipse: 4 }[kind] || 1;
  const minVertices = number(get('min_vertices'));
  const maxVertices = number(get('max_vertices'));
  return {
    kind,
    tree,
    leaves: leaves(tree),
    minWidth: number(get('min_width')) || 0,
    minHeight: number(get('min_height')) || 0,
    // The server's floor for answers (a line may have 1 vertex) and the drawing tool's (2).
    minVertices: kind === 'ellipse' ? 4 : Math.max(kind === 'polygon' ? 3 : 1, minVertices || 1),
    drawMinVertices: kind === 'ellipse' ? 4 : Math.max(fewest, minVertices || 1),
    maxVertices: kind === 'ellipse' ? 4 : maxVertices && maxVertices >= 1 ? maxVertices : Infinity,
    splines: flag(get('splines')) || flag(get('spline')),
    integer: flag(get('integer_pixels')),
  };
}

/** Everything the annotator needs to know about `task`. */
export function readConfig(task) {
  const type = task.type;
  const read = (key) => setting(task, key);
  const imageUrl = ['attachment', 'image', 'url', 'image_url'].map(read).find((value) => typeof value === 'string' && value);
  const width = number(read('image_width')) ?? number(read('width'));
  const height = number(read('image_height')) ?? number(read('height'));
  const geometries = {};
  const typed = type === 'imageannotation';
  const declared = read('geometries');
  if (typed && declared && typeof declared === 'object' && !Array.isArray(declared)) {
    for (const kind of ORDER) {
      const own = declared[kind];
      if (own && typeof own === 'object') geometries[kind] = geometrySettings((key) => own[key], kind);
    }
  }
  if (!Object.keys(geometries).length) {
    const kind = SINGLE[type] || 'box';
    geometries[kind] = geometrySettings(read, kind);
  }
  const kinds = Object.keys(geometries);
  const anyLabels = kinds.some((kind) => geometries[kind].leaves.length);
  const withLabels = read('with_labels');
  // imageannotation and native boxes always need a label; Scale's v1 types only `with_labels` (and a label
  // given anyway must be a listed leaf, so asking for one when labels exist is always valid).
  const labelRequired = anyLabels && (typed || type === 'boxes' || flag(withLabels) || withLabels === undefined);
  const attributes = read('annotation_attributes');
  const colors = new Map();
  for (const kind of kinds) {
    for (const leaf of geometries[kind].leaves) {
      if (!colors.has(leaf.label)) colors.set(leaf.label, leaf.color || PALETTE[colors.size % PALETTE.length]);
    }
  }
  const config = {
    type,
    typed,
    kinds,
    geometries,
    defaultKind: kinds[0],
    labelRequired,
    labelsOptional: anyLabels && !labelRequired,
    attributes: attributes && typeof attributes === 'object' && !Array.isArray(attributes) ? attributes : {},
    imageUrl: imageUrl || null,
    knownSize: width && height ? { width, height } : null,
    colors,
  };
  config.layers = readLayers(read('layers'), read('hypothesis'), config);
  return config;
}

/** The colour for a label (grey for none). */
export function colorFor(config, label) {
  return (label && config.colors.get(label)) || '#9ca3af';
}

/** Shapes from an answer's `annotations` (typed or of the task's single geometry). */
export function parseAnswer(answer, config) {
  const list = Array.isArray(answer) ? answer : answer && Array.isArray(answer.annotations) ? answer.annotations : [];
  const out = [];
  for (const entry of list) {
    const shape = fromAnswer(entry, inferKind(entry, config.defaultKind));
    if (shape) out.push(shape);
  }
  return out;
}

function readLayers(layers, hypothesis, config) {
  const out = [];
  if (layers && typeof layers === 'object') {
    const kinds = { boxes: 'box', polygons: 'polygon', lines: 'line', cuboids: 'cuboid', points: 'point', ellipses: 'ellipse' };
    for (const [key, kind] of Object.entries(kinds)) {
      for (const entry of Array.isArray(layers[key]) ? layers[key] : []) {
        const shape = fromAnswer(entry, kind);
        if (shape) out.push(shape);
      }
    }
  }
  if (hypothesis) out.push(...parseAnswer(hypothesis, config));
  return out;
}

/** The answer for `shapes`: `{annotations: [...]}` with `type` for imageannotation. */
export function serialize(shapes, config, size) {
  return {
    annotations: shapes.map((shape) => {
      const settings = config.geometries[shape.kind];
      const entry = config.typed ? { type: shape.kind } : {};
      if (shape.label) entry.label = shape.label;
      Object.assign(entry, geometryAnswer(shape, size, settings?.integer && shape.kind === 'box'));
      const attributes = effectiveAttributes(config.attributes, shape, ancestorsOf(config, shape));
      if (Object.keys(attributes).length) entry.attributes = attributes;
      return entry;
    }),
  };
}

/** The label groups a shape's label sits under (for label conditions naming a group). */
export function ancestorsOf(config, shape) {
  const leaf = config.geometries[shape.kind]?.leaves.find((candidate) => candidate.label === shape.label);
  return leaf ? leaf.ancestors : [];
}

/** How a shape is named in lists and messages: "Box 2 “car”". */
export function shapeName(shape, index, config) {
  const leaf = config.geometries[shape.kind]?.leaves.find((candidate) => candidate.label === shape.label);
  const label = shape.label ? ` “${leaf ? leaf.text : shape.label}”` : '';
  return `${KIND_NAMES[shape.kind] || shape.kind} ${index + 1}${label}`;
}

const px = (value) => `${Math.round(value * 100) / 100} px`;

/** What is wrong with one shape, as sentences (empty when it is fine). */
export function shapeProblems(shape, index, config, size) {
  const name = shapeName(shape, index, config);
  const settings = config.geometries[shape.kind];
  const out = [];
  if (!settings) {
    return [`${name} is a ${shape.kind}, which this task does not ask for — delete it.`];
  }
  if (shape.label) {
    if (settings.leaves.length && !settings.leaves.some((leaf) => leaf.label === shape.label)) {
      out.push(`${name}: “${shape.label}” is not one of this task's ${KIND_NAMES[shape.kind].toLowerCase()} labels — choose another.`);
    }
  } else if (config.labelRequired) {
    out.push(`${name} has no label — choose one.`);
  }
  const answer = geometryAnswer(shape, size, settings.integer && shape.kind === 'box');
  if (shape.kind === 'box' || shape.kind === 'cuboid') {
    const box = shape.kind === 'box' ? { w: answer.width, h: answer.height } : bounds(shape);
    if (!(box.w > 0) || !(box.h > 0)) out.push(`${name} has no area — redraw it.`);
    else {
      if (box.w < settings.minWidth) out.push(`${name} is ${px(box.w)} wide; the minimum width is ${px(settings.minWidth)}.`);
      if (box.h < settings.minHeight) out.push(`${name} is ${px(box.h)} tall; the minimum height is ${px(settings.minHeight)}.`);
    }
  }
  if (shape.kind === 'polygon' || shape.kind === 'line') {
    const count = shape.points.length;
    if (count < settings.minVertices) out.push(`${name} has ${count} vertices; it needs at least ${settings.minVertices}.`);
    if (count > settings.maxVertices) out.push(`${name} has ${count} vertices; it may have at most ${settings.maxVertices}.`);
  }
  for (const message of attributeProblems(config.attributes, shape, ancestorsOf(config, shape))) out.push(`${name}: ${message}`);
  return out;
}
