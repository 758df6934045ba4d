// The fallback editor for task types without their own: shows the task's data (and params) as
// JSON and takes the answer as a JSON object typed into a text area (Alt+Shift+F formats it).
//
// Answer: the parsed object ({} while the text does not parse). problems() reports text that is
// not JSON or not an object. Test selector: the text area has name="answer".

import { h, uid } from '../dom.js';
import { overlayNotes, changed } from './common.js';

function pretty(value) {
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}

function parse(text) {
  if (!text.trim()) return { error: 'The answer is empty: write a JSON object, e.g. {"label": "cat"}.' };
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `The answer is not valid JSON: ${error.message}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { error: `The answer must be a JSON object ({…}), not ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}.` };
  }
  return { value };
}

export function mount(container, task, options = {}) {
  const readOnly = Boolean(options.readOnly);
  const root = h('div', { class: 'editor editor-json' });

  root.append(
    h('section', { class: 'json-data', 'aria-label': 'Task data' }, h('h3', {}, `Task data${task.type ? ` (${task.type})` : ''}`), h('pre', { class: 'code-block', tabindex: '0' }, pretty(task.data ?? {}))),
  );
  if (task.params && typeof task.params === 'object' && Object.keys(task.params).length) {
    root.append(h('details', { class: 'json-params' }, h('summary', {}, 'Project parameters'), h('pre', { class: 'code-block' }, pretty(task.params))));
  }

  const id = uid('json');
  const messageID = uid('json-message');
  const initial = options.initialAnswer && typeof options.initialAnswer === 'object' ? options.initialAnswer : {};
  const textarea = h('textarea', {
    id,
    name: 'answer',
    class: 'code-input',
    rows: '10',
    spellcheck: 'false',
    autocomplete: 'off',
    disabled: readOnly,
    'aria-describedby': messageID,
  });
  textarea.value = pretty(initial);
  const message = h('p', { id: messageID, class: 'field-hint', 'aria-live': 'polite' });
  const validate = () => {
    const result = parse(textarea.value);
    message.textContent = result.error || 'Valid JSON object.';
    message.classList.toggle('field-error', Boolean(result.error));
    textarea.setAttribute('aria-invalid', result.error ? 'true' : 'false');
    return result;
  };
  textarea.addEventListener('input', () => {
    validate();
    changed(options);
  });
  validate();

  root.append(
    h(
      'div',
      { class: 'field' },
      h('label', { for: id, class: 'field-label' }, 'Answer (JSON object)'),
      textarea,
      message,
      overlayNotes(options, (answer) => pretty(answer), { label: 'Others’ answers' }),
    ),
  );
  container.append(root);

  const format = () => {
    const result = parse(textarea.value);
    if (result.error || readOnly) return;
    textarea.value = pretty(result.value);
    validate();
    changed(options);
  };

  return {
    answer() {
      return parse(textarea.value).value || {};
    },
    problems() {
      const result = parse(textarea.value);
      return result.error ? [result.error] : [];
    },
    actions: readOnly ? [] : [{ id: 'json.format', keys: ['Alt+Shift+F'], label: 'Format the JSON answer', run: format }],
    focus() {
      if (!textarea.disabled) textarea.focus();
    },
    destroy() {
      root.remove();
    },
  };
}
