// #/admin/users: the organization's users and a form to create one (e-mail, password of at least
// 10 characters, roles, groups). Server errors appear under the field they name.

import { api, ApiError } from '../api.js';
import { h, clear, toast } from '../dom.js';
import { table, appendRow, badge, section, statusLine, errorBox, field, group, showErrors, clearErrors, formatTime, shortID } from './ui.js';

const ROLES = [
  ['admin', 'Admin', 'manages users, keys and everything else'],
  ['requester', 'Requester', 'creates projects, tasks and batches'],
  ['worker', 'Worker', 'does tasks'],
  ['reviewer', 'Reviewer', 'reviews results'],
];

export async function render(root, params, ctx) {
  let alive = true;
  let nextToken = null;
  let body = null;
  const listArea = h('div');
  const listStatus = statusLine();
  const more = h('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => load() }, 'Load more users');
  const columns = [
    { label: 'E-mail', rowHeader: true, key: 'email' },
    { label: 'Roles', render: (user) => h('span', { class: 'badges' }, user.roles.map((role) => badge(role))) },
    { label: 'Groups', render: (user) => user.groups.join(', ') },
    { label: 'Created', render: (user) => formatTime(user.created_at) },
    { label: 'Id', render: (user) => shortID(user.id) },
  ];

  const email = h('input', { type: 'email', name: 'email', autocomplete: 'off', required: true });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'new-password', minlength: 10, required: true });
  const roleBoxes = ROLES.map(([value]) => h('input', { type: 'checkbox', name: 'roles', value, checked: value === 'worker' }));
  const groups = h('input', { type: 'text', name: 'groups', autocomplete: 'off', placeholder: 'night, german' });
  const formStatus = statusLine();
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Create user');
  const canMakeAdmin = (ctx.user?.roles || []).includes('admin');

  const form = h('form', { 'data-testid': 'user-form', class: 'stack', novalidate: true, onsubmit: save },
    h('div', { class: 'grid-2' },
      field('E-mail', email, { path: '/email' }),
      field('Password', password, { path: '/password', hint: 'At least 10 characters.' })),
    group('Roles', h('div', { class: 'checks' }, ROLES.map(([value, label, about], index) =>
      h('label', { class: 'check' }, roleBoxes[index], ` ${label} `, h('small', { class: 'muted' }, `(${about})`)))), { path: '/roles' }),
    field('Groups (optional)', groups, { path: '/groups', hint: 'Separated by commas; workers of a group get that group’s projects.' }),
    h('div', { class: 'actions' }, submit), formStatus);
  if (!canMakeAdmin) roleBoxes[0].disabled = true;

  clear(root).append(h('div', { class: 'admin' },
    h('header', { class: 'page-header' }, h('h1', {}, 'Users')),
    section('New user', form),
    section('All users', listStatus, listArea, more)));

  async function load() {
    more.disabled = true;
    try {
      const query = new URLSearchParams({ limit: '100' });
      if (nextToken) query.set('next_token', nextToken);
      const page = await api('GET', `/users?${query}`);
      if (!alive) return;
      nextToken = page.next_token;
      if (!body) {
        const view = table({ columns, rows: page.users, caption: 'Users', testid: 'users', empty: 'No users yet.' });
        clear(listArea).append(view);
        body = view.querySelector('tbody');
      } else {
        for (const user of page.users) appendRow(body, columns, user);
      }
      listStatus.say(body ? `${body.rows.length} user${body.rows.length === 1 ? '' : 's'} shown.` : '');
    } catch (error) {
      if (alive) clear(listArea).append(errorBox(error, 'Could not load the users'));
    } finally {
      more.hidden = !nextToken;
      more.disabled = false;
    }
  }

  async function save(event) {
    event.preventDefault();
    clearErrors(form);
    formStatus.say('');
    const roles = roleBoxes.filter((box) => box.checked).map((box) => box.value);
    const value = {
      email: email.value.trim(),
      password: password.value,
      roles,
      groups: groups.value.split(',').map((part) => part.trim()).filter(Boolean),
    };
    const problems = [];
    if (!/^[^@\s]+@[^@\s]+$/.test(value.email)) problems.push({ path: '/email', reason: 'must be an e-mail address' });
    if (value.password.length < 10) problems.push({ path: '/password', reason: 'must be at least 10 characters' });
    if (!roles.length) problems.push({ path: '/roles', reason: 'needs at least one role' });
    if (problems.length) {
      showErrors(form, new ApiError(400, 'Please fix the highlighted fields.', problems));
      return;
    }
    submit.disabled = true;
    try {
      const user = await api('POST', '/users', value);
      toast(`User ${user.email} created`, 'ok');
      formStatus.say(`Created ${user.email}.`, 'ok');
      form.reset();
      if (!canMakeAdmin) roleBoxes[0].disabled = true;
      if (body) appendRow(body, columns, user, null, true);
      else { body = null; nextToken = null; await load(); }
      email.focus();
    } catch (error) {
      if (error instanceof ApiError) showErrors(form, error);
      else formStatus.say(String(error), 'error');
    } finally {
      submit.disabled = false;
    }
  }

  await load();
  return () => { alive = false; };
}
