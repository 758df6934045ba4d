// #/projects/new: create a project — name, type, Markdown instruction with a live preview, the
// type's labels, workflow settings and a callback URL. Server errors appear under their field.

import { api, ApiError } from '../api.js';
import { h, clear, toast } from '../dom.js';
import { renderMarkdown } from '../markdown.js';
import { field, group, showErrors, clearErrors } from './ui.js';

const TYPES = ['categorization', 'imageannotation', 'annotation', 'transcription', 'comparison', 'text', 'components'];
const ANNOTATION = /annotation$|^boxes$/;

/** Which params key the label list fills for a type, and what to call it. */
function labelKind(type) {
  if (type === 'categorization') return { key: 'categories', title: 'Categories', item: 'Category' };
  if (ANNOTATION.test(type)) return { key: 'objects_to_annotate', title: 'Objects to annotate', item: 'Label' };
  if (type === 'transcription') return { key: 'fields', title: 'Fields', item: 'Field name' };
  return null;
}

export async function render(root, params, ctx) {
  const input = (attrs) => h('input', { type: 'text', ...attrs });
  const number = (attrs) => h('input', { type: 'number', inputmode: 'decimal', ...attrs });
  const select = (values, attrs = {}) => h('select', attrs, values.map((value) => h('option', { value }, value)));
  const ids = (text) => text.split(/[\s,]+/).map((part) => part.trim()).filter(Boolean);

  const name = input({ name: 'name', autocomplete: 'off', required: true });
  const typeSelect = select([...TYPES, 'other'], { name: 'type-choice' });
  typeSelect.lastChild.textContent = 'Other (type a name)…';
  const typeOther = input({ name: 'type', pattern: '[a-z][a-z0-9_]*', placeholder: 'e.g. sentiment_rating' });
  const otherField = field('Type name', typeOther, { path: '/type', hint: 'Lowercase letters, digits and underscores.' });
  const typeField = field('Type', typeSelect, { path: '/type' });
  const instruction = h('textarea', { name: 'instruction', rows: 8, placeholder: '# What to do\n\nDescribe the task in Markdown.' });
  const preview = h('div', { class: 'markdown-preview', role: 'region', 'aria-label': 'Instruction preview', tabindex: '0' });
  const extraParams = h('textarea', { name: 'params', rows: 3, class: 'mono', placeholder: '{"allow_multiple": false}' });

  // Label list editor: one row per label (transcription fields also take a description).
  const rows = h('ol', { class: 'list-editor' });
  const labelsTitle = h('legend', {});
  const addLabel = h('button', { type: 'button', class: 'secondary', onclick: () => addRow('', '', true) }, 'Add');
  const labels = h('fieldset', { class: 'group labels' }, labelsTitle, rows, addLabel);
  function addRow(value = '', description = '', focus = false) {
    const kind = labelKind(currentType());
    const text = h('input', { type: 'text', value, class: 'label-value', 'aria-label': `${kind ? kind.item : 'Label'} ${rows.children.length + 1}`,
      onkeydown: (event) => { if (event.key === 'Enter') { event.preventDefault(); addRow('', '', true); } } });
    const about = h('input', { type: 'text', value: description, class: 'label-description', placeholder: 'description (optional)',
      'aria-label': `Description of field ${rows.children.length + 1}`, hidden: kind?.key !== 'fields' });
    const row = h('li', {}, text, about,
      h('button', { type: 'button', class: 'icon danger-text', 'aria-label': `Remove ${kind ? kind.item.toLowerCase() : 'label'} ${rows.children.length + 1}`,
        onclick: () => { row.remove(); if (!rows.children.length) addRow(); } }, '×'));
    rows.append(row);
    if (focus) text.focus();
  }

  // Shapes an imageannotation project offers; each gets the label list as its objects_to_annotate.
  const SHAPES = ['box', 'polygon', 'line', 'point', 'ellipse', 'cuboid'];
  const shapeBoxes = SHAPES.map((shape) => h('input', { type: 'checkbox', name: `geometries.${shape}`, value: shape, checked: shape === 'box' }));
  const shapes = h('fieldset', { class: 'group shapes', 'data-path': '/params/geometries' }, h('legend', {}, 'Shapes to draw'),
    SHAPES.map((shape, index) => h('label', { class: 'inline' }, shapeBoxes[index], ` ${shape}`)));

  // Workflow settings.
  const overlap = number({ name: 'overlap', min: 1, max: 100, step: 1, placeholder: '1' });
  const perWorker = number({ name: 'max_results_per_worker', min: 1, max: 100, step: 1, placeholder: '1' });
  const workTime = number({ name: 'max_work_time', min: 10, max: 604800, step: 1, placeholder: '600' });
  const reviewTime = number({ name: 'max_review_time', min: 60, max: 31536000, step: 1, placeholder: '86400' });
  const payment = number({ name: 'payment_per_result', min: 0, step: 0.01, placeholder: '0' });
  const workerStrategy = select(['open', 'full', 'partitioned'], { name: 'workers.strategy' });
  const workerIDs = h('textarea', { name: 'workers.user_ids', rows: 2, class: 'mono', placeholder: 'user ids, separated by commas or lines' });
  const perInput = number({ name: 'workers.workers_per_input', min: 1, max: 100, step: 1, placeholder: '1' });
  const workerGroup = input({ name: 'workers.group', placeholder: 'any group' });
  const reviewStrategy = select(['none', 'manual', 'consensus', 'aggregate'], { name: 'review.strategy' });
  const threshold = number({ name: 'review.approval_threshold', min: 1, max: 100, step: 1, placeholder: '2' });
  const sample = number({ name: 'review.sample_percentage', min: 0, max: 1, step: 0.05, placeholder: '1' });
  const confidence = number({ name: 'review.min_confidence', min: 0, max: 1, step: 0.01, placeholder: '0.9' });
  const extra = number({ name: 'review.max_extra_results', min: 0, max: 20, step: 1, placeholder: '1' });
  const reviewerIDs = h('textarea', { name: 'review.user_ids', rows: 2, class: 'mono', placeholder: 'any reviewer' });
  const callback = h('input', { type: 'url', name: 'callback.url', placeholder: 'https://example.com/loupe-hook', autocomplete: 'off' });

  const workerIDsField = field('Worker user ids', workerIDs, { path: '/settings/workers/user_ids' });
  const perInputField = field('Workers per task', perInput, { path: '/settings/workers/workers_per_input' });
  const thresholdField = field('Approval threshold (equal answers)', threshold, { path: '/settings/review/approval_threshold' });
  const sampleField = field('Sample share reviewed (0–1)', sample, { path: '/settings/review/sample_percentage' });
  const confidenceField = field('Minimum confidence (0–1)', confidence, { path: '/settings/review/min_confidence' });
  const extraField = field('Extra results before review', extra, { path: '/settings/review/max_extra_results' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Create project');

  const form = h('form', { 'data-testid': 'project-form', class: 'stack', novalidate: true, onsubmit: save },
    h('div', { class: 'grid-2' }, field('Name', name, { path: '/name' }), h('div', {}, typeField, otherField)),
    h('div', { class: 'grid-2 instruction-row' },
      field('Instruction (Markdown)', instruction, { path: '/instruction' }),
      h('div', { class: 'field' }, h('span', { class: 'label', 'aria-hidden': 'true' }, 'Preview'), preview)),
    labels,
    shapes,
    h('details', { class: 'advanced' }, h('summary', {}, 'More type parameters (JSON)'),
      field('Extra params', extraParams, { path: '/params', hint: 'A JSON object merged into params, e.g. {"allow_multiple": true}.' })),
    group('Workflow', [h('div', { class: 'grid-3' },
      field('Overlap (results per task)', overlap, { path: '/settings/overlap' }),
      field('Max results per worker', perWorker, { path: '/settings/max_results_per_worker' }),
      field('Max work time (seconds)', workTime, { path: '/settings/max_work_time' }),
      field('Max review time (seconds)', reviewTime, { path: '/settings/max_review_time' }),
      field('Payment per result', payment, { path: '/settings/payment_per_result' }))],
    { path: '/settings', hint: 'Empty fields keep the server defaults.' }),
    group('Workers', [h('div', { class: 'grid-3' },
      field('Worker strategy', workerStrategy, { path: '/settings/workers/strategy' }),
      field('Worker group', workerGroup, { path: '/settings/workers/group' }), perInputField), workerIDsField],
    { path: '/settings/workers' }),
    group('Review', [h('div', { class: 'grid-3' },
      field('Review strategy', reviewStrategy, { path: '/settings/review/strategy' }),
      thresholdField, sampleField, confidenceField, extraField),
    field('Reviewer user ids', reviewerIDs, { path: '/settings/review/user_ids' })], { path: '/settings/review' }),
    group('Delivery', [field('Callback URL', callback, { path: '/settings/callback/url', hint: 'Optional. Events are POSTed here.' })],
      { path: '/settings/callback' }),
    h('div', { class: 'actions' }, h('a', { href: '#/projects', class: 'button secondary' }, 'Cancel'), submit));

  clear(root).append(h('div', { class: 'admin narrow' },
    h('header', { class: 'page-header' }, h('h1', {}, 'New project')), form));

  function currentType() {
    return typeSelect.value === 'other' ? typeOther.value.trim() : typeSelect.value;
  }
  function sync() {
    otherField.hidden = typeSelect.value !== 'other';
    if (typeSelect.value === 'other') delete typeSelect.dataset.path;
    else typeSelect.dataset.path = '/type';
    const kind = labelKind(currentType());
    labels.hidden = !kind;
    shapes.hidden = currentType() !== 'imageannotation';
    if (kind) {
      labelsTitle.textContent = kind.title;
      labels.dataset.path = `/params/${kind.key}`;
      addLabel.textContent = `Add ${kind.item.toLowerCase()}`;
      [...rows.children].forEach((row, index) => {
        row.querySelector('.label-value').setAttribute('aria-label', `${kind.item} ${index + 1}`);
        row.querySelector('.label-description').hidden = kind.key !== 'fields';
      });
    }
    const workers = workerStrategy.value;
    workerIDsField.hidden = workers === 'open';
    perInputField.hidden = workers !== 'partitioned';
    const review = reviewStrategy.value;
    thresholdField.hidden = review !== 'consensus';
    sampleField.hidden = review !== 'manual';
    confidenceField.hidden = review !== 'aggregate';
    extraField.hidden = review !== 'aggregate';
  }
  let previewTimer = null;
  function updatePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(() => {
      clear(preview);
      if (!instruction.value.trim()) preview.append(h('p', { class: 'muted' }, 'The rendered instruction appears here.'));
      else preview.append(renderMarkdown(instruction.value));
    }, 120);
  }
  for (const element of [typeSelect, typeOther, workerStrategy, reviewStrategy]) element.addEventListener('input', sync);
  for (const element of [typeSelect, workerStrategy, reviewStrategy]) element.addEventListener('change', sync);
  instruction.addEventListener('input', updatePreview);
  addRow();
  sync();
  updatePreview();
  name.focus();

  function body() {
    const problems = [];
    const type = currentType();
    if (!name.value.trim()) problems.push({ path: '/name', reason: 'is required' });
    if (!type) problems.push({ path: '/type', reason: 'is required' });
    else if (!/^[a-z][a-z0-9_]{0,63}$/.test(type)) problems.push({ path: '/type', reason: 'must be lowercase letters, digits and underscores' });
    let extras = {};
    if (extraParams.value.trim()) {
      try {
        extras = JSON.parse(extraParams.value);
        if (!extras || typeof extras !== 'object' || Array.isArray(extras)) throw new Error('not an object');
      } catch {
        problems.push({ path: '/params', reason: 'must be a JSON object' });
      }
    }
    const paramsValue = { ...extras };
    const kind = labelKind(type);
    if (kind) {
      const entries = [...rows.children].map((row) => [row.querySelector('.label-value').value.trim(), row.querySelector('.label-description').value.trim()]).filter(([value]) => value);
      if (new Set(entries.map(([value]) => value)).size !== entries.length) problems.push({ path: `/params/${kind.key}`, reason: 'must not repeat a name' });
      if (type === 'imageannotation') {
        const chosen = shapeBoxes.filter((box) => box.checked).map((box) => box.value);
        if (!chosen.length) problems.push({ path: '/params/geometries', reason: 'choose at least one shape' });
        const names = entries.map(([value]) => value);
        // Every drawn shape carries a label, so the list cannot be empty.
        if (!names.length) problems.push({ path: '/params/objects_to_annotate', reason: 'add at least one label' });
        paramsValue.geometries = Object.fromEntries(chosen.map((shape) => [shape, { objects_to_annotate: names }]));
      } else if (entries.length) {
        paramsValue[kind.key] = kind.key === 'fields'
          ? Object.fromEntries(entries.map(([value, about]) => [value, about || value]))
          : entries.map(([value]) => value);
      }
    }
    const settings = {};
    const put = (target, key, element, convert = Number) => { if (element.value.trim() !== '') target[key] = convert(element.value.trim()); };
    put(settings, 'overlap', overlap);
    put(settings, 'max_results_per_worker', perWorker);
    put(settings, 'max_work_time', workTime);
    put(settings, 'max_review_time', reviewTime);
    put(settings, 'payment_per_result', payment);
    const workers = { strategy: workerStrategy.value };
    if (workers.strategy !== 'open') workers.user_ids = ids(workerIDs.value);
    if (workers.strategy === 'partitioned') put(workers, 'workers_per_input', perInput);
    put(workers, 'group', workerGroup, String);
    if (workers.strategy !== 'open' || workers.group) settings.workers = workers;
    const review = { strategy: reviewStrategy.value };
    if (review.strategy === 'consensus') put(review, 'approval_threshold', threshold);
    if (review.strategy === 'manual') put(review, 'sample_percentage', sample);
    if (review.strategy === 'aggregate') { put(review, 'min_confidence', confidence); put(review, 'max_extra_results', extra); }
    if (ids(reviewerIDs.value).length) review.user_ids = ids(reviewerIDs.value);
    if (review.strategy !== 'none' || review.user_ids) settings.review = review;
    if (callback.value.trim()) settings.callback = { url: callback.value.trim() };
    return { problems, value: { name: name.value.trim(), type, instruction: instruction.value, params: paramsValue, settings } };
  }

  async function save(event) {
    event.preventDefault();
    clearErrors(form);
    const { problems, value } = body();
    if (problems.length) {
      showErrors(form, new ApiError(400, 'Please fix the highlighted fields.', problems));
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Creating…';
    try {
      const project = await api('POST', '/projects', value);
      toast(`Project “${project.name}” created`, 'ok');
      ctx.navigate(`#/projects/${project.id}`);
    } catch (error) {
      if (error instanceof ApiError) showErrors(form, error);
      else toast(String(error), 'error');
    } finally {
      submit.disabled = false;
      submit.textContent = 'Create project';
    }
  }

  return () => clearTimeout(previewTimer);
}
