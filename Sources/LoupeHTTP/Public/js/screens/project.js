// #/projects/:id: one project — header with archive, progress by task status, throughput chart,
// workers and agreement, batch upload, batches with failures, recent tasks, webhook deliveries and
// exports. Stats refresh every 30 s; timers and observers stop when the screen is left.
// Batches are in project-batches.js, webhook deliveries and exports in project-events.js.

import { api } from '../api.js';
import { h, toast, formatNumber } from '../dom.js';
import { table, badge, section, errorBox, confirmDialog, formatTime, shortID, loading, put } from './ui.js';
import { throughputChart } from './chart.js';
import { batchUploadForm, batchList } from './project-batches.js';
import { webhookEvents, exportControls } from './project-events.js';

const STATUSES = ['pending', 'in_progress', 'in_review', 'completed', 'delivered', 'acknowledged', 'canceled', 'error'];
const FINISHED = ['completed', 'delivered', 'acknowledged'];
const percent = (value) => (value === null || value === undefined ? null : `${formatNumber(value * 100, 1)}\u00a0%`);

/** Renders the project screen into `root`; returns the function that stops its timers and observers. */
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
  const tasksArea = h('div');
  const screen = { id, isAlive: () => alive, wait };
  const batches = batchList(screen);
  const events = webhookEvents(screen);
  put(shell, header,
    h('div', { class: 'grid-2 top' }, section('Progress', progressArea), section('Throughput, last 48 hours', chartArea)),
    section('Upload a batch', batchUploadForm(screen, () => { batches.load(); loadStats(); loadTasks(); })),
    section('Batches', batches.element),
    section('Workers and agreement', workersArea),
    section('Tasks', tasksArea),
    section('Webhook deliveries', ...events.elements),
    section('Export completed tasks', ...exportControls(screen)));

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

  renderHeader();
  await Promise.all([loadStats(), loadWorkers(), batches.load(), loadTasks(), events.load(true)]);
  (async () => {
    while (alive) {
      await wait(30_000);
      if (alive) await loadStats();
    }
  })();
  return cleanup;
}
