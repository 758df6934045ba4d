// Comparison: the task's attachments side by side (A, B, …), then its choices (radio buttons, keys
// 1–9) and its fields (free text; a field with choices is a select).
//
// Answer: {"choice": "x"} when the task has choices and {"fields": {name: value}} when it has
// fields — each key only when the task declares it, as Scale's comparison response has it.
// Test selectors: each choice's <input> has data-choice="<choice>"; field controls name="<field>".

import { h, uid } from '../dom.js';
import { setting } from './task-settings.js';
import { renderAttachment } from '../attachments.js';
import { overlayMarkers, overlayNotes, changed } from './common.js';
import { fieldDefinitions, fieldControl, fieldTitle, controlValue } from './transcription.js';

const letter = (index) => (index < 26 ? String.fromCharCode(65 + index) : String(index + 1));

export function mount(container, task, options = {}) {
  const readOnly = Boolean(options.readOnly);
  const attachmentType = setting(task, 'attachment_type');
  const rawAttachments = setting(task, 'attachments', []);
  const attachments = Array.isArray(rawAttachments) ? rawAttachments : [rawAttachments];
  const rawChoices = setting(task, 'choices');
  const hasChoices = rawChoices !== undefined && rawChoices !== null;
  const choices = (Array.isArray(rawChoices) ? rawChoices : []).filter((choice) => typeof choice === 'string');
  const rawFields = setting(task, 'fields');
  const hasFields = rawFields !== undefined && rawFields !== null;
  const fields = fieldDefinitions(rawFields);
  const initial = options.initialAnswer && typeof options.initialAnswer === 'object' ? options.initialAnswer : {};

  const root = h('div', { class: 'editor editor-comparison' });

  const gallery = h('div', { class: 'comparison-attachments', role: 'list', 'aria-label': 'Items to compare' });
  attachments.forEach((attachment, index) => {
    gallery.append(
      h(
        'figure',
        { class: 'comparison-item', role: 'listitem', dataset: { attachment: String(index) } },
        h('figcaption', {}, letter(index)),
        renderAttachment(attachment, { label: `Attachment ${letter(index)}`, fallbackType: attachmentType }),
      ),
    );
  });
  if (!attachments.length) gallery.append(h('p', { class: 'editor-empty' }, 'This task has no attachments.'));
  root.append(gallery);

  const controls = h('div', { class: 'editor-controls' });
  root.append(controls);

  const inputs = [];
  if (hasChoices) {
    const group = uid('choice');
    const list = h('div', { class: 'choice-list' });
    choices.forEach((choice, index) => {
      const input = h('input', {
        type: 'radio',
        name: group,
        value: choice,
        checked: initial.choice === choice,
        disabled: readOnly,
        dataset: { choice },
      });
      input.addEventListener('change', () => {
        refresh();
        changed(options);
      });
      inputs.push(input);
      list.append(
        h(
          'label',
          { class: 'choice', dataset: { choiceOption: choice } },
          input,
          index < 9 && !readOnly ? h('kbd', { class: 'key-hint', 'aria-hidden': 'true' }, String(index + 1)) : null,
          h('span', { class: 'choice-text' }, h('span', { class: 'choice-label' }, choice)),
          overlayMarkers(options, (answer) => answer.choice === choice),
        ),
      );
    });
    controls.append(h('fieldset', { class: 'choice-group' }, h('legend', {}, 'Choose one'), list));
  }

  const fieldControls = new Map();
  if (hasFields && fields.length) {
    const section = h('fieldset', { class: 'field-group' }, h('legend', {}, 'Fields'));
    const initialFields = initial.fields && typeof initial.fields === 'object' ? initial.fields : {};
    for (const field of fields) {
      const notes = overlayNotes(options, (answer) => answer.fields?.[field.name], { label: `Others’ ${fieldTitle(field)}` });
      const value = initialFields[field.name];
      const { element, control } = fieldControl(field, {
        value: value === undefined || value === null ? '' : String(value),
        readOnly,
        multiline: true,
        onInput: () => changed(options),
        notes,
      });
      fieldControls.set(field.name, control);
      section.append(element);
    }
    controls.append(section);
  }
  if (!hasChoices && !hasFields) controls.append(h('p', { class: 'editor-empty' }, 'This task has neither choices nor fields.'));

  function refresh() {
    for (const input of inputs) input.closest('.choice')?.classList.toggle('is-selected', input.checked);
  }
  refresh();
  container.append(root);

  const chosen = () => inputs.find((input) => input.checked)?.value;

  const actions = readOnly
    ? []
    : choices.slice(0, 9).map((choice, index) => ({
        id: `comparison.choose-${index + 1}`,
        keys: [String(index + 1)],
        label: `Choose “${choice}”`,
        run: () => {
          const input = inputs[index];
          if (!input || input.checked) return;
          input.checked = true;
          refresh();
          changed(options);
        },
      }));

  return {
    answer() {
      const answer = {};
      if (hasChoices && chosen() !== undefined) answer.choice = chosen();
      if (hasFields) {
        answer.fields = {};
        for (const [name, control] of fieldControls) answer.fields[name] = controlValue(control);
      }
      return answer;
    },
    problems() {
      const problems = [];
      if (hasChoices && chosen() === undefined) problems.push(choices.length ? 'Choose one of the choices.' : 'This task lists no choices.');
      for (const field of fields) {
        if (!controlValue(fieldControls.get(field.name))) {
          problems.push(field.choices ? `Choose a value for “${fieldTitle(field)}”.` : `“${fieldTitle(field)}” is empty.`);
        }
      }
      if (!hasChoices && !hasFields) problems.push('This task has neither choices nor fields.');
      return problems;
    },
    actions,
    focus() {
      const target = controls.querySelector('input:checked:not([disabled])') || controls.querySelector('input:not([disabled]), select:not([disabled]), textarea:not([disabled])');
      target?.focus();
    },
    destroy() {
      root.querySelectorAll('audio, video').forEach((media) => media.pause());
      root.remove();
    },
  };
}
