// The Swarms components that pick a value: BinaryChoice, BinaryImageChoice and Rating. Each takes
// the context mount() builds and returns its part ({result(), missing(), focusTarget(), …}).

import { h } from '../dom.js';
import { safeURL } from '../safe-url.js';
import { flag, number, short } from './components-attributes.js';

/** A BinaryChoice, or with `images` a BinaryImageChoice: two buttons, the result {selectedOption}. */
export function binaryComponent({ attributes, section, index, initial, describedBy, question, readOnly, edited }, images) {
  const options2 = [attributes.option1, attributes.option2].map((option, position) => {
    if (images) {
      const object = option && typeof option === 'object' ? option : { id: String(option ?? ''), label: String(option ?? '') };
      const value = String(object.id ?? object.label ?? object.url ?? `option${position + 1}`);
      return { value, label: String(object.label ?? object.id ?? `Option ${position + 1}`), url: object.url };
    }
    const label = option && typeof option === 'object' ? String(option.label ?? option.id ?? '') : String(option ?? `Option ${position + 1}`);
    return { value: label, label };
  });
  let selected = typeof initial?.selectedOption === 'string' && options2.some((option) => option.value === initial.selectedOption) ? initial.selectedOption : null;
  const group = h('div', {
    class: images ? 'binary-choice binary-image-choice' : 'binary-choice',
    role: 'group',
    'aria-labelledby': describedBy,
    'aria-label': describedBy ? null : `Choice ${index + 1}`,
  });
  const buttons = options2.map((option, position) => {
    const content = [];
    if (images) {
      const src = safeURL(String(option.url ?? ''), 'image');
      content.push(src ? h('img', { src, alt: '', loading: 'eager', decoding: 'async' }) : h('span', { class: 'binary-image-missing' }, 'No image'));
    }
    content.push(h('span', { class: 'binary-label' }, readOnly ? null : h('kbd', { class: 'key-hint', 'aria-hidden': 'true' }, String(position + 1)), option.label));
    const button = h('button', { type: 'button', class: 'binary-option', disabled: readOnly, dataset: { option: String(position + 1), value: option.value } }, content);
    button.addEventListener('click', () => choose(position));
    return button;
  });
  group.append(...buttons);
  section.append(group);
  const refresh = () => {
    buttons.forEach((button, position) => {
      const pressed = options2[position].value === selected;
      button.setAttribute('aria-pressed', pressed ? 'true' : 'false');
      button.classList.toggle('is-selected', pressed);
    });
  };
  function choose(position) {
    if (readOnly || !options2[position]) return;
    if (selected === options2[position].value) return;
    selected = options2[position].value;
    refresh();
    edited();
  }
  refresh();
  return {
    result: () => (selected === null ? undefined : { selectedOption: selected }),
    missing: () => `Choose “${options2[0].label}” or “${options2[1].label}”${question ? ` for “${short(question)}”` : ''} (item ${index + 1}).`,
    focusTarget: () => buttons.find((button) => button.getAttribute('aria-pressed') === 'true') || buttons[0],
    choose,
    binary: true,
  };
}

/** A Rating: a row of stars (halves with halfSteps) that works as a slider, the result {rating}. */
export function ratingComponent({ attributes, section, index, initial, describedBy, question, readOnly, edited }) {
  const steps = Math.max(1, Math.min(20, Math.round(number(attributes.steps, 5))));
  const half = flag(attributes.halfSteps);
  const increment = half ? 0.5 : 1;
  const normalize = (value) => {
    const rounded = Math.round(value / increment) * increment;
    return Math.max(0, Math.min(steps, rounded));
  };
  let value = normalize(number(initial?.rating, 0));
  const slider = h('div', {
    class: 'rating',
    role: 'slider',
    tabindex: readOnly ? '-1' : '0',
    'aria-valuemin': String(increment),
    'aria-valuemax': String(steps),
    'aria-label': question ? `Rating for “${short(question)}”` : `Rating ${index + 1}`,
    'aria-describedby': describedBy,
    'aria-disabled': readOnly ? 'true' : null,
  });
  const stars = [];
  for (let star = 1; star <= steps; star += 1) {
    const element = h('span', { class: 'star', dataset: { star: String(star) } }, h('span', { class: 'star-base', 'aria-hidden': 'true' }, '★'), h('span', { class: 'star-fill', 'aria-hidden': 'true' }, '★'));
    if (half) {
      element.append(h('span', { class: 'star-hit star-hit-left', dataset: { value: String(star - 0.5) } }), h('span', { class: 'star-hit star-hit-right', dataset: { value: String(star) } }));
    } else {
      element.append(h('span', { class: 'star-hit star-hit-whole', dataset: { value: String(star) } }));
    }
    stars.push(element);
    slider.append(element);
  }
  const output = h('span', { class: 'rating-value', 'aria-hidden': 'true' });
  const set = (next, user = true) => {
    const normalized = normalize(next);
    if (user && (readOnly || normalized === value)) return;
    value = normalized;
    stars.forEach((element, position) => {
      const fill = Math.max(0, Math.min(1, value - position));
      element.style.setProperty('--fill', `${fill * 100}%`);
      element.classList.toggle('is-filled', fill > 0);
    });
    slider.setAttribute('aria-valuenow', String(value || 0));
    slider.setAttribute('aria-valuetext', value ? `${value} of ${steps} stars` : 'not rated');
    output.textContent = value ? `${value} / ${steps}` : 'Not rated';
    if (user) edited();
  };
  set(value, false);
  slider.addEventListener('click', (event) => {
    const hit = event.target.closest('[data-value]');
    if (hit && slider.contains(hit)) {
      set(Number(hit.dataset.value));
      slider.focus();
    }
  });
  slider.addEventListener('keydown', (event) => {
    if (readOnly || event.ctrlKey || event.altKey || event.metaKey) return;
    let next = null;
    if (event.key === 'ArrowRight' || event.key === 'ArrowUp') next = Math.max(increment, value + increment);
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowDown') next = Math.max(increment, value - increment);
    else if (event.key === 'PageUp') next = value + 1;
    else if (event.key === 'PageDown') next = Math.max(increment, value - 1);
    else if (event.key === 'Home') next = increment;
    else if (event.key === 'End') next = steps;
    else if (event.key === 'Delete' || event.key === 'Backspace') next = 0;
    else if (/^[1-9]$/.test(event.key) && Number(event.key) <= steps) next = Number(event.key);
    if (next === null) return;
    // The slider owns these keys while focused: keep them from the page's shortcuts.
    event.preventDefault();
    event.stopPropagation();
    set(next);
  });
  section.append(h('div', { class: 'rating-row' }, slider, output));
  return {
    result: () => (value > 0 ? { rating: value } : undefined),
    missing: () => `Give a rating${question ? ` for “${short(question)}”` : ''} (item ${index + 1}).`,
    focusTarget: () => slider,
  };
}
