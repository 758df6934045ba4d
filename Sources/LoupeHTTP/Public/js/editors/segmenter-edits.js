// The segmentation editor's edits: painting with the current label (a brush stroke, a polygon, the
// unlabelled rest) or erasing, each recorded for undo, and the instances of instance labels — which one
// strokes add to, starting a new one, deleting one.
//
// `ed` is the editor's side: {state, config, readOnly, map(), history(), changed(), refreshPanel(parts),
// hint(text), invalidate(), labelOf(value)}.

/** The edit operations over the editor's side `ed` (see the top of this file). */
export function createEdits(ed) {
  const { state, config } = ed;
  let nextInstance = 1;

  /** The value the next paint uses: the label's, or an instance's (a new one when none is current). */
  function target() {
    const leaf = config.byLabel.get(state.label);
    if (!leaf) {
      ed.hint('Choose a label first.');
      return null;
    }
    if (!leaf.instance) return { value: leaf.value };
    const current = !state.newEachStroke && state.instances.find((instance) => instance.id === state.instanceId && instance.label === leaf.label);
    if (current) return { value: current.value };
    const used = new Set(state.instances.map((instance) => instance.value));
    let value = config.firstInstanceValue;
    while (value <= 255 && used.has(value)) value += 1;
    if (value > 255) {
      ed.hint('No room for another instance: one image holds 255 labels and instances. Delete an instance first.');
      return null;
    }
    const number = Math.max(0, ...state.instances.filter((instance) => instance.label === leaf.label).map((instance) => instance.number)) + 1;
    const created = { id: `i${nextInstance}`, label: leaf.label, value, number };
    nextInstance += 1;
    state.instances.push(created);
    state.instanceId = created.id;
    return { value, created };
  }

  /**
   * Starts an edit that paints the current label (or erases): {value, only, stroke(from, to), done()};
   * null when nothing can be painted now.
   */
  function startEdit({ erase = false } = {}) {
    const map = ed.map();
    if (!map || ed.readOnly || state.loading) return null;
    const history = ed.history();
    const before = history.snapshot();
    const paint = erase ? { value: 0 } : target();
    if (!paint) return null;
    map.begin(paint.value);
    const only = !erase && state.onlyUnlabelled;
    return {
      value: paint.value,
      only,
      stroke: (from, to) => map.stroke(from, to, state.brushSize, paint.value, only),
      done() {
        const pixels = map.end();
        if (!pixels && paint.created) {
          state.instances = state.instances.filter((instance) => instance !== paint.created);
          state.instanceId = null;
        }
        if (history.record(pixels, before)) ed.changed();
        else ed.invalidate();
      },
    };
  }

  return {
    startEdit,
    /** Fills a polygon (image pixels) with the current label. */
    fillPolygon(points) {
      const edit = startEdit();
      if (!edit) return;
      ed.map().fillPolygon(points, edit.value, edit.only);
      edit.done();
    },
    /** Gives every unlabelled pixel the current label. */
    fillUnlabelled() {
      const map = ed.map();
      if (!map || !map.counts[0]) return;
      const edit = startEdit();
      if (!edit) return;
      map.fillUnlabelled(edit.value);
      edit.done();
      ed.hint(`Filled the unlabelled pixels with “${ed.labelOf(edit.value)}”.`);
    },
    /** Deletes an instance: its pixels become unlabelled. */
    removeInstance(id) {
      const map = ed.map();
      const instance = state.instances.find((candidate) => candidate.id === id);
      if (!instance || !map || ed.readOnly) return;
      const history = ed.history();
      const before = history.snapshot();
      map.begin(0);
      map.replace(instance.value, 0);
      state.instances = state.instances.filter((candidate) => candidate !== instance);
      if (state.instanceId === id) state.instanceId = null;
      history.record(map.end(), before);
      ed.changed();
      ed.hint(`${instance.label} ${instance.number} deleted: its pixels are unlabelled now.`);
    },
    /** Makes `label` current; for an instance label the next stroke starts a new instance. */
    chooseLabel(label) {
      if (ed.readOnly || !config.byLabel.has(label)) return;
      state.label = label;
      state.instanceId = null;
      const leaf = config.byLabel.get(label);
      ed.hint(leaf.instance ? `“${leaf.text}”: the next stroke starts a new instance.` : `Painting “${leaf.text}”.`);
      ed.refreshPanel(['coverage', 'labels', 'instances']);
      ed.invalidate();
    },
    /** Strokes add to instance `id` from now on. */
    selectInstance(id) {
      const instance = state.instances.find((candidate) => candidate.id === id);
      if (!instance || ed.readOnly) return;
      state.label = instance.label;
      state.instanceId = id;
      ed.hint(`Painting ${instance.label} ${instance.number}.`);
      ed.refreshPanel(['coverage', 'labels', 'instances']);
    },
    /** The next stroke of the current instance label starts a new instance. */
    newInstance() {
      const leaf = config.byLabel.get(state.label);
      if (!leaf || !leaf.instance) return ed.hint('Choose an instance label first.');
      state.instanceId = null;
      ed.hint(`The next stroke starts a new “${leaf.text}” instance.`);
      return ed.refreshPanel(['instances']);
    },
  };
}
