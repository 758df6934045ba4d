// A small, safe Markdown renderer: it builds DOM nodes and never parses untrusted text as HTML.
//
// Blocks (this file): ATX and setext headings, paragraphs (hard breaks with two trailing spaces or
// a backslash), fenced code (``` or ~~~), blockquotes, ordered/unordered lists nested by
// indentation (with "- [ ]" task items), horizontal rules, GitHub-style tables with column
// alignment (markdown-table.js) and a line that is an `<iframe src>` tag (embeds.js). Inline spans are in markdown-inline.js; which link and image
// targets are kept is in safe-url.js; HTML content (not Markdown) goes through safe-html.js.

import { h } from './dom.js';
import { parseInline, MAX_NESTING_DEPTH } from './markdown-inline.js';
import { TABLE_DELIMITER, splitRow, columnAlignments, tableElement } from './markdown-table.js';
import { IFRAME_LINE, embedBlock } from './embeds.js';

export { safeURL } from './safe-url.js';
export { renderSafeHTML } from './safe-html.js';

const FENCE = /^( {0,3})(`{3,}|~{3,})\s*([^`\s]*)?.*$/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?/;
const LIST_ITEM = /^( *)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*)|[ \t]*$)/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;

/** Renders `text` (Markdown) into a DocumentFragment of safe DOM nodes. */
export function renderMarkdown(text) {
  const fragment = document.createDocumentFragment();
  const source = String(text ?? '').replace(/\r\n?/g, '\n').replace(/\t/g, '    ');
  for (const node of parseBlocks(source.split('\n'))) fragment.append(node);
  return fragment;
}

function indentOf(line) {
  return line.length - line.trimStart().length;
}

function blank(line) {
  return line.trim() === '';
}

/** Whether `line` starts a block other than a paragraph (ends a paragraph without a blank line). */
function startsBlock(line) {
  return FENCE.test(line) || ATX.test(line) || RULE.test(line) || QUOTE.test(line) || LIST_ITEM.test(line) || IFRAME_LINE.test(line);
}

let blockDepth = 0;

function parseBlocks(lines) {
  if (blockDepth >= MAX_NESTING_DEPTH) return [h('p', {}, lines.join('\n'))];
  blockDepth += 1;
  try {
    return parseBlocksAt(lines);
  } finally {
    blockDepth -= 1;
  }
}

function parseBlocksAt(lines) {
  const nodes = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (blank(line)) {
      i += 1;
      continue;
    }
    let match;
    if ((match = FENCE.exec(line))) {
      const [, indent, fence, info] = match;
      if (fence[0] === '`' && line.slice(indent.length + fence.length).includes('`')) {
        // "```code```" on one line is inline code, not a fence.
      } else {
        const body = [];
        i += 1;
        while (i < lines.length) {
          const closing = lines[i].trim();
          if (closing.startsWith(fence[0]) && /^(`+|~+)$/.test(closing) && closing.length >= fence.length) {
            i += 1;
            break;
          }
          body.push(lines[i].slice(Math.min(indent.length, indentOf(lines[i]))));
          i += 1;
        }
        const code = h('code', info ? { class: `language-${info}` } : {}, body.join('\n'));
        nodes.push(h('pre', {}, code));
        continue;
      }
    }
    if ((match = IFRAME_LINE.exec(line))) {
      nodes.push(embedBlock(match[1] ?? match[2]));
      i += 1;
      continue;
    }
    if ((match = ATX.exec(line))) {
      nodes.push(h(`h${match[1].length}`, {}, parseInline(match[2] || '')));
      i += 1;
      continue;
    }
    if (RULE.test(line)) {
      nodes.push(h('hr'));
      i += 1;
      continue;
    }
    if (QUOTE.test(line)) {
      const body = [];
      while (i < lines.length && !blank(lines[i])) {
        if (QUOTE.test(lines[i])) body.push(lines[i].replace(QUOTE, ''));
        else if (startsBlock(lines[i])) break;
        else body.push(lines[i]); // lazy continuation of the quoted paragraph
        i += 1;
      }
      nodes.push(h('blockquote', {}, parseBlocks(body)));
      continue;
    }
    if (LIST_ITEM.test(line)) {
      const [list, next] = parseList(lines, i);
      nodes.push(list);
      i = next;
      continue;
    }
    if (line.includes('|') && i + 1 < lines.length && TABLE_DELIMITER.test(lines[i + 1]) && lines[i + 1].includes('-')) {
      const header = splitRow(line);
      const aligns = columnAlignments(lines[i + 1]);
      if (header.length === aligns.length && (lines[i + 1].includes('|') || header.length > 1)) {
        i += 2;
        const rows = [];
        while (i < lines.length && !blank(lines[i]) && !startsBlock(lines[i])) {
          rows.push(splitRow(lines[i]));
          i += 1;
        }
        nodes.push(tableElement(header, aligns, rows));
        continue;
      }
    }
    // A paragraph: lines up to a blank line or the start of another block.
    const body = [line];
    i += 1;
    let heading = 0;
    while (i < lines.length && !blank(lines[i])) {
      const setext = SETEXT.exec(lines[i]);
      if (setext) {
        heading = setext[1][0] === '=' ? 1 : 2;
        i += 1;
        break;
      }
      if (startsBlock(lines[i])) break;
      if (lines[i].includes('|') && i + 1 < lines.length && TABLE_DELIMITER.test(lines[i + 1])) break;
      body.push(lines[i]);
      i += 1;
    }
    const content = parseInline(body.map((part) => part.trimStart()).join('\n').trimEnd(), true);
    nodes.push(heading ? h(`h${heading}`, {}, content) : h('p', {}, content));
  }
  return nodes;
}

/** Parses the list starting at `lines[start]`; returns [element, index after the list]. */
function parseList(lines, start) {
  const first = LIST_ITEM.exec(lines[start]);
  const baseIndent = first[1].length;
  const ordered = /\d/.test(first[2]);
  const delimiter = first[2].slice(-1);
  const list = h(ordered ? 'ol' : 'ul');
  if (ordered) {
    const number = parseInt(first[2], 10);
    if (number !== 1) list.setAttribute('start', String(number));
  }
  const items = [];
  let loose = false;
  let i = start;
  while (i < lines.length) {
    const match = LIST_ITEM.exec(lines[i]);
    if (!match || match[1].length > baseIndent + 3 || match[1].length < baseIndent) break;
    const sameKind = /\d/.test(match[2]) === ordered && match[2].slice(-1) === delimiter;
    if (!sameKind) break;
    const contentIndent = match[1].length + match[2].length + 1;
    const body = [match[3] || ''];
    i += 1;
    while (i < lines.length) {
      const line = lines[i];
      if (blank(line)) {
        // A blank line continues the item when more of it (indented) or another item follows.
        let next = i + 1;
        while (next < lines.length && blank(lines[next])) next += 1;
        if (next >= lines.length) break;
        if (indentOf(lines[next]) > baseIndent) {
          body.push('');
          loose = true;
          i += 1;
          continue;
        }
        const sibling = LIST_ITEM.exec(lines[next]);
        if (sibling && sibling[1].length >= baseIndent && /\d/.test(sibling[2]) === ordered && sibling[2].slice(-1) === delimiter) {
          loose = true;
        }
        break;
      }
      const indent = indentOf(line);
      if (indent > baseIndent) {
        body.push(line.slice(Math.min(indent, contentIndent)));
        i += 1;
        continue;
      }
      if (startsBlock(line)) break;
      body.push(line); // lazy paragraph continuation
      i += 1;
    }
    while (i < lines.length && blank(lines[i])) {
      // Skip the blank lines between two items of this list.
      let next = i;
      while (next < lines.length && blank(lines[next])) next += 1;
      const sibling = next < lines.length ? LIST_ITEM.exec(lines[next]) : null;
      if (sibling && sibling[1].length >= baseIndent && sibling[1].length <= baseIndent + 3) i = next;
      else break;
    }
    items.push(body);
  }
  for (const body of items) {
    const item = h('li');
    let lines0 = body;
    const task = /^\[([ xX])\][ \t]+/.exec(lines0[0]);
    if (task) {
      item.classList.add('task-list-item');
      item.append(h('input', { type: 'checkbox', disabled: true, checked: task[1] !== ' ', 'aria-label': task[1] !== ' ' ? 'done' : 'not done' }), ' ');
      lines0 = [lines0[0].slice(task[0].length), ...lines0.slice(1)];
    }
    const blocks = parseBlocks(lines0);
    for (const block of blocks) {
      if (!loose && block.tagName === 'P') item.append(...block.childNodes);
      else item.append(block);
    }
    list.append(item);
  }
  return [list, i];
}
