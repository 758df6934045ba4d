// Keyboard shortcuts: screens and editors declare actions with default keys; the user may remap any
// action (stored per user, on the server and in this browser); one keydown listener dispatches.
//
// An action is {id, keys: ['Ctrl+Enter', 'S'], label, run(event)}. Key names follow
// KeyboardEvent.key with modifiers in the order Ctrl+Alt+Shift+Meta, letters upper-cased
// ("Ctrl+Z", "Shift+ArrowLeft", "1", "Delete", "Escape", "?").

const overridesKey = (userID) => `loupe.shortcuts.${userID || 'anonymous'}`;

let overrides = {};
let userID = null;
let layers = [];
let persist = null;

/** The canonical name of a keydown event, e.g. "Ctrl+Shift+Z". */
export function keyName(event) {
  let key = event.key;
  if (key === ' ') key = 'Space';
  if (key.length === 1) key = key.toUpperCase();
  const parts = [];
  if (event.ctrlKey) parts.push('Ctrl');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey && (key.length > 1 || !/[^A-Z0-9]/.test(key))) parts.push('Shift');
  if (event.metaKey) parts.push('Meta');
  if (['Control', 'Alt', 'Shift', 'Meta'].includes(key)) return parts.join('+');
  parts.push(key);
  return parts.join('+');
}

/**
 * Loads the user's remapped keys: `serverOverrides` (from the user's preferences) win over this
 * browser's copy; `save(overrides)` is called to store changes on the server.
 */
export function loadOverrides(id, serverOverrides, save) {
  userID = id;
  persist = save || null;
  let local = {};
  try {
    local = JSON.parse(localStorage.getItem(overridesKey(id)) || '{}');
  } catch {
    local = {};
  }
  overrides = { ...local, ...(serverOverrides || {}) };
}

/** The keys bound to `action` now (the user's remap, else its defaults). */
export function keysFor(action) {
  return overrides[action.id] || action.keys || [];
}

/** Remaps `actionID` to `keys` (an empty list restores the defaults) and stores the change. */
export function remap(actionID, keys) {
  if (keys && keys.length) overrides[actionID] = keys;
  else delete overrides[actionID];
  localStorage.setItem(overridesKey(userID), JSON.stringify(overrides));
  if (persist) persist({ ...overrides });
}

/**
 * Makes `actions` active until the returned function is called. Later layers win over earlier
 * ones for the same key, so an editor's keys can shadow the screen's.
 */
export function activate(actions) {
  remember(actions);
  const layer = { actions };
  layers.push(layer);
  return () => {
    layers = layers.filter((candidate) => candidate !== layer);
  };
}

const catalogKey = 'loupe.actions';

/** Records actions seen in this browser so the settings page can offer to remap them. */
function remember(actions) {
  let catalog = {};
  try {
    catalog = JSON.parse(localStorage.getItem(catalogKey) || '{}');
  } catch {
    catalog = {};
  }
  let changed = false;
  for (const action of actions) {
    if (!catalog[action.id] || catalog[action.id].label !== action.label) {
      catalog[action.id] = { id: action.id, keys: action.keys || [], label: action.label };
      changed = true;
    }
  }
  if (changed) localStorage.setItem(catalogKey, JSON.stringify(catalog));
}

/** Every action met so far in this browser, {id, keys, label}, sorted by id. */
export function seenActions() {
  try {
    return Object.values(JSON.parse(localStorage.getItem(catalogKey) || '{}')).sort((a, b) => a.id.localeCompare(b.id));
  } catch {
    return [];
  }
}

/** Every active action, newest layer first, for the help overlay. */
export function activeActions() {
  return layers.slice().reverse().flatMap((layer) => layer.actions);
}

function typing(target) {
  if (!target || !(target instanceof Element)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target.getAttribute('type') || 'text').toLowerCase();
    return !['checkbox', 'radio', 'button', 'submit', 'range'].includes(type);
  }
  return false;
}

document.addEventListener('keydown', (event) => {
  const name = keyName(event);
  if (!name) return;
  // While typing, only chorded shortcuts (Ctrl/Alt/Meta) and Escape act.
  if (typing(event.target) && !/^(Ctrl|Alt|Meta)\+/.test(name) && name !== 'Escape') return;
  for (const action of activeActions()) {
    if (keysFor(action).includes(name)) {
      event.preventDefault();
      action.run(event);
      return;
    }
  }
});
