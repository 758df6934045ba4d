// #/projects: every project of the organization, newest page first from the API's cursor pages,
// with an archived filter and task counts (from /projects/:id/stats, fetched a few at a time).

import { api } from '../api.js';
import { h, clear, formatNumber } from '../dom.js';
import { table, appendRow, badge, errorBox, formatTime, statusLine } from './ui.js';

const FINISHED = ['completed', 'delivered', 'acknowledged'];

export async function render(root, params, ctx) {
  let alive = true;
  let includeArchived = false;
  let nextToken = null;
  let body = null;
  const queue = [];
  let running = 0;

  const status = statusLine();
  const listArea = h('div', { class: 'list-area' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => load(false) }, 'Load more projects');
  const archived = h('input', { type: 'checkbox', id: 'projects-archived', onchange: (event) => {
    includeArchived = event.target.checked;
    load(true);
  } });

  const columns = [
    { label: 'Name', rowHeader: true, render: (project) => h('a', { href: `#/projects/${project.id}` }, project.name) },
    { label: 'Type', render: (project) => h('code', {}, project.type) },
    { label: 'Created', render: (project) => formatTime(project.created_at) },
    { label: 'State', render: (project) => badge(project.archived ? 'archived' : 'active') },
    { label: 'Tasks', numeric: true, render: (project) => counts(project) },
  ];

  clear(root).append(h('div', { class: 'admin' },
    h('header', { class: 'page-header' },
      h('h1', {}, 'Projects'),
      h('a', { class: 'button primary', href: '#/projects/new' }, 'New project')),
    h('div', { class: 'toolbar' },
      h('label', { class: 'check', for: 'projects-archived' }, archived, ' Show archived projects')),
    status, listArea, more));

  function counts(project) {
    const cell = h('span', { class: 'counts muted', 'data-project': project.id }, '…');
    queue.push(() => api('GET', `/projects/${project.id}/stats?hours=1`).then((stats) => {
      const values = Object.values(stats.counts || {});
      const total = values.reduce((sum, value) => sum + value, 0);
      const done = FINISHED.reduce((sum, key) => sum + (stats.counts?.[key] || 0), 0);
      clear(cell).append(
        h('span', {}, `${formatNumber(done)} / ${formatNumber(total)} done`),
        h('span', { class: 'mini-bar', 'aria-hidden': 'true' },
          h('span', { style: `width: ${total ? Math.round((done / total) * 100) : 0}%` })));
      cell.classList.remove('muted');
    }).catch(() => { cell.textContent = '—'; }));
    pump();
    return cell;
  }

  function pump() {
    while (alive && running < 4 && queue.length) {
      running += 1;
      queue.shift()().finally(() => { running -= 1; pump(); });
    }
  }

  async function load(reset) {
    if (reset) {
      nextToken = null;
      body = null;
      queue.length = 0;
      clear(listArea);
    }
    status.say('Loading projects…');
    more.disabled = true;
    try {
      const query = new URLSearchParams({ limit: '50' });
      if (includeArchived) query.set('include_archived', 'true');
      if (nextToken) query.set('next_token', nextToken);
      const page = await api('GET', `/projects?${query}`);
      if (!alive) return;
      nextToken = page.next_token;
      if (!body) {
        const view = table({
          columns, rows: page.projects, caption: 'Projects', testid: 'projects',
          empty: includeArchived ? 'No projects yet.' : 'No active projects. Create one, or show archived projects.',
        });
        listArea.append(view);
        body = view.querySelector('tbody');
      } else {
        for (const project of page.projects) appendRow(body, columns, project);
      }
      const shown = body ? body.rows.length : 0;
      status.say(`${shown} project${shown === 1 ? '' : 's'} shown${nextToken ? ', more available' : ''}.`);
    } catch (error) {
      if (!alive) return;
      status.say('');
      listArea.append(errorBox(error, 'Could not load projects'));
    } finally {
      more.hidden = !nextToken;
      more.disabled = false;
    }
  }

  await load(true);
  return () => { alive = false; queue.length = 0; };
}
