// Small helpers the editors share: reading a task's attachment, summaries of the other answers
// (overlays) a reviewer sees beside each control, and telling the shell about an edit.

import { h } from '../dom.js';
import { normalizeAttachment } from '../attachments.js';
import { setting } from './task-settings.js';

/**
 * The task's single attachment, from `attachment` + `attachment_type` (Scale), else `image`,
 * `image_url`, `url` or `text`; null when it has none.
 */
export function taskAttachment(task) {
  const attachment = setting(task, 'attachment');
  const type = setting(task, 'attachment_type');
  if (attachment !== undefined && attachment !== null && attachment !== '') {
    if (typeof attachment === 'object') return normalizeAttachment(attachment, type);
    return normalizeAttachment(String(attachment), type || undefined);
  }
  for (const [key, kind] of [['image', 'image'], ['image_url', 'image'], ['url', undefined], ['text', 'text']]) {
    const value = setting(task, key);
    if (typeof value === 'string' && value !== '') return normalizeAttachment(value, kind);
  }
  return null;
}

/** Whether the task has overlays to show. */
export function hasOverlays(options) {
  return Array.isArray(options?.overlays) && options.overlays.length > 0;
}

function swatch(color) {
  const element = h('span', { class: 'overlay-swatch', 'aria-hidden': 'true' });
  if (color) element.style.setProperty('--overlay-color', String(color));
  return element;
}

/** Formats any answer value for an overlay summary. */
export function describeValue(value) {
  if (value === undefined || value === null || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map(describeValue).join(', ') : '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * A small list of what each overlay answered for one control: "● alice: yes". `valueOf(answer)`
 * picks the value out of an overlay's answer. Returns null without overlays.
 */
export function overlayNotes(options, valueOf, { label = 'Other answers' } = {}) {
  if (!hasOverlays(options)) return null;
  return h(
    'ul',
    { class: 'overlay-notes', 'aria-label': label },
    options.overlays.map((overlay, index) => {
      let value;
      try {
        value = valueOf(overlay.answer || {});
      } catch {
        value = undefined;
      }
      const item = h(
        'li',
        { class: 'overlay-note' },
        swatch(overlay.color),
        h('span', { class: 'overlay-name' }, overlay.name || `Answer ${index + 1}`),
        h('span', { class: 'overlay-value' }, describeValue(value)),
      );
      if (overlay.color) item.style.setProperty('--overlay-color', String(overlay.color));
      return item;
    }),
  );
}

/**
 * Coloured markers beside one option (a category, a choice) for each overlay whose answer picked it.
 * `picked(answer)` says whether the overlay's answer chose this option.
 */
export function overlayMarkers(options, picked) {
  if (!hasOverlays(options)) return null;
  const chosenBy = options.overlays.filter((overlay) => {
    try {
      return picked(overlay.answer || {});
    } catch {
      return false;
    }
  });
  if (!chosenBy.length) return null;
  return h(
    'span',
    { class: 'overlay-markers' },
    chosenBy.map((overlay) => {
      const marker = h('span', { class: 'overlay-marker', title: `Chosen by ${overlay.name}` }, swatch(overlay.color), overlay.name || '');
      if (overlay.color) marker.style.setProperty('--overlay-color', String(overlay.color));
      return marker;
    }),
  );
}

/** Tells the shell about an edit: calls `options.onChange` when given. */
export function changed(options) {
  if (typeof options?.onChange === 'function') options.onChange();
}
