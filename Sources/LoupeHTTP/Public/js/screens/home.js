// A worker's and reviewer's home: projects to work on or review, my figures, and feedback on
// rejected or sent-back work.
import { api } from '../api.js';
import { h, formatNumber } from '../dom.js';

function stat(label, value) {
  return h('div', { class: 'stat' }, h('div', { class: 'value' }, value), h('div', { class: 'label' }, label));
}

/** Renders the home page for `ctx.user`. */
export async function render(root, _params, ctx) {
  const [projects, stats, feedback] = await Promise.all([
    api('GET', '/me/projects'),
    ctx.user.roles.includes('worker') ? api('GET', `/users/${ctx.user.id}/stats`) : Promise.resolve(null),
    ctx.user.roles.includes('worker') ? api('GET', '/assignments?status=rejected,sent_back&limit=20') : Promise.resolve({ assignments: [] }),
  ]);
  root.append(h('h1', {}, 'My work'));
  if (stats) {
    const done = stats.approved + stats.rejected + stats.in_review;
    root.append(h('section', { 'aria-labelledby': 'stats-title' },
      h('h2', { id: 'stats-title' }, 'My figures'),
      h('div', { class: 'stats', 'data-testid': 'my-stats' },
        stat('Done', formatNumber(done)),
        stat('Approved', formatNumber(stats.approved)),
        stat('Rejected', formatNumber(stats.rejected)),
        stat('In review', formatNumber(stats.in_review)),
        stat('Earnings', formatNumber(stats.earnings, 2)),
        stat('Reputation', formatNumber(stats.reputation, 0)),
      )));
  }
  const cards = projects.projects.map((project) => h('article', { class: 'card', 'data-project': project.id },
    h('h3', {}, project.name),
    h('p', { class: 'muted' }, `${project.type}${project.payment_per_result ? ` · ${project.payment_per_result} per result` : ''}`),
    h('p', { 'data-testid': 'waiting' },
      project.can_work ? `${formatNumber(project.open_tasks)} task${project.open_tasks === 1 ? '' : 's'} open` : null,
      project.can_work && project.can_review ? ' · ' : null,
      project.can_review ? `${formatNumber(project.in_review)} to review` : null),
    h('div', { class: 'work-toolbar' },
      project.can_work ? h('a', { class: 'button primary', href: `#/work/${project.id}`, 'data-testid': 'start-work' }, 'Start working') : null,
      project.can_review ? h('a', { class: 'button', href: `#/review/${project.id}`, 'data-testid': 'start-review' }, 'Review') : null,
    )));
  root.append(h('section', { 'aria-labelledby': 'projects-title' },
    h('h2', { id: 'projects-title' }, 'Projects'),
    cards.length ? h('div', { class: 'cards' }, cards) : h('p', { class: 'muted' }, 'No project is open to you yet.')));
  if (feedback.assignments.length) {
    const rows = feedback.assignments.map((assignment) => h('tr', {},
      h('td', {}, assignment.status === 'sent_back' ? 'Sent back' : 'Rejected'),
      h('td', {}, assignment.feedback || ''),
      h('td', {}, assignment.status === 'sent_back' ? `redo before ${new Date(assignment.expires_at).toLocaleString()}` : ''),
      h('td', {}, assignment.status === 'sent_back' ? h('a', { href: `#/work/${assignment.project_id}` }, 'Redo') : '')));
    root.append(h('section', { 'aria-labelledby': 'feedback-title' },
      h('h2', { id: 'feedback-title' }, 'Feedback on my work'),
      h('div', { class: 'table-wrap' }, h('table', { 'data-testid': 'feedback' },
        h('thead', {}, h('tr', {}, ['Outcome', 'Reason', 'Deadline', ''].map((title) => h('th', { scope: 'col' }, title)))),
        h('tbody', {}, rows)))));
  }
}
