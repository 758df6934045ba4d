// Scale's `annotation_attributes` for one shape: which apply (label and attribute conditions), what is
// missing or out of range, and the form that edits them.
//
// A definition is {type: category|number|angle|text, description, choices (nested like labels),
// allow_multiple, min, max, step, conditions: {label_condition: {label}, attribute_conditions}}.
// Conditions are AND'd; a condition value is a string or a list (membership). An attribute whose
// conditions fail is hidden and left out of the answer.

import { h, uid } from '../dom.js';
import { labelTree, leaves } from './annotator-format.js';

export const attributeType = (definition) => (definition && definition.type) || 'category';
const list = (value) => (Array.isArray(value) ? value : [value]);
const empty = (value) => value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length);
const title = (name, definition) => (definition && definition.description) || name;

function matches(expected, actual) {
  const wanted = list(expected).map(String);
  return (empty(actual) ? [] : list(actual)).some((value) => wanted.includes(String(value)));
}

/** The names of the attributes collected for `shape` now, in declaration order. */
export function applicable(definitions, shape, ancestors = []) {
  const memo = new Map();
  const visiting = new Set();
  const applies = (name) => {
    if (memo.has(name)) return memo.get(name);
    if (visiting.has(name)) return false;
    visiting.add(name);
    const definition = definitions[name];
    let ok = Boolean(definition && typeof definition === 'object');
    const conditions = ok && definition.conditions && typeof definition.conditions === 'object' ? definition.conditions : {};
    const labelCondition = conditions.label_condition;
    if (ok && labelCondition && typeof labelCondition === 'object' && labelCondition.label !== undefined) {
      const wanted = list(labelCondition.label).map(String);
      ok = [shape.label, ...ancestors].some((label) => label && wanted.includes(label));
    }
    if (ok && conditions.attribute_conditions) {
      for (const condition of list(conditions.attribute_conditions)) {
        for (const [other, expected] of Object.entries(condition || {})) {
          if (!applies(other) || !matches(expected, shape.attributes?.[other])) ok = false;
        }
      }
    }
    visiting.delete(name);
    memo.set(name, ok);
    return ok;
  };
  return Object.keys(definitions).filter(applies);
}

/** The shape's attribute answers: applicable ones with a value. */
export function effectiveAttributes(definitions, shape, ancestors) {
  const out = {};
  for (const name of applicable(definitions, shape, ancestors)) {
    const value = shape.attributes?.[name];
    if (!empty(value)) out[name] = value;
  }
  return out;
}

/** Sentences about missing or invalid attribute answers of a shape. */
export function attributeProblems(definitions, shape, ancestors) {
  const out = [];
  for (const name of applicable(definitions, shape, ancestors)) {
    const definition = definitions[name];
    const value = shape.attributes?.[name];
    const what = `“${title(name, definition)}”`;
    if (empty(value)) {
      if (definition.required !== false && definition.optional !== true) out.push(`answer ${what}.`);
      continue;
    }
    const type = attributeType(definition);
    if (type === 'category') {
      const allowed = leaves(labelTree(definition.choices)).map((leaf) => leaf.label);
      if (list(value).some((entry) => !allowed.includes(entry))) out.push(`${what} must be one of: ${allowed.join(', ')}.`);
    } else if (type === 'number' || type === 'angle') {
      const number = Number(value);
      const [min, max] = type === 'angle' ? [0, 360] : [definition.min, definition.max];
      if (!Number.isFinite(number)) out.push(`${what} must be a number.`);
      else if (min !== undefined && number < min) out.push(`${what} must be at least ${min}.`);
      else if (max !== undefined && number > max) out.push(`${what} must be at most ${max}.`);
    }
  }
  return out;
}

function choiceTree(nodes, name, multiple, value, disabled, onPick, key) {
  return h('ul', { class: 'annotator-choices' }, nodes.map((node) => {
    if (node.children) {
      return h('li', { class: 'annotator-choice-group' }, h('span', { class: 'annotator-group-name' }, node.text),
        choiceTree(node.children, name, multiple, value, disabled, onPick, key));
    }
    const checked = multiple ? list(value || []).includes(node.label) : value === node.label;
    return h('li', {}, h('label', { class: 'annotator-choice' },
      h('input', { type: multiple ? 'checkbox' : 'radio', name, value: node.label, checked, disabled, onchange: onPick, dataset: { focus: `${key}=${node.label}` } }),
      ' ', node.text));
  }));
}

/**
 * The form for `shape`'s applicable attributes. `onInput(name, value, final)` reports a change; `final`
 * is false while a number or text is being typed (commit on `change`).
 */
export function attributeForm(definitions, shape, ancestors, { readOnly = false, onInput }) {
  const names = applicable(definitions, shape, ancestors);
  if (!names.length) return null;
  return h('div', { class: 'annotator-attributes' }, names.map((name) => {
    const definition = definitions[name];
    const type = attributeType(definition);
    const value = shape.attributes?.[name];
    const required = definition.required !== false && definition.optional !== true;
    const caption = [title(name, definition), required ? h('span', { class: 'annotator-required', title: 'required' }, ' *') : null];
    const missing = required && empty(value);
    const key = `${shape.id}:${name}`;
    if (type === 'category') {
      const multiple = definition.allow_multiple === true;
      const group = uid('attr');
      const onPick = (event) => {
        const form = event.target.closest('fieldset');
        const chosen = [...form.querySelectorAll('input:checked')].map((input) => input.value);
        onInput(name, multiple ? chosen : chosen[0], true);
      };
      return h('fieldset', { class: `annotator-attribute${missing ? ' is-missing' : ''}`, dataset: { attribute: name } },
        h('legend', {}, caption),
        choiceTree(labelTree(definition.choices), group, multiple, value, readOnly, onPick, key));
    }
    const id = uid('attr');
    const numeric = type === 'number' || type === 'angle';
    const read = (input) => (numeric ? (input.value === '' ? undefined : Number(input.value)) : input.value);
    const attrs = {
      id, type: numeric ? 'number' : 'text', value: value ?? '', disabled: readOnly, dataset: { focus: key },
      oninput: (event) => onInput(name, read(event.target), false),
      onchange: (event) => onInput(name, read(event.target), true),
    };
    if (type === 'number') Object.assign(attrs, { min: definition.min, max: definition.max, step: definition.step ?? 'any' });
    if (type === 'angle') Object.assign(attrs, { min: 0, max: 360, step: definition.step ?? 'any' });
    return h('div', { class: `annotator-attribute${missing ? ' is-missing' : ''}`, dataset: { attribute: name } },
      h('label', { for: id }, caption, type === 'angle' ? ' (degrees, 0–360)' : ''),
      h('input', attrs),
      type === 'angle' ? h('input', {
        type: 'range', min: 0, max: 360, step: 1, value: value ?? 0, disabled: readOnly,
        'aria-label': `${title(name, definition)} (slider)`,
        oninput: (event) => { event.target.previousElementSibling.value = event.target.value; onInput(name, Number(event.target.value), false); },
        onchange: (event) => onInput(name, Number(event.target.value), true),
      }) : null);
  }));
}
