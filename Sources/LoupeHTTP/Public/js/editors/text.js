// Free text (types text and textcollection): what to respond to — the task's `prompt` (Markdown),
// its attachment (`attachment`/`attachment_type`, `image`, `url`, `text`) or `attachments` — and a
// text area. Optional settings: `label`, `placeholder`, `min_length`, `max_length`.
//
// Answer: {"text": "…"}. problems() asks for text when it is empty (or shorter than min_length).
// Test selector: the text area has name="text".

import { h, uid } from '../dom.js';
import { setting } from './task-settings.js';
import { renderMarkdown } from '../markdown.js';
import { renderAttachment } from '../attachments.js';
import { taskAttachment, overlayNotes, changed } from './common.js';

function positiveInteger(value) {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : null;
}

export function mount(container, task, options = {}) {
  const readOnly = Boolean(options.readOnly);
  const initial = options.initialAnswer && typeof options.initialAnswer === 'object' ? options.initialAnswer : {};
  const minLength = positiveInteger(setting(task, 'min_length'));
  const maxLength = positiveInteger(setting(task, 'max_length'));

  const root = h('div', { class: 'editor editor-text' });

  const prompt = setting(task, 'prompt');
  if (typeof prompt === 'string' && prompt.trim()) root.append(h('div', { class: 'editor-prompt markdown' }, renderMarkdown(prompt)));

  const attachment = taskAttachment(task);
  if (attachment) root.append(h('div', { class: 'editor-attachment' }, renderAttachment(attachment, { label: 'Item to respond to' })));
  const attachments = setting(task, 'attachments');
  if (Array.isArray(attachments) && attachments.length) {
    const type = setting(task, 'attachment_type');
    root.append(
      h(
        'div',
        { class: 'comparison-attachments' },
        attachments.map((item, index) => h('figure', { class: 'comparison-item' }, renderAttachment(item, { label: `Attachment ${index + 1}`, fallbackType: type }))),
      ),
    );
  }

  const id = uid('text');
  const countID = uid('text-count');
  const textarea = h('textarea', {
    id,
    name: 'text',
    rows: '6',
    placeholder: setting(task, 'placeholder') || null,
    maxlength: maxLength ? String(maxLength) : null,
    disabled: readOnly,
    'aria-describedby': countID,
  });
  textarea.value = typeof initial.text === 'string' ? initial.text : '';
  const count = h('p', { id: countID, class: 'field-hint' });
  const updateCount = () => {
    const length = textarea.value.length;
    let text = `${length} character${length === 1 ? '' : 's'}`;
    if (maxLength) text += ` of at most ${maxLength}`;
    if (minLength) text += ` (at least ${minLength})`;
    count.textContent = text;
  };
  textarea.addEventListener('input', () => {
    updateCount();
    changed(options);
  });
  updateCount();

  const label = setting(task, 'label');
  root.append(
    h(
      'div',
      { class: 'field field-text' },
      h('label', { for: id, class: 'field-label' }, typeof label === 'string' && label ? label : 'Your answer'),
      textarea,
      count,
      overlayNotes(options, (answer) => answer.text, { label: 'Others’ answers' }),
    ),
  );
  container.append(root);

  return {
    answer() {
      return { text: textarea.value };
    },
    problems() {
      const text = textarea.value.trim();
      if (!text) return ['Write an answer.'];
      if (minLength && text.length < minLength) return [`Write at least ${minLength} characters (now ${text.length}).`];
      return [];
    },
    actions: [],
    focus() {
      if (!textarea.disabled) textarea.focus();
    },
    destroy() {
      root.querySelectorAll('audio, video').forEach((media) => media.pause());
      root.remove();
    },
  };
}
