// The Swarms components that take typed input: TextInput, Stepper, Toggle, and a link for the
// mobile-only AudioRecording, VideoRecording and ImageMarker. Each takes the context mount()
// builds and returns its part ({result(), missing(), focusTarget(), …}).

import { h, uid } from '../dom.js';
import { flag, number, decimals, short } from './components-attributes.js';

/** A TextInput: one line of text, the result {text}. */
export function textInputComponent({ attributes, section, index, initial, describedBy, question, readOnly, edited }) {
  const id = uid('component-input');
  const input = h('input', {
    id,
    type: 'text',
    name: `component-${index}`,
    placeholder: attributes.hint || null,
    disabled: readOnly,
    autocomplete: 'off',
    'aria-describedby': describedBy,
  });
  input.value = typeof initial?.text === 'string' ? initial.text : '';
  input.addEventListener('input', edited);
  section.append(h('label', { for: id, class: 'field-label' }, attributes.label || 'Your answer'), input);
  return {
    result: () => (input.value.trim() ? { text: input.value } : undefined),
    missing: () => `Write an answer${question ? ` to “${short(question)}”` : ''} (item ${index + 1}).`,
    focusTarget: () => input,
  };
}

/** A Stepper: a number input with − and + buttons kept to min, max and step, the result {result}. */
export function stepperComponent({ attributes, section, index, initial, describedBy, question, readOnly, edited }) {
  const min = number(attributes.min, -Infinity);
  const max = number(attributes.max, Infinity);
  const step = Math.abs(number(attributes.step, 1)) || 1;
  const places = Math.max(decimals(step), Number.isFinite(min) ? decimals(min) : 0);
  const base = Number.isFinite(min) ? min : 0;
  const snap = (candidate) => {
    let next = base + Math.round((candidate - base) / step) * step;
    next = Math.max(min, Math.min(max, next));
    return Number(next.toFixed(places));
  };
  const start = number(attributes.start, Number.isFinite(min) ? min : 0);
  let value = snap(number(initial?.result, start));
  let invalid = false;
  const id = uid('component-stepper');
  const input = h('input', {
    id,
    type: 'number',
    inputmode: places ? 'decimal' : 'numeric',
    min: Number.isFinite(min) ? String(min) : null,
    max: Number.isFinite(max) ? String(max) : null,
    step: String(step),
    disabled: readOnly,
    'aria-describedby': describedBy,
  });
  input.value = String(value);
  const decrease = h('button', { type: 'button', class: 'stepper-button', 'aria-label': 'Decrease', 'aria-controls': id, disabled: readOnly }, '−');
  const increase = h('button', { type: 'button', class: 'stepper-button', 'aria-label': 'Increase', 'aria-controls': id, disabled: readOnly }, '+');
  const refreshButtons = () => {
    if (readOnly) return;
    decrease.disabled = value <= min;
    increase.disabled = value >= max;
  };
  const set = (next) => {
    const snapped = snap(next);
    invalid = false;
    input.removeAttribute('aria-invalid');
    input.value = String(snapped);
    refreshButtons();
    if (snapped !== value) {
      value = snapped;
      edited();
    }
  };
  decrease.addEventListener('click', () => set(value - step));
  increase.addEventListener('click', () => set(value + step));
  input.addEventListener('input', () => {
    const typed = input.value.trim() === '' ? NaN : Number(input.value);
    invalid = !Number.isFinite(typed) || typed < min || typed > max;
    input.setAttribute('aria-invalid', invalid ? 'true' : 'false');
    if (!invalid && typed !== value) {
      value = typed;
      refreshButtons();
    }
    edited();
  });
  input.addEventListener('change', () => {
    const typed = input.value.trim() === '' ? NaN : Number(input.value);
    if (Number.isFinite(typed)) set(typed);
  });
  refreshButtons();
  section.append(
    h('label', { for: id, class: 'field-label' }, attributes.label || (question ? short(question, 80) : 'Number')),
    h('div', { class: 'stepper' }, decrease, input, increase),
  );
  return {
    result: () => (invalid ? undefined : { result: value }),
    missing: () => `Enter a number${Number.isFinite(min) && Number.isFinite(max) ? ` from ${min} to ${max}` : ''} (item ${index + 1}).`,
    focusTarget: () => input,
    alwaysAnswered: true,
  };
}

/** A Toggle: a switch, the result {checked}. */
export function toggleComponent({ attributes, section, index, initial, describedBy, readOnly, edited }) {
  const id = uid('component-toggle');
  const input = h('input', {
    id,
    type: 'checkbox',
    checked: typeof initial?.checked === 'boolean' ? initial.checked : flag(attributes.checkedByDefault),
    disabled: readOnly,
    'aria-describedby': describedBy,
  });
  input.addEventListener('change', edited);
  section.append(h('label', { for: id, class: 'toggle' }, input, h('span', { class: 'toggle-track', 'aria-hidden': 'true' }), h('span', { class: 'toggle-label' }, attributes.label || `Toggle ${index + 1}`)));
  if (attributes.explanation) {
    section.append(h('details', { class: 'toggle-explanation' }, h('summary', {}, 'Explanation'), h('p', {}, String(attributes.explanation))));
  }
  return {
    result: () => ({ checked: input.checked }),
    focusTarget: () => input,
    alwaysAnswered: true,
  };
}

/**
 * AudioRecording, VideoRecording and ImageMarker, made in the Swarms mobile app: a link, the
 * result {url}.
 */
export function linkComponent({ type, section, index, initial, readOnly, edited }) {
  const what = { AudioRecording: 'an audio recording', VideoRecording: 'a video recording', ImageMarker: 'a drawing on the image' }[type];
  const id = uid('component-link');
  const input = h('input', { id, type: 'url', disabled: readOnly, placeholder: 'https://…', autocomplete: 'off' });
  input.value = typeof initial?.url === 'string' ? initial.url : '';
  input.addEventListener('input', edited);
  section.append(
    h('p', { class: 'component-note', role: 'note' }, `This step asks for ${what}, which is made in the Swarms mobile app. Paste a link to it here.`),
    h('label', { for: id, class: 'field-label' }, 'Link'),
    input,
  );
  return {
    result: () => (input.value.trim() ? { url: input.value.trim() } : undefined),
    missing: () => `Give a link to ${what} (item ${index + 1}).`,
    focusTarget: () => input,
  };
}
