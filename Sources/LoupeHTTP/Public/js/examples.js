// A project's examples (params.examples): an image or a text with the answer expected, marked good
// or bad, for one label or the whole task. Shown in the instruction panel, and by the editors next
// to the label they illustrate (a hover shows them).

import { h } from './dom.js';
import { safeURL } from './safe-url.js';

/** The task's examples, well-formed ones only. */
export function examplesOf(task) {
  const list = (task && task.params && task.params.examples) || [];
  return Array.isArray(list) ? list.filter((example) => example && typeof example.content === 'string') : [];
}

/** The examples of `label` as one line each, for a tooltip; '' when there are none. */
export function examplesSummary(task, label) {
  return examplesOf(task)
    .filter((example) => example.label === label)
    .map((example) => `${example.quality === 'bad' ? '✗ not' : '✓'} ${example.kind === 'image' ? 'image' : example.content}${example.note ? ` — ${example.note}` : ''}`)
    .join('\n');
}

/** The instruction panel's "Examples" section, grouped by label (the whole task's first); null when none. */
export function examplesPanel(task) {
  const examples = examplesOf(task);
  if (!examples.length) return null;
  const groups = new Map();
  for (const example of examples) {
    const key = typeof example.label === 'string' ? example.label : '';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(example);
  }
  const keys = [...groups.keys()].sort((a, b) => (a === '' ? -1 : b === '' ? 1 : 0));
  return h('section', { class: 'examples', 'data-testid': 'examples' },
    h('h3', {}, 'Examples'),
    ...keys.map((key) => h('div', { class: 'example-group' },
      h('h4', {}, key ? `“${key}”` : 'The whole task'),
      ...groups.get(key).map(exampleItem))));
}

function exampleItem(example) {
  const good = example.quality !== 'bad';
  const badge = h('span', { class: `example-quality ${good ? 'good' : 'bad'}` }, good ? '✓ Good' : '✗ Bad');
  let body;
  if (example.kind === 'image') {
    const src = safeURL(example.content, 'image');
    body = src ? h('img', { src, alt: example.note || 'Example image', loading: 'lazy' }) : h('span', { class: 'muted' }, 'An image with an address that is not allowed.');
  } else {
    body = h('blockquote', {}, example.content);
  }
  const answer = example.answer === undefined ? null
    : h('p', { class: 'muted' }, 'Answer: ', h('code', {}, typeof example.answer === 'string' ? example.answer : JSON.stringify(example.answer)));
  return h('div', { class: 'example', 'data-quality': good ? 'good' : 'bad' }, badge, body, answer,
    example.note ? h('p', { class: 'example-note' }, example.note) : null);
}
