// Swarms components: the task's `components`, shown one below the other in order. Each is
// {type, properties: {…attributes}, optionalResult} (attributes may also sit on the component).
//
// Non-interactive: Text (style Question, Instruction, H1, H2, PlainText, Html, Quote — Html is
// sanitized, never inserted raw), Image, Audio (autoplay, repeat, mustListen), Video (autoplay,
// repeat, mustWatch, playAudio). Interactive, with the seed's result fields: BinaryChoice
// {selectedOption: label}, BinaryImageChoice {selectedOption: option id}, Rating {rating},
// Stepper {result}, TextInput {text}, Toggle {checked}; AudioRecording, VideoRecording and
// ImageMarker (mobile-only in Swarms) take a link {url}.
//
// Answer: {"results": [{"component": index, "type": "BinaryChoice", "result": {"selectedOption": "Yes"}}, …]}
// — one entry per interactive component that has a value, in order; a required one without a
// value (or media that must be played to the end) is listed by problems().
// Keys 1 and 2 pick option 1/2 of the binary choice holding focus, else of the first one.
// Test selectors: each component's wrapper has data-component="<index>"; binary options are
// buttons with data-option="1"|"2"; a Rating is role="slider" (half stars: [data-value]).

import { h, uid } from '../dom.js';
import { setting } from './index.js';
import { renderSafeHTML, safeURL } from '../markdown.js';
import { overlayNotes, changed } from '../attachments.js';

const INTERACTIVE = new Set(['BinaryChoice', 'BinaryImageChoice', 'Rating', 'Stepper', 'TextInput', 'Toggle', 'AudioRecording', 'VideoRecording', 'ImageMarker']);

/** A component's attributes: those under `properties` win over ones set on the component itself. */
function attributesOf(component) {
  const { properties, ...rest } = component;
  return { ...rest, ...(properties && typeof properties === 'object' && !Array.isArray(properties) ? properties : {}) };
}

function flag(value, fallback = false) {
  if (value === undefined || value === null) return fallback;
  return value === true || value === 1 || value === 'true' || value === '1';
}

function number(value, fallback) {
  const parsed = typeof value === 'string' && value.trim() === '' ? NaN : Number(value);
  return Number.isFinite(parsed) ? parsed : fallback;
}

function decimals(value) {
  const text = String(value);
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : Math.min(10, text.length - dot - 1);
}

function short(text, length = 60) {
  const value = String(text ?? '').replace(/\s+/g, ' ').trim();
  return value.length > length ? `${value.slice(0, length - 1)}…` : value;
}

export function mount(container, task, options = {}) {
  const readOnly = Boolean(options.readOnly);
  const raw = setting(task, 'components', []);
  const components = (Array.isArray(raw) ? raw : []).map((component) => (component && typeof component === 'object' ? component : { type: 'Text', text: String(component) }));
  const initialResults = Array.isArray(options.initialAnswer?.results) ? options.initialAnswer.results : [];

  // The result an answer holds for component `index` (by its "component" index, else by order).
  const resultIn = (answer, index) => {
    const results = Array.isArray(answer?.results) ? answer.results : [];
    const byIndex = results.find((entry) => entry && Number(entry.component) === index);
    if (byIndex) return byIndex.result;
    const interactiveIndexes = components.map((component, position) => (INTERACTIVE.has(component.type) ? position : -1)).filter((position) => position >= 0);
    const order = interactiveIndexes.indexOf(index);
    const byOrder = results.every((entry) => entry && entry.component === undefined) ? results[order] : undefined;
    return byOrder?.result;
  };

  const root = h('div', { class: 'editor editor-components' });
  const parts = []; // {index, type, optional, result(), problem(), focusTarget(), choose?(n), element, destroy?()}
  let lastTextID = null;
  let lastText = '';

  components.forEach((component, index) => {
    const type = String(component.type || '');
    const attributes = attributesOf(component);
    const optional = flag(component.optionalResult ?? attributes.optionalResult, false);
    const initial = resultIn({ results: initialResults }, index);
    const section = h('section', { class: `component component-${type.toLowerCase() || 'unknown'}`, dataset: { component: String(index), componentType: type } });
    const context = { index, type, attributes, optional, initial, section, describedBy: lastTextID, question: lastText };
    let part;
    switch (type) {
      case 'Text':
        part = textComponent(context);
        lastTextID = part.id;
        lastText = part.text;
        break;
      case 'Image':
        part = imageComponent(context);
        break;
      case 'Audio':
      case 'Video':
        part = mediaComponent(context, type === 'Audio' ? 'audio' : 'video');
        break;
      case 'TextInput':
        part = textInputComponent(context);
        break;
      case 'BinaryChoice':
      case 'BinaryImageChoice':
        part = binaryComponent(context, type === 'BinaryImageChoice');
        break;
      case 'Rating':
        part = ratingComponent(context);
        break;
      case 'Stepper':
        part = stepperComponent(context);
        break;
      case 'Toggle':
        part = toggleComponent(context);
        break;
      case 'AudioRecording':
      case 'VideoRecording':
      case 'ImageMarker':
        part = linkComponent(context);
        break;
      default:
        section.append(h('p', { class: 'component-unsupported', role: 'note' }, `This task uses a component Loupe cannot show (${type || 'no type'}); it is left out.`));
        part = {};
    }
    part = { index, type, optional, interactive: INTERACTIVE.has(type), ...part };
    if (part.interactive) {
      // A question labels the first interactive component after it, not every later one.
      lastTextID = null;
      lastText = '';
    }
    if (part.interactive && options.overlays?.length) {
      section.append(overlayNotes(options, (answer) => {
        const result = resultIn(answer, index);
        if (!result || typeof result !== 'object') return undefined;
        const values = Object.values(result);
        return values.length === 1 ? values[0] : result;
      }, { label: 'Others’ results' }));
    }
    if (part.interactive && optional) section.classList.add('is-optional');
    parts.push(part);
    root.append(section);
  });
  if (!components.length) root.append(h('p', { class: 'editor-empty' }, 'This task has no components.'));
  container.append(root);

  // ------------------------------------------------------------------------------------------
  // Components

  function edited() {
    changed(options);
  }

  function textComponent({ attributes, section }) {
    const text = String(attributes.text ?? attributes.value ?? '');
    const style = String(attributes.style || 'PlainText');
    const id = uid('component-text');
    let element;
    switch (style) {
      case 'H1':
        element = h('h2', { id, class: 'component-heading' }, text);
        break;
      case 'H2':
        element = h('h3', { id, class: 'component-subheading' }, text);
        break;
      case 'Question':
        element = h('p', { id, class: 'component-question' }, text);
        break;
      case 'Instruction':
        element = h('p', { id, class: 'component-instruction' }, text);
        break;
      case 'Quote':
        element = h('blockquote', { id, class: 'component-quote' }, text);
        break;
      case 'Html':
        element = h('div', { id, class: 'component-html markdown' }, renderSafeHTML(text));
        break;
      default:
        element = h('p', { id, class: 'component-plain' }, text);
    }
    section.append(element);
    return { id, text: element.textContent };
  }

  function imageComponent({ attributes, section, index }) {
    const src = safeURL(String(attributes.url ?? ''), 'image');
    if (!src) {
      section.append(h('p', { class: 'component-unsupported', role: 'note' }, 'This image has no usable address.'));
      return {};
    }
    const alt = attributes.alt || attributes.label || attributes.description || `Image ${index + 1}`;
    section.append(h('figure', { class: 'component-image' }, h('img', { src, alt, loading: 'eager', decoding: 'async' })));
    return {};
  }

  function mediaComponent({ attributes, section, index }, kind) {
    const src = safeURL(String(attributes.url ?? ''), kind);
    const must = flag(kind === 'audio' ? attributes.mustListen : attributes.mustWatch);
    if (!src) {
      section.append(h('p', { class: 'component-unsupported', role: 'note' }, `This ${kind} has no usable address.`));
      return must && !readOnly ? { problem: () => `The ${kind} (item ${index + 1}) cannot be played.` } : {};
    }
    const muted = kind === 'video' && !flag(attributes.playAudio, true);
    const autoplay = flag(attributes.autoplay) && !readOnly;
    const media = h(kind, {
      src,
      controls: true,
      preload: 'auto',
      loop: flag(attributes.repeat),
      autoplay,
      muted,
      playsinline: kind === 'video',
      'aria-label': `${kind === 'audio' ? 'Audio' : 'Video'} ${index + 1}`,
    });
    if (muted) media.muted = true;
    section.append(media);
    if (!must || readOnly) return { destroy: () => media.pause() };

    let done = false;
    let lastTime = 0;
    const status = h('p', { class: 'component-status', role: 'status' }, kind === 'audio' ? 'Listen to the whole recording before you submit.' : 'Watch the whole video before you submit.');
    section.append(status);
    // Played through: the played ranges cover (nearly) all of it — seeking to the end is not enough.
    const coverage = () => {
      if (!Number.isFinite(media.duration) || media.duration <= 0) return 1;
      let total = 0;
      for (let i = 0; i < media.played.length; i += 1) total += media.played.end(i) - media.played.start(i);
      return total / media.duration;
    };
    const finish = () => {
      if (done || coverage() < 0.9) return;
      done = true;
      status.textContent = kind === 'audio' ? 'Listened to the end.' : 'Watched to the end.';
      status.classList.add('is-done');
      edited();
    };
    media.addEventListener('ended', finish);
    media.addEventListener('timeupdate', () => {
      // With repeat on, "ended" never fires: a jump back from the end is the end of one play.
      const now = media.currentTime;
      if (media.loop && Number.isFinite(media.duration) && lastTime >= media.duration - Math.min(1, media.duration * 0.25) && now < lastTime) finish();
      lastTime = now;
    });
    return {
      problem: () => (done ? null : `${kind === 'audio' ? 'Listen to the audio' : 'Watch the video'} (item ${index + 1}) to the end.`),
      destroy: () => media.pause(),
    };
  }

  function textInputComponent({ attributes, section, index, initial, describedBy, question }) {
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

  function binaryComponent({ attributes, section, index, initial, describedBy, question }, images) {
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

  function ratingComponent({ attributes, section, index, initial, describedBy, question }) {
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

  function stepperComponent({ attributes, section, index, initial, describedBy, question }) {
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

  function toggleComponent({ attributes, section, index, initial, describedBy }) {
    const id = uid('component-toggle');
    const input = h('input', {
      id,
      type: 'checkbox',
      role: 'switch',
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

  function linkComponent({ type, section, index, initial }) {
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

  // ------------------------------------------------------------------------------------------
  // The editor

  const binaries = parts.filter((part) => part.binary);
  const chooseBinary = (position) => {
    const focused = binaries.find((part) => root.querySelector(`[data-component="${part.index}"]`)?.contains(document.activeElement));
    (focused || binaries[0])?.choose(position);
  };
  const actions =
    readOnly || !binaries.length
      ? []
      : [
          { id: 'components.option-1', keys: ['1'], label: 'Choose the first option', run: () => chooseBinary(0) },
          { id: 'components.option-2', keys: ['2'], label: 'Choose the second option', run: () => chooseBinary(1) },
        ];

  return {
    answer() {
      const results = [];
      for (const part of parts) {
        if (!part.interactive || !part.result) continue;
        const result = part.result();
        if (result === undefined) continue;
        results.push({ component: part.index, type: part.type, result });
      }
      return { results };
    },
    problems() {
      const problems = [];
      for (const part of parts) {
        if (part.problem) {
          const problem = part.problem();
          if (problem) problems.push(problem);
        }
        if (part.interactive && part.result && part.result() === undefined && (!part.optional || part.alwaysAnswered)) {
          if (part.missing) problems.push(part.missing());
        }
      }
      return problems;
    },
    actions,
    focus() {
      for (const part of parts) {
        const target = part.focusTarget?.();
        if (target && !target.disabled && target.getAttribute('tabindex') !== '-1') {
          target.focus();
          return;
        }
      }
    },
    destroy() {
      for (const part of parts) part.destroy?.();
      root.remove();
    },
  };
}

