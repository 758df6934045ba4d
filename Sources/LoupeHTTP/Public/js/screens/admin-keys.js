// #/admin/keys: API keys — list, create (the secret is shown once, to copy) and revoke — and the
// callback auth keys dialects send.

import { api, ApiError } from '../api.js';
import { h, clear, toast } from '../dom.js';
import { table, badge, section, statusLine, errorBox, confirmDialog, field, group, showErrors, clearErrors, formatTime } from './ui.js';
import { callbackKeysSection } from './admin-callback-keys.js';

export async function render(root, params, ctx) {
  let alive = true;
  const listArea = h('div');
  const listStatus = statusLine();
  const secretArea = h('div');
  const name = h('input', { type: 'text', name: 'name', autocomplete: 'off', maxlength: 200, required: true, placeholder: 'e.g. nightly import' });
  const live = h('input', { type: 'radio', name: 'mode', value: 'live', checked: true });
  const test = h('input', { type: 'radio', name: 'mode', value: 'test' });
  // Test keys are sandboxed requesters: they cannot be admin keys.
  const role = h('select', { name: 'role' },
    h('option', { value: 'requester', selected: true }, 'Requester — projects, tasks, batches, results, exports'),
    h('option', { value: 'read_only' }, 'Read-only — what a requester may read'),
    h('option', { value: 'admin' }, 'Admin — everything, including keys, users and signing secrets'));
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Create key');
  const form = h('form', { 'data-testid': 'key-form', class: 'stack', novalidate: true, onsubmit: save },
    field('Name', name, { path: '/name' }),
    group('Mode', h('div', { class: 'checks' },
      h('label', { class: 'check' }, live, ' Live ', h('small', { class: 'muted' }, '(real tasks, done by people)')),
      h('label', { class: 'check' }, test, ' Test ', h('small', { class: 'muted' }, '(a sandbox: test tasks only, answered by a synthetic worker)'))),
    { path: '/mode' }),
    field('Role', role, { path: '/role' }),
    h('div', { class: 'actions' }, submit));

  clear(root).append(h('div', { class: 'admin' },
    h('header', { class: 'page-header' }, h('h1', {}, 'API keys')),
    section('New key', form, secretArea),
    section('Keys', listStatus, listArea),
    callbackKeysSection()));

  async function load() {
    try {
      const { keys } = await api('GET', '/keys');
      if (!alive) return;
      const active = keys.filter((key) => !key.revoked_at).length;
      listStatus.say(`${active} active, ${keys.length - active} revoked.`);
      clear(listArea).append(table({
        caption: 'API keys', testid: 'keys', rows: keys, empty: 'No keys yet.',
        rowAttrs: (key) => ({ class: key.revoked_at ? 'revoked' : null, 'data-key-id': key.id }),
        columns: [
          { label: 'Name', rowHeader: true, key: 'name' },
          { label: 'Mode', render: (key) => badge(key.mode) },
          { label: 'Role', render: (key) => badge(key.role) },
          { label: 'Key starts with', render: (key) => h('code', {}, `${key.prefix}…`) },
          { label: 'Created', render: (key) => formatTime(key.created_at) },
          { label: 'State', render: (key) => (key.revoked_at ? [badge('revoked'), ' ', formatTime(key.revoked_at)] : badge('active')) },
          { label: 'Actions', render: (key) => (key.revoked_at ? null
            : h('button', { type: 'button', class: 'danger small', 'data-action': 'revoke', 'aria-label': `Revoke key ${key.name}`, onclick: () => revoke(key) }, 'Revoke')) },
        ],
      }));
    } catch (error) {
      if (alive) clear(listArea).append(errorBox(error, 'Could not load the keys'));
    }
  }

  function showSecret(key) {
    const box = h('input', { type: 'text', readonly: true, value: key.key, class: 'mono secret', 'data-testid': 'new-key', spellcheck: 'false',
      onfocus: (event) => event.target.select() });
    const copyStatus = statusLine();
    const copy = async () => {
      try {
        await navigator.clipboard.writeText(key.key);
      } catch {
        box.focus();
        box.select();
        document.execCommand('copy');
      }
      copyStatus.say('Copied to the clipboard.', 'ok');
    };
    clear(secretArea).append(h('div', { class: 'secret-box', role: 'region', 'aria-label': 'New API key' },
      h('p', { class: 'warning', role: 'alert' }, h('strong', {}, 'Copy this key now. '),
        `It will not be shown again: Loupe stores only its hash. Key “${key.name}” (${key.mode}).`),
      h('div', { class: 'copy-row' }, field('New API key', box),
        h('button', { type: 'button', class: 'primary', onclick: copy }, 'Copy key')),
      copyStatus,
      h('button', { type: 'button', class: 'secondary', onclick: () => clear(secretArea) }, 'I have stored it — hide the key')));
    box.focus();
  }

  async function save(event) {
    event.preventDefault();
    clearErrors(form);
    if (!name.value.trim()) {
      showErrors(form, new ApiError(400, 'Please fix the highlighted fields.', [{ path: '/name', reason: 'is required' }]));
      return;
    }
    submit.disabled = true;
    try {
      const key = await api('POST', '/keys', { name: name.value.trim(), mode: test.checked ? 'test' : 'live', role: role.value });
      form.reset();
      showSecret(key);
      await load();
    } catch (error) {
      if (error instanceof ApiError) showErrors(form, error);
      else toast(String(error), 'error');
    } finally {
      submit.disabled = false;
    }
  }

  async function revoke(key) {
    const ok = await confirmDialog({
      title: `Revoke the key “${key.name}”?`,
      message: `Requests with ${key.prefix}… will be refused from now on. This cannot be undone.`,
      confirmLabel: 'Revoke key', danger: true,
    });
    if (!ok) return;
    try {
      await api('POST', `/keys/${key.id}/revoke`);
      toast(`Key “${key.name}” revoked`, 'ok');
      await load();
    } catch (error) {
      toast(`Could not revoke: ${error.message}`, 'error');
    }
  }

  await load();
  return () => { alive = false; };
}
