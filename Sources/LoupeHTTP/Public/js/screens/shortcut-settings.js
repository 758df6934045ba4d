// Remapping shortcuts: every known action with its keys; press a new key to rebind it.
import { h, clear, toast } from '../dom.js';
import { keysFor, remap, keyName } from '../shortcuts.js';
import { knownActions } from './work-actions.js';

/** Renders the shortcut table; changes are saved to the user's preferences at once. */
export async function render(root) {
  root.append(h('h1', {}, 'Keyboard shortcuts'),
    h('p', { class: 'muted' }, 'Choose “Change”, then press the new key (with Ctrl, Alt or Shift if you like). Escape cancels. Your keys follow you to any browser.'));
  const body = h('tbody');
  const table = h('div', { class: 'table-wrap' }, h('table', { 'data-testid': 'shortcut-table' },
    h('thead', {}, h('tr', {}, ['Action', 'Keys', ''].map((title) => h('th', { scope: 'col' }, title)))), body));
  root.append(table);
  const draw = () => {
    clear(body);
    for (const action of knownActions()) {
      const keys = keysFor(action);
      const change = h('button', { type: 'button', 'data-action-id': action.id, onclick: () => capture(action, change) }, 'Change');
      const reset = h('button', { type: 'button', onclick: () => { remap(action.id, []); draw(); } }, 'Default');
      body.append(h('tr', {}, h('td', {}, action.label), h('td', {}, keys.map((key) => [h('kbd', {}, key), ' '])), h('td', {}, change, ' ', reset)));
    }
  };
  const capture = (action, button) => {
    button.textContent = 'Press a key…';
    const listener = (event) => {
      event.preventDefault();
      event.stopPropagation();
      const name = keyName(event);
      if (!name || ['Ctrl', 'Alt', 'Shift', 'Meta'].includes(name)) return;
      window.removeEventListener('keydown', listener, true);
      if (name !== 'Escape') {
        remap(action.id, [name]);
        // A screen and its editor are active together, so one key on two of their actions is ambiguous
        // (the work and review screens are never open at once).
        const screen = (id) => id.split('.')[0];
        const apart = (a, b) => screen(a) !== screen(b) && ['work', 'review'].includes(screen(a)) && ['work', 'review'].includes(screen(b));
        const clash = knownActions().find((other) => other.id !== action.id && !apart(other.id, action.id) && keysFor(other).includes(name));
        if (clash) toast(`${name} is also the key of “${clash.label}”; change one of them.`, 'error');
      }
      draw();
    };
    window.addEventListener('keydown', listener, true);
  };
  draw();
}
