// The keys dialects' callbacks carry in their auth header (Scale's scale-callback-auth), one for
// live and one for test work: shown to admins so receivers can check them, and rotatable.

import { api } from '../api.js';
import { h, clear, toast } from '../dom.js';
import { table, badge, section, statusLine, errorBox, confirmDialog } from './ui.js';

/** A section listing the callback auth keys with a rotate button each; loads itself. */
export function callbackKeysSection() {
  const area = h('div');
  const status = statusLine();
  const root = section('Callback auth keys', h('p', { class: 'muted' },
    'Callbacks of some API dialects carry one of these keys in a header; give it to the receiver so it can tell that a callback comes from this server.'),
  status, area);

  async function load() {
    try {
      const { keys } = await api('GET', '/callback-auth-keys');
      status.say(keys.length ? `${keys.length} keys.` : 'No dialect sends a callback auth key.');
      clear(area).append(table({
        caption: 'Callback auth keys', testid: 'callback-keys', rows: keys, empty: 'None.',
        rowAttrs: (key) => ({ 'data-callback-key': `${key.dialect}-${key.mode}` }),
        columns: [
          { label: 'Dialect', rowHeader: true, key: 'dialect' },
          { label: 'Mode', render: (key) => badge(key.mode) },
          { label: 'Header', render: (key) => h('code', {}, key.header) },
          { label: 'Key', render: (key) => h('code', { class: 'mono', 'data-testid': 'callback-key-value' }, key.key) },
          { label: 'Actions', render: (key) => h('button', { type: 'button', class: 'secondary small', 'data-action': 'rotate',
            'aria-label': `Rotate the ${key.mode} ${key.dialect} callback key`, onclick: () => rotate(key) }, 'Rotate') },
        ],
      }));
    } catch (error) {
      clear(area).append(errorBox(error, 'Could not load the callback auth keys'));
    }
  }

  async function rotate(key) {
    const ok = await confirmDialog({
      title: `Rotate the ${key.mode} ${key.dialect} callback key?`,
      message: `Callbacks will carry a new ${key.header} value within seconds; receivers checking the old one will refuse them until they are given the new one.`,
      confirmLabel: 'Rotate key', danger: true,
    });
    if (!ok) return;
    try {
      await api('POST', `/callback-auth-keys/${encodeURIComponent(key.dialect)}/${key.mode}/rotate`);
      toast(`The ${key.mode} ${key.dialect} callback key was replaced`, 'ok');
      await load();
    } catch (error) {
      toast(`Could not rotate: ${error.message}`, 'error');
    }
  }

  load();
  return root;
}
