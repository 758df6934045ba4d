// The project screen's batches: the upload form (create a batch, upload its file with a progress
// bar, finalize it and follow it until its tasks exist) and the list of batches with their failures.
// `screen` is the screen's {id, isAlive(), wait(ms)}: work stops when the screen is left.

import { api, upload, ApiError } from '../api.js';
import { h, clear, toast, formatNumber } from '../dom.js';
import { table, badge, statusLine, errorBox, field, showErrors, clearErrors, formatTime, shortID, put, formatBytes, expander } from './ui.js';

const BATCH_DONE = ['completed', 'failed', 'canceled'];

/**
 * The form that uploads a tasks file (JSONL, a JSON array, or CSV with a header row) as a new batch,
 * finalizes it and follows it until its tasks are made; then calls `onUploaded()`.
 */
export function batchUploadForm(screen, onUploaded) {
  const file = h('input', { type: 'file', name: 'file', accept: '.jsonl,.ndjson,.json,.csv,application/json,text/csv' });
  const clientID = h('input', { type: 'text', name: 'client_batch_id', autocomplete: 'off' });
  const priority = h('input', { type: 'number', name: 'priority', step: 1, placeholder: '0' });
  const bar = h('progress', { max: 1, value: 0 });
  const barText = h('span', { class: 'muted' }, '');
  const barField = field('Upload progress', bar);
  barField.append(barText);
  barField.hidden = true;
  const status = statusLine();
  const result = h('div', { class: 'ingest-result' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Upload');
  const form = h('form', { class: 'stack', 'data-testid': 'batch-form', novalidate: true, onsubmit: send },
    h('div', { class: 'grid-3' },
      field('Tasks file', file, { path: '/file', hint: 'JSONL (one task per line), a JSON array, or CSV (a header row; columns become data, typed by the creation schema, except unique_id, priority, urgency, tags as a|b, callback_url, staged, and prefill.* / metadata.* columns).' }),
      field('Client batch id (optional)', clientID, { path: '/client_batch_id' }),
      field('Priority (optional)', priority, { path: '/priority' })),
    h('div', { class: 'actions' }, submit), barField, status, result);

  async function send(event) {
    event.preventDefault();
    clearErrors(form);
    clear(result);
    const chosen = file.files[0];
    if (!chosen) { showErrors(form, new ApiError(400, 'Choose a file.', [{ path: '/file', reason: 'is required: choose a file' }])); return; }
    submit.disabled = true;
    try {
      const csv = /\.csv$/i.test(chosen.name) || chosen.type === 'text/csv';
      const json = /\.json$/i.test(chosen.name);
      const request = { upload: true };
      if (clientID.value.trim()) request.client_batch_id = clientID.value.trim();
      if (priority.value.trim()) request.priority = Number(priority.value);
      status.say('Creating the batch…');
      const batch = await api('POST', `/projects/${screen.id}/batches`, request);
      barField.hidden = false;
      const path = new URL(batch.upload_url, location.href).pathname.replace(/^\/api\/v1/, '');
      await upload('PUT', path, chosen, csv ? 'text/csv' : json ? 'application/json' : 'application/x-ndjson', (fraction) => {
        bar.value = fraction;
        barText.textContent = ` ${Math.round(fraction * 100)}\u00a0% of ${formatBytes(chosen.size)}`;
      });
      bar.value = 1;
      barText.textContent = ` 100\u00a0% of ${formatBytes(chosen.size)}`;
      status.say('Uploaded. Finalizing…');
      let current = await api('POST', `/batches/${batch.id}/finalize`);
      for (let round = 0; screen.isAlive() && !BATCH_DONE.includes(current.status) && round < 900; round += 1) {
        status.say(`Creating tasks: ${formatNumber(current.counts.created)} created, ${formatNumber(current.counts.failed)} failed so far…`);
        await screen.wait(round < 10 ? 500 : 2000);
        if (screen.isAlive()) current = await api('GET', `/batches/${batch.id}`);
      }
      if (!screen.isAlive()) return;
      showResult(current);
      form.reset();
      onUploaded();
    } catch (error) {
      status.say('');
      if (error instanceof ApiError) showErrors(form, error);
      else showErrors(form, new ApiError(0, String(error)));
    } finally {
      submit.disabled = false;
    }
  }

  function showResult(batch) {
    const { total, created, failed } = batch.counts;
    status.say(BATCH_DONE.includes(batch.status)
      ? `Batch ${batch.status}: ${formatNumber(created)} tasks created, ${formatNumber(failed)} failed of ${formatNumber(total)} items.`
      : 'The batch is still being processed; its status is in the batches list.', batch.status === 'completed' && !failed ? 'ok' : 'warn');
    put(result,
      h('p', {}, 'Batch ', batch.client_batch_id || shortID(batch.id), ' ', badge(batch.status)),
      batch.error ? h('p', { class: 'error-text', role: 'alert' }, batch.error) : null,
      batch.failures?.length ? table({ caption: 'Failed items', rows: batch.failures, columns: [
        { label: 'Item', numeric: true, rowHeader: true, render: (f) => `#${f.index}` }, { label: 'Reason', key: 'reason', wrap: true }] }) : null,
      failed > (batch.failures?.length || 0) ? h('p', { class: 'muted' }, `Showing the first ${batch.failures.length} failures; the batches list has them all.`) : null);
  }
  return form;
}

/**
 * The project's batches (the latest 100): status, counts, a Finalize button for uploaded batches
 * still pending, and their failures on demand. Returns {element, load()}.
 */
export function batchList(screen) {
  const area = h('div');

  async function load() {
    try {
      const { batches } = await api('GET', `/projects/${screen.id}/batches?limit=100`);
      if (!screen.isAlive()) return;
      const columns = [
        { label: 'Batch', rowHeader: true, render: (b) => (b.client_batch_id ? h('span', { title: b.id }, b.client_batch_id) : shortID(b.id)) },
        { label: 'Status', render: (b) => badge(b.status) },
        { label: 'Created', render: (b) => formatTime(b.created_at) },
        { label: 'Items', numeric: true, render: (b) => formatNumber(b.counts.total) },
        { label: 'Tasks made', numeric: true, render: (b) => formatNumber(b.counts.created) },
        { label: 'Failed', numeric: true, render: (b) => formatNumber(b.counts.failed) },
        { label: 'File', numeric: true, render: (b) => formatBytes(b.uploaded_bytes) },
        { label: 'Actions', render: (b) => h('div', { class: 'cell-actions' },
          b.status === 'pending' && b.uploaded_bytes !== null
            ? h('button', { type: 'button', class: 'primary small', 'data-action': 'finalize', onclick: () => finalize(b) }, 'Finalize') : null,
          b.counts.failed || b.error ? h('span', { class: 'expander-slot', 'data-batch': b.id }) : null) },
      ];
      const view = table({ caption: 'Batches', testid: 'batches', rows: batches, columns, empty: 'No batches yet. Upload one above.' });
      for (const slot of view.querySelectorAll('.expander-slot')) {
        const batch = batches.find((b) => b.id === slot.dataset.batch);
        slot.replaceWith(expander(batch.counts.failed ? `Failures (${formatNumber(batch.counts.failed)})` : 'Error', columns.length, (cell) => failuresInto(cell, batch)));
      }
      put(area, view);
    } catch (error) {
      if (screen.isAlive()) put(area, errorBox(error, 'Could not load the batches'));
    }
  }

  async function finalize(batch) {
    try {
      await api('POST', `/batches/${batch.id}/finalize`);
      toast('Batch finalized: creating its tasks', 'ok');
      load();
    } catch (error) {
      toast(`Could not finalize: ${error.message}`, 'error');
    }
  }

  return { element: area, load };
}

/** Fills `cell` with the batch's failed items, 100 at a time (a "More failures" button loads on). */
async function failuresInto(cell, batch, after = -1) {
  const chunk = await api('GET', `/batches/${batch.id}/failures?after=${after}&limit=100`);
  if (after === -1) put(cell, batch.error ? h('p', { class: 'error-text' }, `Batch error: ${batch.error}`) : null);
  cell.querySelector('.more')?.remove();
  cell.append(table({ caption: 'Failed items', rows: chunk.failures, empty: 'No item failed.', columns: [
    { label: 'Item', numeric: true, rowHeader: true, render: (f) => `#${f.index}` }, { label: 'Reason', key: 'reason', wrap: true }] }));
  if (chunk.next_after !== null && chunk.next_after !== undefined) {
    cell.append(h('button', { type: 'button', class: 'secondary more', onclick: () => failuresInto(cell, batch, chunk.next_after) }, 'More failures'));
  }
}
