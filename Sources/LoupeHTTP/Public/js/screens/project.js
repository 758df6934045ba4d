// #/projects/:id: one project — header with archive, progress by task status, throughput chart,
// workers and agreement, batch upload, batches with failures, recent tasks, webhook deliveries and
// exports. Stats refresh every 30 s; timers and observers stop when the screen is left.

import { api, upload, session, parseResponse, ApiError } from '../api.js';
import { h, clear, append, toast, formatNumber } from '../dom.js';
import {
  table, badge, section, statusLine, errorBox, confirmDialog, field, showErrors, clearErrors,
  formatTime, shortID, downloadBlob, csvToJSONL, throughputChart, loading,
} from './ui.js';

const STATUSES = ['pending', 'in_progress', 'in_review', 'completed', 'delivered', 'acknowledged', 'canceled', 'error'];
const FINISHED = ['completed', 'delivered', 'acknowledged'];
const FORMATS = [['jsonl', 'JSONL'], ['csv', 'CSV'], ['coco', 'COCO'], ['yolo', 'YOLO'], ['voc', 'Pascal VOC']];
const BATCH_DONE = ['completed', 'failed', 'canceled'];
/** Replaces an element's children (skipping null/false, unlike Element.append). */
const put = (element, ...children) => append(clear(element), children);
const percent = (value) => (value === null || value === undefined ? null : `${formatNumber(value * 100, 1)}\u00a0%`);
const bytes = (value) => (value === null || value === undefined ? null
  : value < 1024 ? `${value} B` : value < 1048576 ? `${formatNumber(value / 1024, 1)} KB` : `${formatNumber(value / 1048576, 1)} MB`);

export async function render(root, params, ctx) {
  const id = params.id;
  let alive = true;
  const timers = new Set();
  const disposers = [];
  const wait = (ms) => new Promise((resolve) => { const t = setTimeout(() => { timers.delete(t); resolve(); }, ms); timers.add(t); });
  const cleanup = () => { alive = false; timers.forEach(clearTimeout); disposers.forEach((dispose) => dispose()); };

  const shell = h('div', { class: 'admin project-page' });
  put(root, shell);
  loading(shell, 'Loading project…');
  let project;
  try {
    project = await api('GET', `/projects/${id}`);
  } catch (error) {
    put(shell, errorBox(error, 'Could not load the project'), h('p', {}, h('a', { href: '#/projects' }, 'Back to projects')));
    return cleanup;
  }
  const users = new Map();
  api('GET', '/users?limit=1000').then((page) => { page.users.forEach((user) => users.set(user.id, user.email)); loadWorkers(); }).catch(() => {});

  const header = h('header', { class: 'page-header project-header' });
  const progressArea = h('div', { 'data-testid': 'progress', class: 'progress-area' });
  const chartArea = h('div', { class: 'chart-area' });
  const workersArea = h('div');
  const batchesArea = h('div');
  const tasksArea = h('div');
  const eventsArea = h('div');
  const eventFilter = h('select', { onchange: () => loadEvents(true) },
    h('option', { value: '' }, 'All'), ['pending', 'delivering', 'delivered', 'dead'].map((value) => h('option', { value }, value)));
  const eventsStatus = statusLine();
  const exportStatus = statusLine();
  put(shell, header,
    h('div', { class: 'grid-2 top' }, section('Progress', progressArea), section('Throughput, last 48 hours', chartArea)),
    section('Upload a batch', uploadForm()),
    section('Batches', batchesArea),
    section('Workers and agreement', workersArea),
    section('Tasks', tasksArea),
    section('Webhook deliveries',
      h('div', { class: 'toolbar' }, field('Status', eventFilter),
        h('button', { type: 'button', class: 'secondary', onclick: resendDead }, 'Resend all dead letters')),
      eventsStatus, eventsArea),
    section('Export completed tasks',
      h('div', { class: 'button-row' }, FORMATS.map(([format, label]) =>
        h('button', { type: 'button', class: 'secondary', 'data-format': format, onclick: (event) => exportAs(format, label, event.currentTarget) }, label))),
      exportStatus));

  function renderHeader() {
    const settings = project.settings || {};
    put(header,
      h('nav', { 'aria-label': 'Breadcrumb', class: 'crumbs' }, h('a', { href: '#/projects' }, 'Projects')),
      h('div', { class: 'title-row' },
        h('h1', {}, project.name),
        project.archived ? badge('archived') : badge('active'),
        h('button', { type: 'button', class: project.archived ? 'secondary' : 'danger', onclick: toggleArchived },
          project.archived ? 'Unarchive' : 'Archive')),
      h('p', { class: 'meta muted' },
        h('code', {}, project.type), ` · version ${project.version} · created `, formatTime(project.created_at),
        ` · overlap ${settings.overlap ?? 1} · review ${settings.review?.strategy ?? 'none'} · workers ${settings.workers?.strategy ?? 'open'}`,
        settings.callback?.url ? ` · callback ${settings.callback.url}` : ''));
  }

  async function toggleArchived() {
    const archiving = !project.archived;
    if (archiving && !(await confirmDialog({
      title: `Archive “${project.name}”?`, message: 'Archived projects take no new tasks and are hidden from the project list. You can unarchive it later.',
      confirmLabel: 'Archive', danger: true,
    }))) return;
    try {
      project = await api('POST', `/projects/${id}/${archiving ? 'archive' : 'unarchive'}`);
      toast(archiving ? 'Project archived' : 'Project unarchived', 'ok');
      renderHeader();
    } catch (error) {
      toast(`Could not change the project: ${error.message}`, 'error');
    }
  }

  let chart = null;
  async function loadStats() {
    try {
      const stats = await api('GET', `/projects/${id}/stats?hours=48`);
      if (!alive) return;
      const counts = stats.counts || {};
      const names = [...STATUSES, ...Object.keys(counts).filter((name) => !STATUSES.includes(name))];
      const total = names.reduce((sum, name) => sum + (counts[name] || 0), 0);
      const done = FINISHED.reduce((sum, name) => sum + (counts[name] || 0), 0);
      const summary = total ? `${formatNumber(done)} of ${formatNumber(total)} tasks finished (${formatNumber((done / total) * 100, 1)}\u00a0%)` : 'No tasks yet.';
      put(progressArea,
        h('p', { class: 'summary' }, summary),
        h('div', { class: 'progress-bar', role: 'img', 'aria-label': `${summary}. ${names.filter((name) => counts[name]).map((name) => `${name.replace(/_/g, ' ')} ${counts[name]}`).join(', ')}` },
          names.filter((name) => counts[name]).map((name) =>
            h('span', { class: `seg seg-${name}`, style: `flex-grow: ${counts[name]}`, title: `${name.replace(/_/g, ' ')}: ${counts[name]}` }))),
        h('ul', { class: 'legend' }, names.filter((name) => counts[name] || STATUSES.includes(name)).map((name) =>
          h('li', {}, h('span', { class: `swatch seg-${name}`, 'aria-hidden': 'true' }), `${name.replace(/_/g, ' ')} `,
            h('strong', {}, formatNumber(counts[name] || 0))))));
      const throughput = stats.throughput || { bucket_seconds: 3600, points: [] };
      if (chart) chart.destroy();
      chart = throughputChart(throughput.points || [], throughput.bucket_seconds || 3600, 'throughput-chart');
      put(chartArea, chart.element, h('p', { class: 'muted small' }, chart.summary));
    } catch (error) {
      if (!alive) return;
      put(progressArea, errorBox(error, 'Could not load the counts'));
      put(chartArea, errorBox(error, 'Could not load the throughput'));
    }
  }
  disposers.push(() => chart && chart.destroy());

  async function loadWorkers() {
    try {
      const { workers } = await api('GET', `/projects/${id}/workers`);
      if (!alive) return;
      const rated = workers.filter((worker) => worker.agreement !== null && worker.agreement !== undefined);
      const weight = rated.reduce((sum, worker) => sum + Math.max(1, worker.approved + worker.rejected), 0);
      const agreement = rated.length ? rated.reduce((sum, worker) => sum + worker.agreement * Math.max(1, worker.approved + worker.rejected), 0) / weight : null;
      put(workersArea,
        h('p', { class: 'summary' }, agreement === null ? 'No agreement measured yet.'
          : `Agreement with final answers: ${percent(agreement)} (weighted by reviewed results, ${rated.length} worker${rated.length === 1 ? '' : 's'}).`),
        table({
          caption: 'Workers', testid: 'workers', empty: 'No one has worked on this project yet.', rows: workers,
          columns: [
            { label: 'Worker', rowHeader: true, render: (w) => users.get(w.worker_id) || shortID(w.worker_id) },
            { label: 'Approved', numeric: true, render: (w) => formatNumber(w.approved) },
            { label: 'Rejected', numeric: true, render: (w) => formatNumber(w.rejected) },
            { label: 'In review', numeric: true, render: (w) => formatNumber(w.in_review) },
            { label: 'Sent back', numeric: true, render: (w) => formatNumber(w.sent_back) },
            { label: 'Abandoned', numeric: true, render: (w) => formatNumber(w.abandoned) },
            { label: 'Agreement', numeric: true, render: (w) => percent(w.agreement) },
            { label: 'Est. accuracy', numeric: true, render: (w) => percent(w.estimated_accuracy) },
            { label: 'Median time', numeric: true, render: (w) => (w.median_seconds_per_task == null ? null : `${formatNumber(w.median_seconds_per_task, 1)} s`) },
            { label: 'Reputation', numeric: true, render: (w) => formatNumber(w.reputation, 2) },
            { label: 'Earnings', numeric: true, render: (w) => formatNumber(w.earnings, 2) },
          ],
        }));
    } catch (error) {
      if (alive) put(workersArea, errorBox(error, 'Could not load the workers'));
    }
  }

  /** A button that opens a detail row under its own row, filled by `fill(cell)`. */
  function expander(label, span, fill) {
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

  async function failuresInto(cell, batch, after = -1) {
    const page = await api('GET', `/batches/${batch.id}/failures?after=${after}&limit=100`);
    if (after === -1) put(cell, batch.error ? h('p', { class: 'error-text' }, `Batch error: ${batch.error}`) : null);
    cell.querySelector('.more')?.remove();
    cell.append(table({ caption: 'Failed items', rows: page.failures, empty: 'No item failed.', columns: [
      { label: 'Item', numeric: true, rowHeader: true, render: (f) => `#${f.index}` }, { label: 'Reason', key: 'reason', wrap: true }] }));
    if (page.next_after !== null && page.next_after !== undefined) {
      cell.append(h('button', { type: 'button', class: 'secondary more', onclick: () => failuresInto(cell, batch, page.next_after) }, 'More failures'));
    }
  }

  async function loadBatches() {
    try {
      const { batches } = await api('GET', `/projects/${id}/batches?limit=100`);
      if (!alive) return;
      const columns = [
        { label: 'Batch', rowHeader: true, render: (b) => (b.client_batch_id ? h('span', { title: b.id }, b.client_batch_id) : shortID(b.id)) },
        { label: 'Status', render: (b) => badge(b.status) },
        { label: 'Created', render: (b) => formatTime(b.created_at) },
        { label: 'Items', numeric: true, render: (b) => formatNumber(b.counts.total) },
        { label: 'Tasks made', numeric: true, render: (b) => formatNumber(b.counts.created) },
        { label: 'Failed', numeric: true, render: (b) => formatNumber(b.counts.failed) },
        { label: 'File', numeric: true, render: (b) => bytes(b.uploaded_bytes) },
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
      put(batchesArea, view);
    } catch (error) {
      if (alive) put(batchesArea, errorBox(error, 'Could not load the batches'));
    }
  }

  async function finalize(batch) {
    try {
      await api('POST', `/batches/${batch.id}/finalize`);
      toast('Batch finalized: creating its tasks', 'ok');
      loadBatches();
    } catch (error) {
      toast(`Could not finalize: ${error.message}`, 'error');
    }
  }

  function uploadForm() {
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
        field('Tasks file', file, { path: '/file', hint: 'JSONL (one task per line), a JSON array, or CSV (a header row; columns become data, except unique_id, priority, tags as a|b, callback_url).' }),
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
        const content = csv ? new Blob([csvToJSONL(await chosen.text())], { type: 'application/x-ndjson' }) : chosen;
        const request = { upload: true };
        if (clientID.value.trim()) request.client_batch_id = clientID.value.trim();
        if (priority.value.trim()) request.priority = Number(priority.value);
        status.say('Creating the batch…');
        const batch = await api('POST', `/projects/${id}/batches`, request);
        barField.hidden = false;
        const path = new URL(batch.upload_url, location.href).pathname.replace(/^\/api\/v1/, '');
        await upload('PUT', path, content, json ? 'application/json' : 'application/x-ndjson', (fraction) => {
          bar.value = fraction;
          barText.textContent = ` ${Math.round(fraction * 100)}\u00a0% of ${bytes(content.size)}`;
        });
        bar.value = 1;
        barText.textContent = ` 100\u00a0% of ${bytes(content.size)}`;
        status.say('Uploaded. Finalizing…');
        let current = await api('POST', `/batches/${batch.id}/finalize`);
        for (let round = 0; alive && !BATCH_DONE.includes(current.status) && round < 900; round += 1) {
          status.say(`Creating tasks: ${formatNumber(current.counts.created)} created, ${formatNumber(current.counts.failed)} failed so far…`);
          await wait(round < 10 ? 500 : 2000);
          if (alive) current = await api('GET', `/batches/${batch.id}`);
        }
        if (!alive) return;
        showResult(current);
        form.reset();
        loadBatches();
        loadStats();
        loadTasks();
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

  async function loadTasks() {
    try {
      const { tasks } = await api('GET', `/tasks?project=${id}&limit=20`);
      if (!alive) return;
      put(tasksArea, table({
        caption: 'Tasks', testid: 'tasks', rows: tasks, empty: 'No tasks yet.', columns: [
          { label: 'Task', rowHeader: true, render: (t) => shortID(t.id) },
          { label: 'Status', render: (t) => badge(t.status) },
          { label: 'Unique id', key: 'unique_id' },
          { label: 'Priority', numeric: true, key: 'priority' },
          { label: 'Created', render: (t) => formatTime(t.created_at) },
          { label: 'Updated', render: (t) => formatTime(t.updated_at) },
        ] }));
    } catch (error) {
      if (alive) put(tasksArea, errorBox(error, 'Could not load the tasks'));
    }
  }

  let eventsToken = null;
  async function loadEvents(reset = true) {
    if (reset) eventsToken = null;
    const query = new URLSearchParams({ limit: '25' });
    if (eventFilter.value) query.set('status', eventFilter.value);
    if (!reset && eventsToken) query.set('next_token', eventsToken);
    try {
      const page = await api('GET', `/projects/${id}/events?${query}`);
      if (!alive) return;
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
      if (alive) put(eventsArea, errorBox(error, 'Could not load the webhook events'));
    }
  }

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
      const { resent } = await api('POST', `/projects/${id}/events/resend`);
      eventsStatus.say(`${formatNumber(resent)} dead letter${resent === 1 ? '' : 's'} queued again.`, 'ok');
      loadEvents(true);
    } catch (error) {
      eventsStatus.say(`Could not resend: ${error.message}`, 'error');
    }
  }

  async function exportAs(format, label, button) {
    const buttons = button.parentElement.querySelectorAll('button');
    buttons.forEach((element) => { element.disabled = true; });
    exportStatus.say(`Preparing the ${label} export…`);
    try {
      const response = await fetch(`/api/v1/projects/${id}/export?format=${format}`, {
        headers: session() ? { Authorization: `Bearer ${session().token}` } : {},
      });
      if (!response.ok) await parseResponse(response);
      const blob = await response.blob();
      const named = /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') || '');
      const filename = named ? named[1] : `project-${id}.${format === 'coco' ? 'json' : ['yolo', 'voc'].includes(format) ? 'tar' : format}`;
      downloadBlob(blob, filename);
      exportStatus.say(`Saved ${filename} (${bytes(blob.size)}).`, 'ok');
    } catch (error) {
      exportStatus.say(`The ${label} export failed: ${error.message}`, 'error');
    } finally {
      buttons.forEach((element) => { element.disabled = false; });
    }
  }

  renderHeader();
  await Promise.all([loadStats(), loadWorkers(), loadBatches(), loadTasks(), loadEvents(true)]);
  (async () => {
    while (alive) {
      await wait(30_000);
      if (alive) await loadStats();
    }
  })();
  return cleanup;
}
