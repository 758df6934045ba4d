// The segmentation editor's side panel: coverage (what is still unlabelled, whether that blocks
// submitting, fill the rest), the label tree (keys 1–9), the instances of instance labels, the answers a
// reviewer can switch between, and help.

import { h, clear, append, formatNumber } from '../dom.js';
import { keepFocus } from './panel-helpers.js';

const HELP = [
  ['Polygon fill (P)', 'click each vertex; Enter, a double click or a click on the first vertex fills the polygon with the current label; Backspace removes the last vertex, Escape cancels.'],
  ['Brush (B)', 'drag to paint with the current label; [ and ] change the size (in image pixels).'],
  ['Eraser (E)', 'drag to make pixels unlabelled again.'],
  ['Labels', 'keys 1–9 choose a label. With “Paint only unlabelled pixels” on, painting never covers labelled pixels.'],
  ['Instances', 'a label marked “instances” gets a new instance with its first stroke; N starts another one; click an instance to paint more of it.'],
  ['Unlabelled', 'pixels without a label are hatched in pink. When the task needs every pixel labelled, Submit stays off until none is left; Shift+F fills them all with the current label.'],
  ['View', 'wheel zooms around the pointer, + and − zoom, F fits the image, 0 shows actual pixels; pan with Space+drag, the middle or right button, the Pan tool (H), or the arrow keys.'],
  ['Edit', 'Ctrl+Z undoes, Ctrl+Shift+Z or Ctrl+Y redoes.'],
];

/** "12.3 %" of `part` in `whole`, never rounding a non-zero part to 0. */
export function percent(part, whole) {
  if (!whole || !part) return '0 %';
  const value = (100 * part) / whole;
  return value < 0.1 ? '< 0.1 %' : `${formatNumber(value, value < 10 ? 1 : 0)} %`;
}

/** The side panel; `refresh(parts)` draws the parts that changed. */
export function createPanel(ed) {
  const { config, state } = ed;
  const coverageSection = h('section', { class: 'annotator-section segmenter-coverage', 'aria-label': 'Coverage', 'data-testid': 'segment-coverage' });
  const labelsSection = h('section', { class: 'annotator-section annotator-labels', 'aria-label': 'Labels' });
  const instancesSection = h('section', { class: 'annotator-section segmenter-instances', 'aria-label': 'Instances', 'data-testid': 'segment-instances' });
  const answersSection = h('section', { class: 'annotator-section', 'aria-label': 'Answers' });
  const help = h('details', { class: 'annotator-section annotator-help' }, h('summary', {}, 'How to paint'),
    h('dl', {}, HELP.flatMap(([term, text]) => [h('dt', {}, term), h('dd', {}, text)])));
  const panel = h('aside', { class: 'annotator-panel' }, coverageSection, answersSection, labelsSection, instancesSection, help);
  const labelText = (label) => config.byLabel.get(label)?.text || label;

  function renderCoverage() {
    clear(coverageSection);
    const total = ed.total();
    const left = ed.count(0);
    coverageSection.append(h('h3', {}, 'Coverage'));
    if (!total) {
      coverageSection.append(h('p', { class: 'annotator-muted' }, 'Waiting for the image…'));
      return;
    }
    coverageSection.classList.toggle('is-incomplete', left > 0 && !config.allowUnlabeled);
    append(coverageSection, [
      h('p', { class: 'segmenter-coverage-line', 'data-testid': 'unlabelled-count', dataset: { unlabelled: String(left) } },
        left ? `Unlabelled: ${formatNumber(left)} of ${formatNumber(total)} px (${percent(left, total)})` : 'Every pixel has a label.'),
      left && !config.allowUnlabeled && !ed.readOnly
        ? h('p', { class: 'segmenter-blocking' }, 'This task needs a label on every pixel: Submit stays off until the hatched area is gone.')
        : null,
      left && config.allowUnlabeled ? h('p', { class: 'annotator-muted' }, 'Unlabelled pixels are allowed in this task.') : null,
      left && !ed.readOnly ? h('button', {
        type: 'button', class: 'annotator-button', 'data-testid': 'fill-unlabelled', dataset: { focus: 'fill-unlabelled' },
        disabled: !state.label, title: 'Fill the unlabelled pixels with the current label (Shift+F)', onclick: () => ed.fillUnlabelled(),
      }, state.label ? `Fill unlabelled with “${labelText(state.label)}”` : 'Choose a label to fill the unlabelled pixels') : null,
      left ? h('label', { class: 'annotator-toggle' },
        h('input', { type: 'checkbox', checked: state.showUnlabelled, dataset: { focus: 'show-unlabelled' }, onchange: (event) => ed.showUnlabelled(event.target.checked) }),
        ' Hatch unlabelled pixels') : null,
    ]);
  }

  function renderLabels() {
    clear(labelsSection);
    if (!config.leaves.length) {
      labelsSection.append(h('h3', {}, 'Labels'), h('p', { class: 'annotator-muted' }, 'This task lists no labels.'));
      return;
    }
    const leafButton = (node) => {
      const leaf = config.byLabel.get(node.label);
      return h('button', {
        type: 'button', class: 'annotator-label', dataset: { label: node.label, focus: `label-${node.label}` },
        'aria-pressed': String(state.label === node.label), disabled: ed.readOnly,
        title: leaf.key ? `${node.text} (${leaf.key})` : node.text,
        onclick: () => ed.chooseLabel(node.label),
      }, h('span', { class: `annotator-swatch${leaf.instance ? ' segmenter-swatch-instances' : ''}`, style: leaf.color ? `background:${leaf.color}` : null }),
      node.text, leaf.instance ? h('span', { class: 'segmenter-tag' }, 'instances') : null,
      leaf.key ? h('kbd', {}, leaf.key) : null);
    };
    const tree = (nodes) => h('ul', { class: 'annotator-tree' }, nodes.map((node) => h('li', {},
      node.children ? [h('span', { class: 'annotator-group-name' }, node.text), tree(node.children)] : leafButton(node))));
    labelsSection.append(h('h3', {}, 'Labels'), tree(config.tree));
  }

  function renderInstances() {
    clear(instancesSection);
    const instanceLabels = config.leaves.filter((leaf) => leaf.instance);
    instancesSection.hidden = !instanceLabels.length;
    if (!instanceLabels.length) return;
    const current = config.byLabel.get(state.label);
    append(instancesSection, [
      h('h3', {}, `Instances (${state.instances.length})`),
      state.instances.length ? h('ol', { class: 'annotator-shape-list' }, state.instances.map((instance) => {
        const name = `${labelText(instance.label)} ${instance.number}`;
        const selected = instance.id === state.instanceId;
        return h('li', { class: selected ? 'is-selected' : '' },
          h('button', {
            type: 'button', class: 'annotator-shape', dataset: { instance: instance.id, focus: `instance-${instance.id}` },
            'aria-current': selected ? 'true' : null, disabled: ed.readOnly, onclick: () => ed.selectInstance(instance.id),
          }, h('span', { class: 'annotator-swatch', style: `background:${ed.colorOf(instance.value)}` }), name,
          h('span', { class: 'segmenter-pixels' }, ` · ${formatNumber(ed.count(instance.value))} px`)),
          ed.readOnly ? null : h('button', {
            type: 'button', class: 'annotator-button annotator-delete', 'aria-label': `Delete ${name}`, title: 'Delete',
            dataset: { focus: `delete-${instance.id}` }, onclick: () => ed.removeInstance(instance.id),
          }, '×'));
      })) : h('p', { class: 'annotator-muted' }, 'None yet: paint with an instance label.'),
      ed.readOnly ? null : h('div', { class: 'segmenter-instance-actions' },
        h('button', {
          type: 'button', class: 'annotator-button', 'data-testid': 'new-instance', dataset: { focus: 'new-instance' },
          disabled: !current?.instance, title: 'Start another instance of the current label (N)', onclick: () => ed.newInstance(),
        }, current?.instance ? `New “${current.text}” instance` : 'New instance'),
        h('label', { class: 'annotator-toggle' },
          h('input', { type: 'checkbox', checked: state.newEachStroke, dataset: { focus: 'new-each-stroke' }, onchange: (event) => ed.setNewEachStroke(event.target.checked) }),
          ' Every stroke or polygon starts a new instance')),
    ]);
  }

  function renderAnswers() {
    clear(answersSection);
    answersSection.hidden = !state.overlays.length;
    if (!state.overlays.length) return;
    const name = 'segmenter-answer';
    answersSection.append(h('fieldset', { class: 'segmenter-answers' }, h('legend', {}, 'Showing'),
      state.overlays.map((overlay, index) => h('label', { class: 'annotator-choice' },
        h('input', { type: 'radio', name, checked: state.overlayIndex === index, onchange: () => ed.chooseOverlay(index) }),
        h('span', { class: 'annotator-swatch', style: `background:${overlay.color}` }), overlay.name))));
  }

  return {
    panel,
    /** Re-renders parts of the panel: 'coverage', 'labels', 'instances', 'answers' (all by default). */
    refresh(parts = ['coverage', 'labels', 'instances', 'answers']) {
      keepFocus(panel, () => {
        if (parts.includes('coverage')) renderCoverage();
        if (parts.includes('labels')) renderLabels();
        if (parts.includes('instances')) renderInstances();
        if (parts.includes('answers')) renderAnswers();
      });
    },
  };
}
