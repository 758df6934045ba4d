// Categorization: the attachment, then one radio button per category (checkboxes when
// allow_multiple). Keys 1–9 pick the n-th category (toggle it when several may be chosen).
//
// Answer: {"category": "x"} or, with allow_multiple, {"category": ["x", "y"]} in category order;
// with category_ids, also "category_id": the id of each chosen category in the same order.
// Test selectors: every category's <input> carries data-category="<category>".

import { h, uid } from '../dom.js';
import { setting } from './task-settings.js';
import { renderAttachment } from '../attachments.js';
import { taskAttachment, overlayMarkers, overlayNotes, changed } from './common.js';
import { examplesSummary } from '../examples.js';

/** A boolean setting as Scale sends it: true, "true", 1 or "1". */
export function flag(value) {
  return value === true || value === 1 || value === 'true' || value === '1';
}

/** Categories as [{label, description}], from strings or objects ({label|name|category|value, description}). */
function readCategories(raw) {
  const list = Array.isArray(raw) ? raw : [];
  const seen = new Set();
  const categories = [];
  for (const entry of list) {
    let label;
    let description = null;
    if (typeof entry === 'string' || typeof entry === 'number') {
      label = String(entry);
    } else if (entry && typeof entry === 'object') {
      label = entry.label ?? entry.name ?? entry.category ?? entry.value ?? entry.title ?? entry.id;
      description = entry.description ?? entry.hint ?? null;
      if (label === undefined || label === null) continue;
      label = String(label);
    } else {
      continue;
    }
    if (seen.has(label)) continue;
    seen.add(label);
    categories.push({ label, description });
  }
  return categories;
}

export function mount(container, task, options = {}) {
  const readOnly = Boolean(options.readOnly);
  const categories = readCategories(setting(task, 'categories', []));
  const multiple = flag(setting(task, 'allow_multiple', false));
  const rawIDs = setting(task, 'category_ids');
  const categoryIDs = rawIDs && typeof rawIDs === 'object' && !Array.isArray(rawIDs) ? rawIDs : null;
  const idOf = new Map();
  if (categoryIDs) {
    for (const [id, category] of Object.entries(categoryIDs)) {
      if (typeof category === 'string' && !idOf.has(category)) idOf.set(category, id);
    }
  }

  // What the overlay or initial answer chose, as category labels.
  const chosenIn = (answer) => {
    if (!answer || typeof answer !== 'object') return [];
    if (answer.category !== undefined && answer.category !== null) {
      return [answer.category].flat().map(String);
    }
    if (answer.category_id !== undefined && categoryIDs) {
      return [answer.category_id].flat().map((id) => categoryIDs[id]).filter((label) => typeof label === 'string');
    }
    return [];
  };

  const initial = new Set(chosenIn(options.initialAnswer));
  const group = uid('category');
  const legendID = uid('category-legend');
  const inputs = [];

  const root = h('div', { class: 'editor editor-categorization' });
  const attachment = taskAttachment(task);
  if (attachment) root.append(h('div', { class: 'editor-attachment' }, renderAttachment(attachment, { label: 'Item to categorize' })));

  const list = h('div', { class: 'choice-list' });
  const fieldset = h(
    'fieldset',
    { class: 'choice-group' },
    h('legend', { id: legendID }, multiple ? 'Choose every category that applies' : 'Choose a category'),
    list,
  );
  categories.forEach((category, index) => {
    const input = h('input', {
      type: multiple ? 'checkbox' : 'radio',
      name: group,
      value: category.label,
      checked: initial.has(category.label),
      disabled: readOnly,
      dataset: { category: category.label },
    });
    input.addEventListener('change', () => {
      refresh();
      changed(options);
    });
    inputs.push(input);
    const option = h(
      'label',
      { class: 'choice', dataset: { categoryOption: category.label } },
      input,
      index < 9 && !readOnly ? h('kbd', { class: 'key-hint', 'aria-hidden': 'true' }, String(index + 1)) : null,
      h(
        'span',
        { class: 'choice-text' },
        h('span', { class: 'choice-label' }, category.label),
        category.description ? h('span', { class: 'choice-description' }, category.description) : null,
        examplesHint(task, category.label),
      ),
      overlayMarkers(options, (answer) => chosenIn(answer).includes(category.label)),
    );
    list.append(option);
  });
  if (!categories.length) list.append(h('p', { class: 'editor-empty' }, 'This task lists no categories.'));
  root.append(fieldset);

  const notes = overlayNotes(options, (answer) => chosenIn(answer), { label: 'Categories chosen by others' });
  if (notes) root.append(h('section', { class: 'editor-overlays', 'aria-label': 'Other answers' }, h('h3', {}, 'Other answers'), notes));

  function refresh() {
    for (const input of inputs) input.closest('.choice')?.classList.toggle('is-selected', input.checked);
  }
  refresh();
  container.append(root);

  const chosen = () => inputs.filter((input) => input.checked).map((input) => input.value);

  function choose(index) {
    const input = inputs[index];
    if (!input || readOnly) return;
    if (multiple) input.checked = !input.checked;
    else if (input.checked) return;
    else input.checked = true;
    refresh();
    changed(options);
  }

  const actions = readOnly
    ? []
    : categories.slice(0, 9).map((category, index) => ({
        id: `categorization.choose-${index + 1}`,
        keys: [String(index + 1)],
        label: multiple ? `Toggle “${category.label}”` : `Choose “${category.label}”`,
        run: () => choose(index),
      }));

  return {
    answer() {
      const labels = chosen();
      if (multiple) {
        const answer = { category: labels };
        if (categoryIDs && labels.length && labels.every((label) => idOf.has(label))) answer.category_id = labels.map((label) => idOf.get(label));
        return answer;
      }
      if (!labels.length) return {};
      const answer = { category: labels[0] };
      if (categoryIDs && idOf.has(labels[0])) answer.category_id = idOf.get(labels[0]);
      return answer;
    },
    problems() {
      if (!categories.length) return ['This task lists no categories to choose from.'];
      if (!chosen().length) return [multiple ? 'Choose at least one category.' : 'Choose a category.'];
      return [];
    },
    actions,
    focus() {
      const target = inputs.find((input) => input.checked && !input.disabled) || inputs.find((input) => !input.disabled);
      target?.focus();
    },
    destroy() {
      root.querySelectorAll('audio, video').forEach((media) => media.pause());
      root.remove();
    },
  };
}

/** A small "examples" mark on a category the project illustrates; hovering it lists them. */
function examplesHint(task, label) {
  const summary = examplesSummary(task, label);
  if (!summary) return null;
  const count = summary.split('\n').length;
  return h('span', { class: 'example-hint', title: summary, 'data-testid': 'category-examples' }, count === 1 ? '1 example' : `${count} examples`);
}
