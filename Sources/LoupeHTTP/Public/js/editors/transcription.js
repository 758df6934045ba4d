// Transcription: the attachment, one input per declared field, and rows of repeatable fields
// (an "Add row" button, Alt+N, and a remove button per row; one empty row is offered to start).
// A field definition is a description string or {description, choices}; a field with choices is a
// select.
//
// Answer: {"fields": {name: value}} when the task declares fields, and
// {"repeatable_fields": [{name: value}, …]} when it declares repeatable fields (values trimmed).
// Every declared field needs a value; problems() names the empty ones.
// Test selectors: field inputs/selects have name="<field>"; repeatable ones also data-row="<n>"
// (0-based, the index in repeatable_fields), as does each row's container; the add-row button
// has data-testid="add-row", each remove button data-testid="remove-row".

import { h, uid } from '../dom.js';
import { setting } from './task-settings.js';
import { renderAttachment } from '../attachments.js';
import { taskAttachment, overlayNotes, hasOverlays, changed } from './common.js';

/** [{name, description, choices}] from a fields object (name → description | {description, choices}). */
export function fieldDefinitions(raw) {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return [];
  return Object.entries(raw).map(([name, definition]) => {
    if (typeof definition === 'string') return { name, description: definition, choices: null };
    if (definition && typeof definition === 'object') {
      const description = definition.description ?? definition.label ?? definition.title ?? '';
      const choices = Array.isArray(definition.choices) ? definition.choices.filter((choice) => typeof choice === 'string') : null;
      return { name, description: String(description), choices: choices && choices.length ? choices : null };
    }
    return { name, description: '', choices: null };
  });
}

/** The text a field is shown with: its description, else its name. */
export function fieldTitle(field) {
  return field.description && field.description.trim() ? field.description : field.name;
}

/**
 * One labelled field: a text input (a textarea with `multiline`) or, with choices, a select.
 * Returns {element, control}. `row` (a number) marks a repeatable row's control with data-row.
 */
export function fieldControl(field, { value = '', readOnly = false, row = null, multiline = false, onInput, notes = null }) {
  const id = uid('field');
  const data = row === null ? {} : { row: String(row) };
  let control;
  if (field.choices) {
    control = h(
      'select',
      { id, name: field.name, disabled: readOnly, dataset: data },
      h('option', { value: '' }, 'Choose…'),
      field.choices.map((choice) => h('option', { value: choice }, choice)),
    );
    control.value = field.choices.includes(value) ? value : '';
    control.addEventListener('change', onInput);
  } else {
    control = h(multiline ? 'textarea' : 'input', {
      id,
      name: field.name,
      type: multiline ? null : 'text',
      rows: multiline ? '2' : null,
      autocomplete: 'off',
      spellcheck: 'false',
      disabled: readOnly,
      dataset: data,
    });
    control.value = value ?? '';
    control.addEventListener('input', onInput);
  }
  const title = fieldTitle(field);
  const label = h(
    'label',
    { for: id, class: 'field-label' },
    title,
    title !== field.name ? h('span', { class: 'field-key', 'aria-hidden': 'true' }, field.name) : null,
  );
  const element = h('div', { class: 'field', dataset: { field: field.name } }, label, control, notes);
  return { element, control };
}

/** The value of a field control, trimmed. */
export function controlValue(control) {
  return String(control.value ?? '').trim();
}

export function mount(container, task, options = {}) {
  const readOnly = Boolean(options.readOnly);
  const fields = fieldDefinitions(setting(task, 'fields'));
  const repeatables = fieldDefinitions(setting(task, 'repeatable_fields'));
  const hasFields = setting(task, 'fields') !== undefined && fields.length > 0;
  const hasRepeatables = setting(task, 'repeatable_fields') !== undefined && repeatables.length > 0;
  const initial = options.initialAnswer && typeof options.initialAnswer === 'object' ? options.initialAnswer : {};
  const initialFields = initial.fields && typeof initial.fields === 'object' ? initial.fields : {};
  const initialRows = Array.isArray(initial.repeatable_fields) ? initial.repeatable_fields.filter((row) => row && typeof row === 'object') : [];

  const root = h('div', { class: 'editor editor-transcription' });
  const attachment = taskAttachment(task);
  const layout = h('div', { class: attachment ? 'editor-split' : 'editor-single' });
  if (attachment) layout.append(h('div', { class: 'editor-attachment' }, renderAttachment(attachment, { label: 'Document to transcribe' })));
  const controls = h('div', { class: 'editor-controls' });
  layout.append(controls);
  root.append(layout);

  const onInput = () => changed(options);

  // Single fields.
  const fieldControls = new Map();
  if (hasFields) {
    const section = h('fieldset', { class: 'field-group' }, h('legend', {}, 'Fields'));
    for (const field of fields) {
      const notes = overlayNotes(options, (answer) => answer.fields?.[field.name], { label: `Others’ ${fieldTitle(field)}` });
      const { element, control } = fieldControl(field, { value: stringValue(initialFields[field.name]), readOnly, onInput, notes });
      fieldControls.set(field.name, control);
      section.append(element);
    }
    controls.append(section);
  }

  // Repeatable rows.
  const rows = []; // [{element, controls: Map(name → control), removeButton, number}]
  let rowList = null;
  let addButton = null;
  let status = null;
  if (hasRepeatables) {
    rowList = h('div', { class: 'repeat-rows' });
    status = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
    const section = h('fieldset', { class: 'field-group repeatable' }, h('legend', {}, 'Rows'));
    if (hasOverlays(options)) {
      section.append(
        overlayNotes(options, (answer) => {
          const count = Array.isArray(answer.repeatable_fields) ? answer.repeatable_fields.length : 0;
          return `${count} row${count === 1 ? '' : 's'}`;
        }, { label: 'Rows others transcribed' }),
      );
    }
    section.append(rowList);
    if (!readOnly) {
      addButton = h('button', { type: 'button', class: 'add-row', dataset: { testid: 'add-row' }, onclick: () => addRow({}, true) }, '+ Add row ', h('kbd', { 'aria-hidden': 'true' }, 'Alt+N'));
      addButton.setAttribute('aria-keyshortcuts', 'Alt+N');
      section.append(addButton);
    }
    section.append(status);
    controls.append(section);
    // Read-only without an answer of its own (a reviewer's view): as many empty rows as the longest
    // overlay answer has, so each row shows what every overlay transcribed for it.
    const overlayRows = Math.max(0, ...(options.overlays || []).map((overlay) => (Array.isArray(overlay.answer?.repeatable_fields) ? overlay.answer.repeatable_fields.length : 0)));
    const start = initialRows.length ? initialRows : readOnly ? Array.from({ length: overlayRows }, () => ({})) : [{}];
    for (const row of start) addRow(row, false);
    if (!rows.length) rowList.append(h('p', { class: 'editor-empty' }, 'No rows.'));
  }

  function addRow(values, user) {
    if (readOnly && user) return;
    const element = h('div', { class: 'repeat-row', role: 'group' });
    const number = h('span', { class: 'row-number', 'aria-hidden': 'true' });
    const fieldsOfRow = h('div', { class: 'row-fields' });
    element.append(number, fieldsOfRow);
    const controlsOfRow = new Map();
    const entry = { element, controls: controlsOfRow, number, removeButton: null, fields: [] };
    for (const field of repeatables) {
      const notes = overlayNotes(options, (answer) => answer.repeatable_fields?.[rows.indexOf(entry)]?.[field.name], { label: `Others’ ${fieldTitle(field)}` });
      const { element: fieldElement, control } = fieldControl(field, { value: stringValue(values[field.name]), readOnly, row: rows.length, onInput, notes });
      controlsOfRow.set(field.name, control);
      entry.fields.push(fieldElement);
      fieldsOfRow.append(fieldElement);
    }
    if (!readOnly) {
      entry.removeButton = h('button', { type: 'button', class: 'remove-row', dataset: { testid: 'remove-row' }, onclick: () => removeRow(entry) }, '×');
      element.append(entry.removeButton);
    }
    rowList.querySelector('.editor-empty')?.remove();
    rows.push(entry);
    rowList.append(element);
    renumber();
    if (user) {
      controlsOfRow.values().next().value?.focus();
      status.textContent = `Row ${rows.length} added.`;
      changed(options);
    }
  }

  function removeRow(entry) {
    const index = rows.indexOf(entry);
    if (index === -1 || readOnly) return;
    const hadFocus = entry.element.contains(document.activeElement);
    rows.splice(index, 1);
    entry.element.remove();
    renumber();
    if (!rows.length) rowList.append(h('p', { class: 'editor-empty' }, 'No rows. Add one if the document has any.'));
    status.textContent = `Row ${index + 1} removed.`;
    if (hadFocus) {
      const next = rows[Math.min(index, rows.length - 1)];
      (next ? next.controls.values().next().value : addButton)?.focus();
    }
    changed(options);
  }

  function renumber() {
    rows.forEach((entry, index) => {
      entry.element.dataset.row = String(index);
      entry.element.setAttribute('aria-label', `Row ${index + 1}`);
      entry.number.textContent = String(index + 1);
      for (const control of entry.controls.values()) control.dataset.row = String(index);
      if (entry.removeButton) entry.removeButton.setAttribute('aria-label', `Remove row ${index + 1}`);
      // Refresh the overlay notes of rows that moved.
      entry.fields.forEach((fieldElement, position) => {
        const old = fieldElement.querySelector('.overlay-notes');
        if (!old) return;
        const field = repeatables[position];
        const fresh = overlayNotes(options, (answer) => answer.repeatable_fields?.[index]?.[field.name], { label: `Others’ ${fieldTitle(field)}` });
        old.replaceWith(fresh);
      });
    });
  }

  if (!hasFields && !hasRepeatables) controls.append(h('p', { class: 'editor-empty' }, 'This task declares no fields to transcribe.'));
  container.append(root);

  const actions = readOnly || !hasRepeatables
    ? []
    : [
        { id: 'transcription.add-row', keys: ['Alt+N'], label: 'Add a row', run: () => addRow({}, true) },
        {
          id: 'transcription.remove-row',
          keys: ['Alt+Shift+Backspace'],
          label: 'Remove the row being edited',
          run: () => {
            const entry = rows.find((candidate) => candidate.element.contains(document.activeElement));
            if (entry) removeRow(entry);
          },
        },
      ];

  return {
    answer() {
      const answer = {};
      if (hasFields) {
        answer.fields = {};
        for (const [name, control] of fieldControls) answer.fields[name] = controlValue(control);
      }
      if (hasRepeatables) {
        answer.repeatable_fields = rows.map((entry) => {
          const row = {};
          for (const [name, control] of entry.controls) row[name] = controlValue(control);
          return row;
        });
      }
      return answer;
    },
    problems() {
      const problems = [];
      if (!hasFields && !hasRepeatables) problems.push('This task declares no fields to transcribe.');
      for (const field of fields) {
        if (hasFields && !controlValue(fieldControls.get(field.name))) {
          problems.push(field.choices ? `Choose a value for “${fieldTitle(field)}”.` : `“${fieldTitle(field)}” is empty.`);
        }
      }
      rows.forEach((entry, index) => {
        const empty = repeatables.filter((field) => !controlValue(entry.controls.get(field.name))).map((field) => `“${fieldTitle(field)}”`);
        if (empty.length) problems.push(`Row ${index + 1}: ${empty.join(', ')} ${empty.length === 1 ? 'is' : 'are'} empty.`);
      });
      return problems;
    },
    actions,
    focus() {
      const target = controls.querySelector('input:not([disabled]), select:not([disabled]), textarea:not([disabled])');
      target?.focus();
    },
    destroy() {
      root.querySelectorAll('audio, video').forEach((media) => media.pause());
      root.remove();
    },
  };
}

function stringValue(value) {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : String(value);
}
