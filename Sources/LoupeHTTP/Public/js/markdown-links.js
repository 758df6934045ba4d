// Markdown link syntax: `[label](destination "title")`, scanned as text (the label is parsed as
// inline Markdown by the caller).

/** The ASCII punctuation a backslash escapes in Markdown. */
export const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/;

/**
 * Parses `[label](destination "title")` starting at the `[` at `start`: {label, destination, title,
 * end (the index after the closing parenthesis)}, or null when no link starts there.
 */
export function parseLink(text, start) {
  let depth = 0;
  let i = start;
  let labelEnd = -1;
  for (; i < text.length; i += 1) {
    const char = text[i];
    if (char === '\\') {
      i += 1;
    } else if (char === '`') {
      let run = 1;
      while (text[i + run] === '`') run += 1;
      const close = text.indexOf('`'.repeat(run), i + run);
      if (close !== -1) i = close + run - 1;
      else i += run - 1;
    } else if (char === '[') {
      depth += 1;
    } else if (char === ']') {
      depth -= 1;
      if (depth === 0) {
        labelEnd = i;
        break;
      }
    }
  }
  if (labelEnd === -1 || text[labelEnd + 1] !== '(') return null;
  i = labelEnd + 2;
  while (text[i] === ' ' || text[i] === '\n') i += 1;
  let destination = '';
  if (text[i] === '<') {
    const close = text.indexOf('>', i);
    if (close === -1) return null;
    destination = text.slice(i + 1, close);
    i = close + 1;
  } else {
    let parens = 0;
    while (i < text.length) {
      const char = text[i];
      if (char === '\\' && PUNCTUATION.test(text[i + 1] || '')) {
        destination += text[i + 1];
        i += 2;
        continue;
      }
      if (/\s/.test(char)) break;
      if (char === '(') parens += 1;
      if (char === ')') {
        if (parens === 0) break;
        parens -= 1;
      }
      destination += char;
      i += 1;
    }
  }
  while (text[i] === ' ' || text[i] === '\n') i += 1;
  let title = null;
  const quote = text[i];
  if (quote === '"' || quote === "'" || quote === '(') {
    const closer = quote === '(' ? ')' : quote;
    const close = text.indexOf(closer, i + 1);
    if (close === -1) return null;
    title = text.slice(i + 1, close);
    i = close + 1;
    while (text[i] === ' ' || text[i] === '\n') i += 1;
  }
  if (text[i] !== ')') return null;
  return { label: text.slice(start + 1, labelEnd), destination, title, end: i + 1 };
}
