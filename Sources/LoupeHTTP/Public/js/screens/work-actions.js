// The work and review screens' own actions (editors add theirs), with their default keys.
import { seenActions } from '../shortcuts.js';

/** Default keys of the screen-level actions; `run` is attached by the screen. */
export const screenActions = {
  submit: { id: 'work.submit', keys: ['Ctrl+Enter'], label: 'Submit the answer' },
  skip: { id: 'work.skip', keys: ['Ctrl+Shift+K'], label: 'Skip this task (give it back)' },
  instruction: { id: 'work.instruction', keys: ['Ctrl+I'], label: 'Show or hide the instruction' },
  approve: { id: 'review.approve', keys: ['Ctrl+Enter'], label: 'Approve every result' },
  reject: { id: 'review.reject', keys: ['Ctrl+Shift+R'], label: 'Reject the selected result (asks for a reason)' },
  sendBack: { id: 'review.send-back', keys: ['Ctrl+Shift+B'], label: 'Send the selected result back (asks for a reason)' },
  nextResult: { id: 'review.next-result', keys: ['Alt+ArrowDown'], label: 'Select the next result' },
  previousResult: { id: 'review.previous-result', keys: ['Alt+ArrowUp'], label: 'Select the previous result' },
};

/** Every action the settings page can remap: the screens' and the editors' seen in this browser. */
export function knownActions() {
  const byID = new Map(Object.values(screenActions).map((action) => [action.id, action]));
  for (const action of seenActions()) if (!byID.has(action.id)) byID.set(action.id, action);
  byID.set('app.help', { id: 'app.help', keys: ['?', 'Shift+?'], label: 'Show keyboard shortcuts' });
  return [...byID.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** `action` with `run` attached. */
export function bind(action, run) {
  return { ...action, run };
}
