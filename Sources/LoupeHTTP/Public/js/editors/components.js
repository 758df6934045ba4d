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
// This file lays the components out and builds the answer; the components themselves are in
// components-media.js, components-choices.js and components-inputs.js.

import { h } from '../dom.js';
import { setting } from './task-settings.js';
import { overlayNotes, changed } from './common.js';
import { attributesOf, flag } from './components-attributes.js';
import { textComponent, imageComponent, mediaComponent } from './components-media.js';
import { binaryComponent, ratingComponent } from './components-choices.js';
import { textInputComponent, stepperComponent, toggleComponent, linkComponent } from './components-inputs.js';

const INTERACTIVE = new Set(['BinaryChoice', 'BinaryImageChoice', 'Rating', 'Stepper', 'TextInput', 'Toggle', 'AudioRecording', 'VideoRecording', 'ImageMarker']);

/**
 * Mounts the components editor (see editors/index.js for the contract): every component in order,
 * each built by its own module from a shared context.
 */
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

  function edited() {
    changed(options);
  }

  components.forEach((component, index) => {
    const type = String(component.type || '');
    const attributes = attributesOf(component);
    const optional = flag(component.optionalResult ?? attributes.optionalResult, false);
    const initial = resultIn({ results: initialResults }, index);
    const section = h('section', { class: `component component-${type.toLowerCase() || 'unknown'}`, dataset: { component: String(index), componentType: type } });
    const context = { index, type, attributes, optional, initial, section, describedBy: lastTextID, question: lastText, readOnly, edited };
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
