// Picks the editor for a task type. Every editor module exports `mount(container, task, options)`
// and returns an Editor — the contract all editors follow:
//
//   task    = {id, type, data, params, instruction}   (as POST /api/v1/work/next returns it;
//             a task's own settings are read from task.data first, then task.params)
//   options = {readOnly?: boolean,           // reviewer/requester views: show, do not edit
//              initialAnswer?: object,       // an answer to start from (sent-back work, review)
//              overlays?: [{name, color, answer}], // other answers drawn beside/over (reviewer)
//              onChange?: () => void}        // called after every edit
//   Editor  = {answer(): object,            // the answer JSON exactly as the server expects it
//              problems(): string[],        // what must be fixed before submit ([] when ready)
//              actions: [{id, keys, label, run}], // keyboard actions (see shortcuts.js); ids are
//                                           // namespaced by editor, e.g. "categorization.choose-1"
//              blocked?(): string | null,   // why Submit is off right now (the work screen disables it
//                                           // and shows this), null when it may be pressed
//              focus?(): void,              // put keyboard focus on the first control
//              destroy(): void}
//
// Editors never add their own document keydown listeners: they declare actions and the shell
// binds them, honouring the user's remapped keys.
//
// This module only registers editors: helpers they share live in their own modules
// (task-settings.js, common.js), so no editor imports its registry.

import { showingTask } from '../attachments.js';

const editors = {
  categorization: () => import('./categorization.js'),
  comparison: () => import('./comparison.js'),
  transcription: () => import('./transcription.js'),
  text: () => import('./text.js'),
  textcollection: () => import('./text.js'),
  components: () => import('./components.js'),
  annotation: () => import('./annotator.js'),
  boxes: () => import('./annotator.js'),
  imageannotation: () => import('./annotator.js'),
  pointannotation: () => import('./annotator.js'),
  lineannotation: () => import('./annotator.js'),
  polygonannotation: () => import('./annotator.js'),
  cuboidannotation: () => import('./annotator.js'),
  segmentannotation: () => import('./segmenter.js'),
};

/** Mounts the editor for `task.type` (a JSON editor for types without one) into `container`. */
export async function mountEditor(container, task, options = {}) {
  showingTask(task.id);
  const load = editors[task.type] || (() => import('./json.js'));
  const module = await load();
  return module.mount(container, task, options);
}
