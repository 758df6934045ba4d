// GitHub-style Markdown tables: a header row, a delimiter row that sets each column's alignment
// (:--, :-:, --:), then body rows; cells are split on unescaped pipes outside code spans.

import { h } from './dom.js';
import { parseInline } from './markdown-inline.js';

/** A table's delimiter row: `| --- | :-: |` (outer pipes optional). */
export const TABLE_DELIMITER = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

/** The cells of a table row, split on unescaped pipes outside code spans. */
export function splitRow(line) {
  let text = line.trim();
  if (text.startsWith('|')) text = text.slice(1);
  if (text.endsWith('|') && !text.endsWith('\\|')) text = text.slice(0, -1);
  const cells = [];
  let current = '';
  let inCode = 0;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '\\' && text[i + 1] === '|') {
      current += '|';
      i += 1;
    } else if (char === '`') {
      let run = 1;
      while (text[i + run] === '`') run += 1;
      if (inCode === 0) inCode = run;
      else if (inCode === run) inCode = 0;
      current += '`'.repeat(run);
      i += run - 1;
    } else if (char === '|' && inCode === 0) {
      cells.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  cells.push(current.trim());
  return cells;
}

/** Each column's text alignment ('left', 'right', 'center' or '' for none), from the delimiter row. */
export function columnAlignments(delimiterRow) {
  return splitRow(delimiterRow).map((cell) => {
    const left = cell.startsWith(':');
    const right = cell.endsWith(':');
    return left && right ? 'center' : right ? 'right' : left ? 'left' : '';
  });
}

/** The table element for `header` cells, column `aligns` and body `rows` (arrays of cell text). */
export function tableElement(header, aligns, rows) {
  const cell = (tag, text, column) => {
    const element = h(tag, tag === 'th' ? { scope: 'col' } : {}, parseInline(text || ''));
    if (aligns[column]) element.style.textAlign = aligns[column];
    return element;
  };
  return h(
    'div',
    { class: 'md-table' },
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, header.map((text, column) => cell('th', text, column)))),
      rows.length ? h('tbody', {}, rows.map((row) => h('tr', {}, aligns.map((_, column) => cell('td', row[column], column))))) : null,
    ),
  );
}
