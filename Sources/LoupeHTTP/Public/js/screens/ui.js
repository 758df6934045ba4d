// Shared pieces of the admin and project screens: tables (with expandable detail rows), badges, a
// confirm dialog, labelled fields with server error mapping, sections, time and size formatting,
// and downloads.

import { h, clear, append, uid, formatNumber } from '../dom.js';

/** A scrollable table. columns: [{label, render(row) | key, numeric?, rowHeader?, wrap?}]. */
export function table({ columns, rows, empty = 'Nothing yet.', caption, testid, rowAttrs }) {
  if (!rows.length) return h('p', { class: 'muted empty', 'data-testid': testid, 'data-empty': 'true' }, empty);
  const body = h('tbody');
  for (const row of rows) appendRow(body, columns, row, rowAttrs);
  return h('div', { class: 'table-wrap' },
    h('table', { 'data-testid': testid },
      caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
      h('thead', {}, h('tr', {}, columns.map((column) =>
        h('th', { scope: 'col', class: column.numeric ? 'num' : null }, column.label)))),
      body));
}

/** Appends one row to a table body (also used to add rows after creating something). */
export function appendRow(body, columns, row, rowAttrs, prepend = false) {
  const tr = h('tr', rowAttrs ? rowAttrs(row) : {}, columns.map((column) => {
    const value = column.render ? column.render(row) : row[column.key];
    const content = value === null || value === undefined || value === '' ? '—' : value;
    const classes = [column.numeric ? 'num' : '', column.wrap ? 'wrap' : ''].join(' ').trim();
    return h(column.rowHeader ? 'th' : 'td', { scope: column.rowHeader ? 'row' : null, class: classes || null }, content);
  }));
  if (prepend) body.prepend(tr);
  else body.append(tr);
  return tr;
}

/** A status badge: <span class="badge badge-completed">completed</span>. */
export function badge(status, text) {
  const name = String(status || 'unknown');
  return h('span', { class: `badge badge-${name.replace(/[^a-z0-9_-]/gi, '')}` }, text || name.replace(/_/g, ' '));
}

/** A titled <section> with an h2, labelled by it. */
export function section(title, ...children) {
  const id = uid('section');
  return h('section', { class: 'panel', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

/** A polite live region for status messages; returns the element with a .say(text, kind) method. */
export function statusLine() {
  const element = h('p', { class: 'status-line', role: 'status', 'aria-live': 'polite' });
  element.say = (text, kind = 'info') => {
    element.textContent = text || '';
    element.dataset.kind = kind;
  };
  return element;
}

/** An error box (role=alert) for a failed load. */
export function errorBox(error, prefix = 'Could not load') {
  const reason = error && error.status === 403 ? 'you do not have permission for this' : error?.message || String(error);
  return h('div', { class: 'error-box', role: 'alert' }, `${prefix}: ${reason}`);
}

/** Asks for confirmation in a modal <dialog>; resolves to true or false. */
export function confirmDialog({ title, message, confirmLabel = 'Confirm', danger = false }) {
  return new Promise((resolve) => {
    const titleID = uid('dialog-title');
    const dialog = h('dialog', { class: 'confirm-dialog', 'aria-labelledby': titleID },
      h('form', { method: 'dialog' },
        h('h2', { id: titleID }, title),
        message ? h('p', {}, message) : null,
        h('div', { class: 'actions' },
          h('button', { type: 'submit', value: 'cancel', class: 'secondary' }, 'Cancel'),
          h('button', { type: 'submit', value: 'confirm', class: danger ? 'danger' : 'primary' }, confirmLabel))));
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'confirm');
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
    dialog.querySelector('button[value="cancel"]').focus();
  });
}

/**
 * A labelled field: the input gets an id, the label points to it, and `path` (a JSON pointer
 * such as /settings/overlap) lets showErrors() put the server's reason under it.
 */
export function field(label, input, { hint, path } = {}) {
  const id = input.id || uid('field');
  input.id = id;
  if (path) input.dataset.path = path;
  const hintElement = hint ? h('small', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintElement) input.setAttribute('aria-describedby', hintElement.id);
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, hintElement);
}

/** A labelled group (fieldset) whose legend names it; `path` maps errors to the group. */
export function group(legend, children, { path, hint } = {}) {
  const fieldset = h('fieldset', { class: 'group', 'data-path': path },
    h('legend', {}, legend), hint ? h('small', { class: 'hint' }, hint) : null, children);
  return fieldset;
}

/** Removes every field error from `form`. */
export function clearErrors(form) {
  for (const element of form.querySelectorAll('.field-error, .form-error')) element.remove();
  for (const element of form.querySelectorAll('[aria-invalid]')) {
    element.removeAttribute('aria-invalid');
    const described = (element.getAttribute('aria-describedby') || '').split(' ').filter((id) => !id.endsWith('-error'));
    if (described.length) element.setAttribute('aria-describedby', described.join(' '));
    else element.removeAttribute('aria-describedby');
  }
}

/**
 * Shows an ApiError's details next to the fields whose data-path is the longest prefix of each
 * detail's path (so /roles/0 lands on /roles); the rest, and the message, go on top of the form.
 * Focuses the first invalid field. Returns the number of details placed on fields.
 */
export function showErrors(form, error) {
  clearErrors(form);
  const targets = [...form.querySelectorAll('[data-path]')].filter((element) => !element.closest('[hidden]'));
  const loose = [];
  let placed = 0;
  let first = null;
  for (const detail of error.details || []) {
    const path = detail.path && !detail.path.startsWith('/') ? `/${detail.path}` : detail.path || '';
    let best = null;
    for (const element of targets) {
      const candidate = element.dataset.path;
      if ((path === candidate || path.startsWith(`${candidate}/`)) && (!best || candidate.length > best.dataset.path.length)) {
        best = element;
      }
    }
    if (!best) {
      loose.push(`${detail.path || 'request'} ${detail.reason}`);
      continue;
    }
    placed += 1;
    const details = best.closest('details');
    if (details) details.open = true;
    const errorID = `${best.id || uid('target')}-error`;
    if (!best.id) best.id = errorID.replace(/-error$/, '');
    const message = h('p', { class: 'field-error', id: errorID }, `${label(best)} ${detail.reason}`);
    if (best.tagName === 'FIELDSET') best.append(message);
    else {
      const container = best.closest('.field, fieldset');
      if (container) container.append(message);
      else best.after(message);
    }
    best.setAttribute('aria-invalid', 'true');
    best.setAttribute('aria-describedby', [best.getAttribute('aria-describedby'), errorID].filter(Boolean).join(' '));
    first = first || best;
  }
  if (!placed || loose.length) {
    const text = placed ? loose.join('; ') : error.message;
    form.prepend(h('div', { class: 'form-error', role: 'alert' }, text));
  }
  const focusTarget = first && (first.tagName === 'FIELDSET' ? first.querySelector('input, select, textarea') : first);
  if (focusTarget) focusTarget.focus();
  return placed;
}

function label(element) {
  if (element.tagName === 'FIELDSET') return element.querySelector('legend')?.textContent || '';
  const text = element.labels && element.labels[0] ? element.labels[0].textContent : element.dataset.path;
  return text.replace(/\s*\(.*\)$/, '');
}

/** A date-time for people: "12 Mar 2026, 14:05". */
export function formatTime(iso) {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return h('time', { datetime: iso, title: iso },
    date.toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }));
}

/** A monospaced, shortened id with the full id in its title. */
export function shortID(id) {
  if (!id) return null;
  return h('code', { class: 'id', title: id }, `…${id.slice(-8)}`);
}

/** Saves a Blob as a file through an object URL and a temporary <a download>. */
export function downloadBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Replaces the content of `element` with a loading line. */
export function loading(element, text = 'Loading…') {
  clear(element).append(h('p', { class: 'muted', role: 'status' }, text));
}

/** Replaces an element's children (skipping null/false, unlike Element.append). */
export function put(element, ...children) {
  return append(clear(element), children);
}

/** A byte count for people: "512 B", "3.5 KB", "12.0 MB"; null for a missing value. */
export function formatBytes(value) {
  if (value === null || value === undefined) return null;
  return value < 1024 ? `${value} B` : value < 1048576 ? `${formatNumber(value / 1024, 1)} KB` : `${formatNumber(value / 1048576, 1)} MB`;
}

/** A button that opens a detail row under its own row, filled by `fill(cell)`. */
export function expander(label, span, fill) {
  const button = h('button', { type: 'button', class: 'link', 'aria-expanded': 'false' }, label);
  let detail = null;
  button.addEventListener('click', async () => {
    if (detail) {
      detail.remove();
      detail = null;
      button.setAttribute('aria-expanded', 'false');
      return;
    }
    const cell = h('td', { colspan: span, id: `detail-${Math.random().toString(36).slice(2)}` });
    detail = h('tr', { class: 'detail-row' }, cell);
    button.closest('tr').after(detail);
    button.setAttribute('aria-expanded', 'true');
    button.setAttribute('aria-controls', cell.id);
    loading(cell);
    try { await fill(cell); } catch (error) { put(cell, errorBox(error)); }
  });
  return button;
}
