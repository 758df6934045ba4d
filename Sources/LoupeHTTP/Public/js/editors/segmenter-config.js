// Reads a `segmentannotation` task's settings for the segmentation editor: the image, the labels
// (`labels`, nested choices allowed), the instance labels (`instance_labels`) and `allow_unlabeled`,
// and gives each label its value in the editor's label map and its colour.
//
// Values follow the server's label map (ScaleSegmentation.swift): 0 is unlabelled, the labels that are
// not instance labels take 1…n in declaration order, and each instance of an instance label takes a
// free value above them (at most 255 in all). Colours are the annotator's distinct palette (a label's
// own `color` when it gives one), by value, so instances differ from the labels and from each other.

import { setting } from './task-settings.js';
import { PALETTE, labelTree, leaves } from './annotator-format.js';

const flag = (value) => value === true || value === 'true' || value === 1 || value === '1';

/** `#rrggbb` as [r, g, b]. */
export function rgb(color) {
  const n = parseInt(String(color).slice(1, 7), 16) || 0;
  return [n >> 16, (n >> 8) & 255, n & 255];
}

/**
 * Everything the segmentation editor needs to know about `task`: {colorOf(value), imageUrl, tree,
 * leaves: [{label, text, instance, value, color, key}], byLabel: Map, firstInstanceValue, allowUnlabeled}.
 */
export function readConfig(task) {
  const read = (key) => setting(task, key);
  const imageUrl = ['attachment', 'image', 'url', 'image_url'].map(read).find((value) => typeof value === 'string' && value) || null;
  const labels = labelTree(read('labels'));
  const instanceTree = labelTree(read('instance_labels'));
  const instanceLabels = new Set(leaves(instanceTree).map((leaf) => leaf.label));
  const declared = leaves(labels);
  // Instance labels the `labels` list does not name are offered after it, in their own group.
  const extra = instanceTree.length ? pruneTree(instanceTree, new Set(declared.map((leaf) => leaf.label))) : [];
  const tree = extra.length ? [...labels, { label: '', text: 'Instance labels', children: extra }] : labels;
  const all = leaves(tree);
  let value = 0;
  const list = all.map((leaf, index) => {
    const instance = instanceLabels.has(leaf.label);
    if (!instance) value += 1;
    return {
      label: leaf.label,
      text: leaf.text,
      instance,
      value: instance ? null : value,
      color: instance ? null : /^#[0-9a-f]{6}$/i.test(leaf.color || '') ? leaf.color : PALETTE[(value - 1) % PALETTE.length],
      key: index < 9 ? String(index + 1) : null,
    };
  });
  const colors = new Map(list.filter((leaf) => !leaf.instance).map((leaf) => [leaf.value, leaf.color]));
  return {
    /** The colour of label-map value `value` (null for 0, unlabelled). */
    colorOf: (v) => (v ? colors.get(v) || PALETTE[(v - 1) % PALETTE.length] : null),
    imageUrl,
    tree,
    leaves: list,
    byLabel: new Map(list.map((leaf) => [leaf.label, leaf])),
    firstInstanceValue: value + 1,
    allowUnlabeled: flag(read('allow_unlabeled')),
  };
}

/** `tree` without the leaves in `known` (and groups left empty). */
function pruneTree(tree, known) {
  const out = [];
  for (const node of tree) {
    if (node.children) {
      const children = pruneTree(node.children, known);
      if (children.length) out.push({ ...node, children });
    } else if (!known.has(node.label)) {
      out.push(node);
    }
  }
  return out;
}
