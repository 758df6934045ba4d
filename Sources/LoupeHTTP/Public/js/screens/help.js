// The help overlay: every active shortcut with its current keys.
import { h, clear } from '../dom.js';
import { activeActions, keysFor } from '../shortcuts.js';

/** Opens the shortcut overlay listing what the current screen and editor respond to. */
export function showHelp() {
  const dialog = document.getElementById('help');
  if (dialog.open) {
    dialog.close();
    return;
  }
  clear(dialog);
  const seen = new Set();
  const rows = [];
  for (const action of activeActions()) {
    if (seen.has(action.id)) continue;
    seen.add(action.id);
    const keys = keysFor(action);
    rows.push(h('div', {}, keys.length ? keys.map((key, index) => [index ? ' or ' : '', h('kbd', {}, key)]) : h('span', { class: 'muted' }, 'none')));
    rows.push(h('div', {}, action.label));
  }
  dialog.append(
    h('h2', { id: 'help-title' }, 'Keyboard shortcuts'),
    h('div', { class: 'shortcut-list' }, rows),
    h('p', { class: 'muted' }, 'Change any key under ', h('a', { href: '#/settings/shortcuts', onclick: () => dialog.close() }, 'Shortcuts'), '.'),
    h('form', { method: 'dialog' }, h('button', { class: 'primary', autofocus: true }, 'Close')),
  );
  dialog.showModal();
}
