// The work screen: the current task in its editor, the next one already claimed and its media
// preloaded, a lease countdown with heartbeats, submit and skip, all on the keyboard.
import { api } from '../api.js';
import { h, clear, toast } from '../dom.js';
import { activate } from '../shortcuts.js';
import { mountEditor } from '../editors/index.js';
import { setting } from '../editors/task-settings.js';
import { renderMarkdown } from '../markdown.js';
import { screenActions, bind } from './work-actions.js';
import { secondsLeft, formatCountdown, keepAlive, giveBack } from './lease.js';
import { examplesPanel } from '../examples.js';

/** Preloads a task's image so the next task appears at once. */
function preloadMedia(task) {
  const url = ['attachment', 'image', 'url', 'image_url'].map((key) => setting(task, key)).find((value) => typeof value === 'string');
  if (url && /^(https?:|\/|data:image)/.test(url)) {
    const image = new Image();
    image.decoding = 'async';
    image.src = url;
  }
}

/** Renders the work screen for `params.projectId`. */
export async function render(root, params) {
  const projectID = params.projectId;
  const lease = h('span', { class: 'lease', 'data-testid': 'lease', 'aria-live': 'off', title: 'Time left on this task' }, '–:––');
  const submitButton = h('button', { class: 'primary', type: 'button', 'data-testid': 'submit', title: 'Submit (Ctrl+Enter)' }, 'Submit');
  const skipButton = h('button', { type: 'button', 'data-testid': 'skip', title: 'Skip (Ctrl+Shift+K)' }, 'Skip');
  const instructionButton = h('button', { type: 'button', 'aria-expanded': 'true', title: 'Instruction (Ctrl+I)' }, 'Instruction');
  const status = h('div', { role: 'status', 'aria-live': 'polite', class: 'muted', 'data-testid': 'work-status' });
  const blockedNote = h('span', { id: 'submit-blocked', class: 'submit-blocked', 'data-testid': 'submit-blocked', 'aria-live': 'polite', hidden: true });
  submitButton.setAttribute('aria-describedby', 'submit-blocked');
  const problems = h('ul', { class: 'error', 'data-testid': 'problems', role: 'alert' });
  const banner = h('div');
  const editorHost = h('section', { class: 'editor-host', 'aria-label': 'Task', 'data-testid': 'editor' });
  const instruction = h('aside', { class: 'instruction', 'aria-label': 'Instruction', 'data-testid': 'instruction' });
  root.append(
    h('div', { class: 'work-toolbar' }, h('h1', { style: 'margin:0' }, 'Work'), h('span', { class: 'spacer' }), status, lease, instructionButton, skipButton, blockedNote, submitButton),
    banner, problems,
    h('div', { class: 'work' }, editorHost, instruction));

  let current = null;
  let editor = null;
  let next = null;
  let stopHeartbeat = () => {};
  let stopNextHeartbeat = () => {};
  let deactivateEditor = () => {};
  let busy = false;
  let shownInstruction = null;

  const claim = () => api('POST', '/work/next', { project_id: projectID }).then((body) => (body ? body.assignment : null));

  function preloadNext() {
    const shown = current && current.id;
    next = claim().then((assignment) => {
      // A sent-back task is offered again until it is redone: that is the one on screen.
      if (assignment && assignment.id === shown) return null;
      if (assignment) {
        preloadMedia(assignment.task);
        stopNextHeartbeat = keepAlive(assignment);
      }
      return assignment;
    }).catch(() => null);
  }

  async function takeNext() {
    const preloaded = next ? await next : null;
    next = null;
    stopNextHeartbeat();
    if (preloaded && secondsLeft(preloaded.expires_at) > 5) return preloaded;
    return claim();
  }

  function showInstruction(task) {
    const shown = `${task.instruction}\u0000${JSON.stringify((task.params && task.params.examples) || null)}`;
    if (shownInstruction === shown) return;
    shownInstruction = shown;
    clear(instruction);
    instruction.append(h('h2', { style: 'margin-top:0' }, 'Instruction'),
      task.instruction ? renderMarkdown(task.instruction) : h('p', { class: 'muted' }, 'No instruction.'),
      examplesPanel(task));
  }

  async function show(assignment) {
    deactivateEditor();
    if (editor) editor.destroy();
    editor = null;
    clear(editorHost);
    clear(banner);
    clear(problems);
    current = assignment;
    updateBlocked();
    stopHeartbeat();
    if (!assignment) {
      lease.textContent = '–:––';
      submitButton.disabled = true;
      skipButton.disabled = true;
      editorHost.append(h('div', { class: 'card', 'data-testid': 'no-work' },
        h('p', {}, 'No task is waiting for you in this project right now.'),
        h('button', { type: 'button', class: 'primary', onclick: () => advance() }, 'Check again'), ' ',
        h('a', { class: 'button', href: '#/home' }, 'Back to my work')));
      return;
    }
    submitButton.disabled = false;
    skipButton.disabled = false;
    lease.textContent = formatCountdown(secondsLeft(assignment.expires_at));
    if (assignment.feedback) {
      banner.append(h('div', { class: 'banner', role: 'note', 'data-testid': 'feedback' },
        h('strong', {}, 'Sent back by a reviewer: '), assignment.feedback));
    }
    showInstruction(assignment.task);
    editor = await mountEditor(editorHost, assignment.task, {
      // Sent-back work starts from the earlier answer, new work from the requester's pre-filled one.
      initialAnswer: assignment.answer || assignment.task.prefill || undefined,
      onChange: () => {
        if (!editor) return;
        if (problems.firstChild) listProblems(editor.problems());
        updateBlocked();
      },
    });
    updateBlocked();
    deactivateEditor = activate(editor.actions || []);
    if (editor.focus) editor.focus();
    stopHeartbeat = keepAlive(assignment, () => toast('This task went back to the queue: its time ran out.', 'error'));
    status.textContent = `Task ${assignment.task.id}`;
    if (!next) preloadNext();
  }

  /** Turns Submit off, with the editor's reason beside it, while the editor says it cannot be submitted. */
  function updateBlocked() {
    const reason = current && editor && typeof editor.blocked === 'function' ? editor.blocked() : null;
    blockedNote.textContent = reason || '';
    blockedNote.hidden = !reason;
    submitButton.disabled = !current || Boolean(reason);
  }

  function listProblems(list) {
    clear(problems);
    for (const problem of list) problems.append(h('li', {}, problem));
  }

  async function advance() {
    busy = true;
    try {
      await show(await takeNext());
    } catch (error) {
      toast(error.message, 'error');
    } finally {
      busy = false;
    }
  }

  async function submit() {
    if (busy || !current || !editor) return;
    const found = editor.problems();
    if (found.length) {
      listProblems(found);
      toast('Fix the marked problems first.', 'error');
      return;
    }
    busy = true;
    // Leaving the screen while the answer is on its way must not give the task back.
    const submitting = current;
    current = null;
    stopHeartbeat();
    try {
      await api('POST', `/assignments/${submitting.id}/submit`, { answer: editor.answer() });
      toast('Submitted.', 'ok');
      busy = false;
      await advance();
    } catch (error) {
      busy = false;
      if (error.status === 409 || error.status === 404) {
        toast('This task is no longer yours (its time ran out); here is the next one.', 'error');
        await advance();
      } else {
        current = submitting;
        stopHeartbeat = keepAlive(submitting, () => toast('This task went back to the queue: its time ran out.', 'error'));
        listProblems(error.details.length ? error.details.map((detail) => `${detail.path}: ${detail.reason}`) : [error.message]);
      }
    }
  }

  async function skip() {
    if (busy || !current) return;
    busy = true;
    const id = current.id;
    current = null;
    stopHeartbeat();
    await giveBack(id);
    busy = false;
    await advance();
  }

  function toggleInstruction() {
    instruction.hidden = !instruction.hidden;
    instructionButton.setAttribute('aria-expanded', String(!instruction.hidden));
  }

  submitButton.addEventListener('click', submit);
  skipButton.addEventListener('click', skip);
  instructionButton.addEventListener('click', toggleInstruction);
  const deactivateScreen = activate([
    bind(screenActions.submit, submit), bind(screenActions.skip, skip), bind(screenActions.instruction, toggleInstruction),
  ]);
  const ticker = setInterval(() => {
    if (!current) return;
    const left = secondsLeft(current.expires_at);
    lease.textContent = formatCountdown(left);
    lease.classList.toggle('low', left < 60);
    if (left === 0 && !busy) {
      toast('Time ran out on this task; it went back to the queue.', 'error');
      advance();
    }
  }, 1000);
  /** Gives back the task on screen and the one claimed ahead (once its claim answers). */
  function releaseHeld() {
    const pending = next;
    next = null;
    return Promise.all([current && giveBack(current.id), pending && pending.then((assignment) => assignment && giveBack(assignment.id))]);
  }
  window.addEventListener('pagehide', releaseHeld);

  await advance();
  return async () => {
    clearInterval(ticker);
    stopHeartbeat();
    stopNextHeartbeat();
    deactivateScreen();
    deactivateEditor();
    window.removeEventListener('pagehide', releaseHeld);
    if (editor) editor.destroy();
    await releaseHeld();
  };
}
