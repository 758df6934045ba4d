// Reading Swarms component attributes, which arrive as JSON of any shape (flags as true, 1,
// "true" or "1"; numbers as numbers or strings), and shortening question text for messages.

/** A component's attributes: those under `properties` win over ones set on the component itself. */
export function attributesOf(component) {
  const { properties, ...rest } = component;
  return { ...rest, ...(properties && typeof properties === 'object' && !Array.isArray(properties) ? properties : {}) };
}

/** `value` as a boolean flag (true, 1, "true" or "1"), or `fallback` when it is not set. */
export function flag(value, fallback = false) {
  if (value === undefined || value === null) return fallback;
  return value === true || value === 1 || value === 'true' || value === '1';
}

/** `value` as a finite number (numeric strings too), else `fallback`. */
export function number(value, fallback) {
  const parsed = typeof value === 'string' && value.trim() === '' ? NaN : Number(value);
  return Number.isFinite(parsed) ? parsed : fallback;
}

/** How many decimal places `value` is written with (at most 10). */
export function decimals(value) {
  const text = String(value);
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : Math.min(10, text.length - dot - 1);
}

/** `text` on one line, cut to `length` characters with an ellipsis. */
export function short(text, length = 60) {
  const value = String(text ?? '').replace(/\s+/g, ' ').trim();
  return value.length > length ? `${value.slice(0, length - 1)}…` : value;
}
