// Reading a task's settings, shared by the editors and the work screen.

/** Reads a task setting: the task's data first, then the project's params. */
export function setting(task, key, fallback = undefined) {
  if (task.data && task.data[key] !== undefined) return task.data[key];
  if (task.params && task.params[key] !== undefined) return task.params[key];
  return fallback;
}
