// The project screen's webhook deliveries (filter, resend one or every dead letter, delivery
// attempts) and exports of its completed tasks. `screen` is the screen's {id, isAlive()}.

import { api, session, parseResponse } from '../api.js';
import { h, formatNumber } from '../dom.js';
import { table, badge, statusLine, confirmDialog, errorBox, field, formatTime, shortID, downloadBlob, put, formatBytes, expander } from './ui.js';

const FORMATS = [['jsonl', 'JSONL'], ['csv', 'CSV'], ['coco', 'COCO'], ['yolo', 'YOLO'], ['voc', 'Pascal VOC']];

/**
 * The project's webhook deliveries: a status filter, a button that resends every dead letter, and
 * the events table (25 at a time), each event with its delivery attempts and a Resend button.
 * Returns {elements (the content of its section), load(reset)}.
 */
export function webhookEvents(screen) {
  const eventsArea = h('div');
  const eventFilter = h('select', { onchange: () => loadEvents(true) },
    h('option', { value: '' }, 'All'), ['pending', 'delivering', 'delivered', 'dead'].map((value) => h('option', { value }, value)));
  const eventsStatus = statusLine();

  let eventsToken = null;
  async function loadEvents(reset = true) {
    if (reset) eventsToken = null;
    const query = new URLSearchParams({ limit: '25' });
    if (eventFilter.value) query.set('status', eventFilter.value);
    if (!reset && eventsToken) query.set('next_token', eventsToken);
    try {
      const page = await api('GET', `/projects/${screen.id}/events?${query}`);
      if (!screen.isAlive()) return;
      eventsToken = page.next_token;
      const columns = [
        { label: 'Event', rowHeader: true, render: (e) => e.event },
        { label: 'Status', render: (e) => badge(e.status) },
        { label: 'For', render: (e) => (e.task_id ? ['task ', shortID(e.task_id)] : e.batch_id ? ['batch ', shortID(e.batch_id)] : null) },
        { label: 'Target', render: (e) => h('span', { class: 'url', title: e.target_url }, e.target_url) },
        { label: 'Attempts', numeric: true, render: (e) => `${e.attempts} / ${e.max_attempts}` },
        { label: 'Last answer', wrap: true, render: (e) => (e.last_status_code ?? e.last_error ?? null) },
        { label: 'Created', render: (e) => formatTime(e.created_at) },
        { label: 'Actions', render: (e) => h('div', { class: 'cell-actions' },
          expander('Attempts', 8, (cell) => attemptsInto(cell, e)),
          h('button', { type: 'button', class: 'secondary small', 'data-action': 'resend', disabled: !['delivered', 'dead'].includes(e.status),
            'aria-label': `Resend ${e.event} event ${e.id.slice(-8)}`, onclick: (event) => resend(e, event.currentTarget) }, 'Resend')) },
      ];
      const view = table({ caption: 'Webhook events', testid: 'events', rows: page.events, columns, empty: 'No webhook events.' });
      if (reset) put(eventsArea, view);
      else {
        eventsArea.querySelector('.more')?.remove();
        const body = eventsArea.querySelector('tbody');
        if (body && view.querySelector('tbody')) body.append(...view.querySelector('tbody').children);
        else eventsArea.append(view);
      }
      eventsArea.querySelector('.more')?.remove();
      if (eventsToken) eventsArea.append(h('button', { type: 'button', class: 'secondary more', onclick: () => loadEvents(false) }, 'More events'));
    } catch (error) {
      if (screen.isAlive()) put(eventsArea, errorBox(error, 'Could not load the webhook events'));
    }
  }

  async function resend(event, button) {
    button.disabled = true;
    try {
      await api('POST', `/events/${event.id}/resend`);
      eventsStatus.say(`Event ${event.event} queued again.`, 'ok');
      loadEvents(true);
    } catch (error) {
      button.disabled = false;
      eventsStatus.say(`Could not resend: ${error.message}`, 'error');
    }
  }

  async function resendDead() {
    if (!(await confirmDialog({ title: 'Resend every dead letter?', message: 'Every event given up on goes out again to its callback URL.', confirmLabel: 'Resend all' }))) return;
    try {
      const { resent } = await api('POST', `/projects/${screen.id}/events/resend`);
      eventsStatus.say(`${formatNumber(resent)} dead letter${resent === 1 ? '' : 's'} queued again.`, 'ok');
      loadEvents(true);
    } catch (error) {
      eventsStatus.say(`Could not resend: ${error.message}`, 'error');
    }
  }

  const elements = [
    h('div', { class: 'toolbar' }, field('Status', eventFilter),
      h('button', { type: 'button', class: 'secondary', onclick: resendDead }, 'Resend all dead letters')),
    eventsStatus, eventsArea];
  return { elements, load: loadEvents };
}

/** Fills `cell` with one event's delivery attempts, its last error and its payload. */
async function attemptsInto(cell, event) {
  const full = await api('GET', `/events/${event.id}`);
  put(cell,
    full.last_error ? h('p', { class: 'error-text' }, `Last error: ${full.last_error}`) : null,
    table({ caption: 'Delivery attempts', rows: full.delivery_log || [], empty: 'No attempt yet.', columns: [
      { label: 'Attempt', numeric: true, rowHeader: true, key: 'attempt' },
      { label: 'Started', render: (a) => formatTime(a.started_at) },
      { label: 'HTTP status', numeric: true, key: 'status_code' },
      { label: 'Latency', numeric: true, render: (a) => `${formatNumber(a.latency_ms, 1)} ms` },
      { label: 'Error', key: 'error', wrap: true }] }),
    h('details', {}, h('summary', {}, 'Payload'), h('pre', { class: 'mono payload' }, JSON.stringify(full.payload, null, 2))));
}

/** One download button per export format, and a status line: the content of the export section. */
export function exportControls(screen) {
  const exportStatus = statusLine();

  async function exportAs(format, label, button) {
    const buttons = button.parentElement.querySelectorAll('button');
    buttons.forEach((element) => { element.disabled = true; });
    exportStatus.say(`Preparing the ${label} export…`);
    try {
      const response = await fetch(`/api/v1/projects/${screen.id}/export?format=${format}`, {
        headers: session() ? { Authorization: `Bearer ${session().token}` } : {},
      });
      if (!response.ok) await parseResponse(response);
      const blob = await response.blob();
      const named = /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') || '');
      const filename = named ? named[1] : `project-${screen.id}.${format === 'coco' ? 'json' : ['yolo', 'voc'].includes(format) ? 'tar' : format}`;
      downloadBlob(blob, filename);
      exportStatus.say(`Saved ${filename} (${formatBytes(blob.size)}).`, 'ok');
    } catch (error) {
      exportStatus.say(`The ${label} export failed: ${error.message}`, 'error');
    } finally {
      buttons.forEach((element) => { element.disabled = false; });
    }
  }

  return [
    h('div', { class: 'button-row' }, FORMATS.map(([format, label]) =>
      h('button', { type: 'button', class: 'secondary', 'data-format': format, onclick: (event) => exportAs(format, label, event.currentTarget) }, label))),
    exportStatus];
}
