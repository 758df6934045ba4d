// The reviewer's screen: the next item with every worker's answer overlaid in its own colour and
// the aggregate; approve, reject with a reason, or send back with a reason and a deadline.
import { api } from '../api.js';
import { h, clear, toast, uid } from '../dom.js';
import { activate } from '../shortcuts.js';
import { mountEditor } from '../editors/index.js';
import { renderMarkdown } from '../markdown.js';
import { screenActions, bind } from './work-actions.js';
import { secondsLeft, formatCountdown, giveBack } from './lease.js';

/** Distinct, readable colours for up to ten workers' answers. */
export const palette = ['#d62728', '#1f77b4', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22'];

function summary(answer) {
  const text = JSON.stringify(answer);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/** The aggregate as a short list: the method, the answer it prefers, confidence and agreement. */
function describeAggregate(aggregate) {
  const percent = (value) => `${Math.round(value * 1000) / 10} %`;
  const rows = Object.entries(aggregate).map(([key, value]) => {
    let shown = value;
    if ((key === 'confidence' || key === 'agreement') && typeof value === 'number') shown = percent(value);
    else if (typeof value === 'object' && value !== null) shown = summary(value);
    return [h('dt', {}, key.replace(/_/g, ' ')), h('dd', {}, String(shown))];
  });
  return h('dl', { class: 'aggregate' }, rows);
}

/** One result's decision controls. */
function decisionRow(result, index) {
  const name = uid('decision');
  const reason = h('input', { type: 'text', 'data-testid': `reason-${index}`, 'aria-label': `Reason for result ${index + 1}`, placeholder: 'Reason (required to reject or send back)' });
  const hours = h('input', { type: 'number', min: '1', max: '720', value: '24', 'aria-label': `Hours to redo result ${index + 1}`, style: 'width:6rem' });
  const choices = ['approve', 'reject', 'send_back'].map((decision) => h('label', { style: 'font-weight:normal;margin-right:.6rem' },
    h('input', { type: 'radio', name, value: decision, checked: decision === 'approve', 'data-decision': decision, 'data-result': String(index) }),
    ` ${decision === 'send_back' ? 'Send back' : decision[0].toUpperCase() + decision.slice(1)}`));
  const card = h('article', { class: 'result-card', style: `border-left-color:${palette[index % palette.length]}`, 'data-result-card': String(index), tabindex: '-1' },
    h('div', {}, h('strong', {}, `Result ${index + 1}`), h('span', { class: 'muted' }, ` · worker ${result.worker_id}`)),
    h('pre', { style: 'white-space:pre-wrap;margin:.3rem 0', class: 'muted' }, summary(result.answer)),
    h('fieldset', { style: 'border:0;padding:0;margin:0' }, h('legend', { class: 'muted' }, 'Decision'), choices),
    h('div', { class: 'work-toolbar' }, reason, h('label', { style: 'font-weight:normal' }, 'Redo within ', hours, ' h')));
  return {
    card,
    choose(decision) {
      card.querySelector(`input[value="${decision}"]`).checked = true;
      if (decision !== 'approve') reason.focus();
    },
    verdict() {
      const decision = card.querySelector('input[type=radio]:checked').value;
      const entry = { assignment_id: result.id, decision };
      if (decision !== 'approve') {
        if (!reason.value.trim()) throw new Error(`Result ${index + 1}: give a reason to ${decision === 'reject' ? 'reject' : 'send back'}.`);
        entry.reason = reason.value.trim();
      }
      if (decision === 'send_back') entry.deadline_seconds = Math.round(Math.min(720, Math.max(1, Number(hours.value) || 24)) * 3600);
      return entry;
    },
  };
}

/** Renders the review screen for `params.projectId`. */
export async function render(root, params) {
  const projectID = params.projectId;
  const lease = h('span', { class: 'lease', 'data-testid': 'lease' }, '–:––');
  const submitButton = h('button', { class: 'primary', type: 'button', 'data-testid': 'submit-review' }, 'Submit decisions');
  const approveAll = h('button', { type: 'button', 'data-testid': 'approve-all', title: 'Approve every result (Ctrl+Enter)' }, 'Approve all');
  const errors = h('div', { role: 'alert', class: 'error' });
  const body = h('div');
  root.append(h('div', { class: 'work-toolbar' }, h('h1', { style: 'margin:0' }, 'Review'), h('span', { class: 'spacer' }), lease, approveAll, submitButton), errors, body);

  let review = null;
  let editor = null;
  let rows = [];
  let selected = 0;
  let busy = false;

  async function load() {
    if (editor) editor.destroy();
    editor = null;
    clear(body);
    clear(errors);
    const answer = await api('POST', '/review/next', { project_id: projectID });
    review = answer ? answer.review : null;
    rows = [];
    submitButton.disabled = approveAll.disabled = !review;
    if (!review) {
      body.append(h('div', { class: 'card', 'data-testid': 'no-review' }, h('p', {}, 'Nothing is waiting for review in this project.'),
        h('button', { type: 'button', class: 'primary', onclick: load }, 'Check again'), ' ', h('a', { class: 'button', href: '#/home' }, 'Back')));
      return;
    }
    const task = review.task;
    const editorHost = h('section', { class: 'editor-host', 'aria-label': 'Task with every answer', 'data-testid': 'review-editor' });
    rows = review.results.map(decisionRow);
    const aggregate = task.aggregate ? h('div', { class: 'card', 'data-testid': 'aggregate' }, h('h2', { style: 'margin-top:0' }, 'Aggregate'), describeAggregate(task.aggregate)) : null;
    body.append(h('div', { class: 'work' }, editorHost,
      h('aside', {}, h('div', { class: 'results', 'data-testid': 'results' }, rows.map((row) => row.card)), aggregate,
        h('details', { class: 'instruction' }, h('summary', {}, 'Instruction'), renderMarkdown(task.instruction || '')))));
    lease.textContent = formatCountdown(secondsLeft(review.expires_at));
    editor = await mountEditor(editorHost, task, {
      readOnly: true,
      overlays: review.results.map((result, index) => ({ name: `Result ${index + 1}`, color: palette[index % palette.length], answer: result.answer })),
    });
  }

  async function decide(all) {
    if (busy || !review) return;
    clear(errors);
    let verdicts;
    try {
      verdicts = all ? [] : rows.map((row) => row.verdict());
    } catch (error) {
      errors.textContent = error.message;
      return;
    }
    busy = true;
    try {
      const result = await api('POST', `/reviews/${review.id}/decision`, { decision: 'approve', results: verdicts });
      toast(`Decided: the task is now ${result.task.status.replace('_', ' ')}.`, 'ok');
      await load();
    } catch (error) {
      errors.textContent = error.details.length ? error.details.map((detail) => `${detail.path}: ${detail.reason}`).join('; ') : error.message;
    } finally {
      busy = false;
    }
  }

  function select(step) {
    if (!rows.length) return;
    selected = (selected + step + rows.length) % rows.length;
    rows[selected].card.focus();
  }

  submitButton.addEventListener('click', () => decide(false));
  approveAll.addEventListener('click', () => decide(true));
  const deactivate = activate([
    bind(screenActions.approve, () => decide(true)),
    bind(screenActions.reject, () => rows[selected] && rows[selected].choose('reject')),
    bind(screenActions.sendBack, () => rows[selected] && rows[selected].choose('send_back')),
    bind(screenActions.nextResult, () => select(1)),
    bind(screenActions.previousResult, () => select(-1)),
    { id: 'review.submit', keys: ['Ctrl+Shift+Enter'], label: 'Submit the chosen decisions', run: () => decide(false) },
  ]);
  const ticker = setInterval(() => {
    if (review) lease.textContent = formatCountdown(secondsLeft(review.expires_at));
  }, 1000);
  await load();
  return async () => {
    clearInterval(ticker);
    deactivate();
    if (editor) editor.destroy();
    if (review) await giveBack(review.id, 'reviews');
  };
}
