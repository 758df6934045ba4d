// A small, safe Markdown renderer: it builds DOM nodes and never parses untrusted text as HTML.
//
// Blocks: ATX and setext headings, paragraphs (hard breaks with two trailing spaces or a backslash),
// fenced code (``` or ~~~), blockquotes, ordered/unordered lists nested by indentation (with
// "- [ ]" task items), horizontal rules and GitHub-style tables with column alignment.
// Inline: backslash escapes, `code`, *em*/_em_, **strong**/__strong__, ~~strike~~, [links](url "title"),
// ![images](url), <autolinks> and bare http(s) URLs. Raw HTML is shown as text.
// Links keep only http, https and mailto targets (relative ones resolve to this server) and open in
// a new tab with rel="noopener noreferrer"; images keep http, https, data:image and relative sources.

import { h } from './dom.js';

const LINK_PROTOCOLS = ['http:', 'https:', 'mailto:'];
const MEDIA_PROTOCOLS = ['http:', 'https:', 'blob:'];

/**
 * The URL to use for `raw` as a link (`kind` "link") or as the source of an image, audio, video,
 * pdf or website (`kind` "image" | "audio" | "video" | "pdf" | "website"), or null when it is not
 * safe. Relative URLs resolve against the page. Data URLs are kept only for their own media type.
 */
export function safeURL(raw, kind = 'link') {
  if (typeof raw !== 'string') return null;
  const value = raw.trim();
  if (!value) return null;
  if (/^data:/i.test(value)) {
    const allowed = { image: /^data:image\//i, audio: /^data:audio\//i, video: /^data:video\//i, pdf: /^data:application\/pdf[;,]/i };
    return allowed[kind] && allowed[kind].test(value) ? value : null;
  }
  let url;
  try {
    url = new URL(value, document.baseURI);
  } catch {
    return null;
  }
  const protocols = kind === 'link' ? LINK_PROTOCOLS : kind === 'website' ? ['http:', 'https:'] : MEDIA_PROTOCOLS;
  return protocols.includes(url.protocol) ? url.href : null;
}

// ---------------------------------------------------------------------------------------------
// Blocks

const FENCE = /^( {0,3})(`{3,}|~{3,})\s*([^`\s]*)?.*$/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?/;
const LIST_ITEM = /^( *)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*)|[ \t]*$)/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const TABLE_DELIMITER = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

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
  return FENCE.test(line) || ATX.test(line) || RULE.test(line) || QUOTE.test(line) || LIST_ITEM.test(line);
}

// Nesting (lists in lists, emphasis in emphasis) deeper than this is shown as plain text, so
// hostile input cannot exhaust the stack.
const MAX_DEPTH = 24;
let blockDepth = 0;
let inlineDepth = 0;

function parseBlocks(lines) {
  if (blockDepth >= MAX_DEPTH) return [h('p', {}, lines.join('\n'))];
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
      const aligns = splitRow(lines[i + 1]).map((cell) => {
        const left = cell.startsWith(':');
        const right = cell.endsWith(':');
        return left && right ? 'center' : right ? 'right' : left ? 'left' : '';
      });
      if (header.length === aligns.length && (lines[i + 1].includes('|') || header.length > 1)) {
        i += 2;
        const rows = [];
        while (i < lines.length && !blank(lines[i]) && !startsBlock(lines[i])) {
          rows.push(splitRow(lines[i]));
          i += 1;
        }
        nodes.push(table(header, aligns, rows));
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

/** The cells of a table row, split on unescaped pipes outside code spans. */
function splitRow(line) {
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

function table(header, aligns, rows) {
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

// ---------------------------------------------------------------------------------------------
// Inline

const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/;
const BARE_URL = /^(?:https?:\/\/|www\.)[^\s<]*[^\s<?!.,:*_~'")\]]/i;

/** Parses inline Markdown into an array of nodes. `breaks` turns newlines into soft/hard breaks. */
function parseInline(text, breaks = false) {
  if (inlineDepth >= MAX_DEPTH) return [document.createTextNode(text)];
  inlineDepth += 1;
  try {
    return parseInlineAt(text, breaks);
  } finally {
    inlineDepth -= 1;
  }
}

function parseInlineAt(text, breaks) {
  const nodes = [];
  let buffer = '';
  const flush = () => {
    if (buffer) nodes.push(document.createTextNode(buffer));
    buffer = '';
  };
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    const rest = text.slice(i);

    if (char === '\\' && i + 1 < text.length) {
      if (text[i + 1] === '\n' && breaks) {
        flush();
        nodes.push(h('br'));
        i += 2;
        continue;
      }
      if (PUNCTUATION.test(text[i + 1])) {
        buffer += text[i + 1];
        i += 2;
        continue;
      }
    }

    if (char === '\n') {
      if (breaks && / {2,}$/.test(buffer)) {
        buffer = buffer.replace(/ +$/, '');
        flush();
        nodes.push(h('br'));
      } else {
        buffer = buffer.replace(/ +$/, '');
        buffer += '\n';
      }
      i += 1;
      continue;
    }

    if (char === '`') {
      let run = 1;
      while (text[i + run] === '`') run += 1;
      const fence = '`'.repeat(run);
      let close = text.indexOf(fence, i + run);
      while (close !== -1 && text[close + run] === '`') {
        let skip = close;
        while (text[skip] === '`') skip += 1;
        close = text.indexOf(fence, skip);
      }
      if (close !== -1) {
        flush();
        let code = text.slice(i + run, close).replace(/\n/g, ' ');
        if (/^ .*[^ ].* $/.test(code)) code = code.slice(1, -1);
        nodes.push(h('code', {}, code));
        i = close + run;
        continue;
      }
      buffer += fence;
      i += run;
      continue;
    }

    if (char === '!' && text[i + 1] === '[') {
      const link = parseLink(text, i + 1);
      if (link) {
        flush();
        const src = safeURL(link.destination, 'image');
        if (src) {
          nodes.push(h('img', { src, alt: plainText(link.label), title: link.title || null, loading: 'lazy', decoding: 'async' }));
        } else {
          nodes.push(document.createTextNode(plainText(link.label)));
        }
        i = link.end;
        continue;
      }
    }

    if (char === '[') {
      const link = parseLink(text, i);
      if (link) {
        flush();
        nodes.push(anchor(link.destination, parseInline(link.label, breaks), link.title));
        i = link.end;
        continue;
      }
    }

    if (char === '<') {
      const auto = /^<((?:https?|mailto):[^\s<>]*|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)>/i.exec(rest);
      if (auto) {
        flush();
        const target = auto[1].includes(':') ? auto[1] : `mailto:${auto[1]}`;
        nodes.push(anchor(target, [auto[1]]));
        i += auto[0].length;
        continue;
      }
    }

    if ((char === 'h' || char === 'H' || char === 'w' || char === 'W') && !/[\w]/.test(text[i - 1] || '')) {
      const bare = BARE_URL.exec(rest);
      if (bare) {
        let url = bare[0];
        // Keep a closing parenthesis only when the URL opened one.
        while (url.endsWith(')') && (url.match(/\(/g) || []).length < (url.match(/\)/g) || []).length) url = url.slice(0, -1);
        flush();
        nodes.push(anchor(url.toLowerCase().startsWith('www.') ? `https://${url}` : url, [url]));
        i += url.length;
        continue;
      }
    }

    if (char === '*' || char === '_' || char === '~') {
      const emphasis = parseEmphasis(text, i, breaks);
      if (emphasis) {
        flush();
        nodes.push(emphasis.node);
        i = emphasis.end;
        continue;
      }
      let run = 1;
      while (text[i + run] === char) run += 1;
      buffer += char.repeat(run);
      i += run;
      continue;
    }

    buffer += char;
    i += 1;
  }
  flush();
  return nodes;
}

/** A link element for `destination`, or just its content when the target is not allowed. */
function anchor(destination, content, title) {
  const href = safeURL(destination, 'link');
  if (!href) return h('span', { class: 'md-unsafe-link' }, content);
  return h('a', { href, title: title || null, target: '_blank', rel: 'noopener noreferrer' }, content);
}

/** The text a node list would show, for image alt text. */
function plainText(label) {
  const span = h('span', {}, parseInline(label));
  return span.textContent;
}

/** Parses `[label](destination "title")` starting at the `[` at `start`. */
function parseLink(text, start) {
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

/** Parses emphasis, strong emphasis or strikethrough opening at `start`, or returns null. */
function parseEmphasis(text, start, breaks) {
  const char = text[start];
  let run = 1;
  while (text[start + run] === char) run += 1;
  if (char === '~' && run !== 2) return null;
  if (run > 3) return null;
  const after = text[start + run] || '';
  const before = text[start - 1] || '';
  if (!after || /\s/.test(after)) return null; // an opener is followed by a non-space
  if (char === '_' && /[\p{L}\p{N}]/u.test(before)) return null; // snake_case stays text
  // Find the matching closer: the same run, preceded by a non-space, outside code spans.
  for (let i = start + run; i < text.length; i += 1) {
    const current = text[i];
    if (current === '\\') {
      i += 1;
      continue;
    }
    if (current === '`') {
      let ticks = 1;
      while (text[i + ticks] === '`') ticks += 1;
      const close = text.indexOf('`'.repeat(ticks), i + ticks);
      if (close !== -1) i = close + ticks - 1;
      continue;
    }
    if (current === '[') {
      const link = parseLink(text, i);
      if (link) {
        i = link.end - 1;
        continue;
      }
    }
    if (current !== char) continue;
    let closing = 1;
    while (text[i + closing] === char) closing += 1;
    if (closing !== run) {
      i += closing - 1;
      continue;
    }
    const prior = text[i - 1];
    const next = text[i + closing] || '';
    if (/\s/.test(prior)) {
      i += closing - 1;
      continue;
    }
    if (char === '_' && /[\p{L}\p{N}]/u.test(next)) {
      i += closing - 1;
      continue;
    }
    const inner = parseInline(text.slice(start + run, i), breaks);
    let node;
    if (char === '~') node = h('del', {}, inner);
    else if (run === 1) node = h('em', {}, inner);
    else if (run === 2) node = h('strong', {}, inner);
    else node = h('strong', {}, h('em', {}, inner));
    return { node, end: i + closing };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// HTML (for content that is HTML rather than Markdown, e.g. a Swarms Text component in Html style)

const ALLOWED_TAGS = new Set([
  'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'code', 'dd', 'del', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'small',
  'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'u', 'ul',
]);
const DROPPED_WITH_CONTENT = new Set(['script', 'style', 'template', 'iframe', 'object', 'embed', 'noscript', 'svg', 'math', 'head', 'title']);

/**
 * Renders untrusted HTML safely: it is parsed into an inert document (nothing loads or runs) and
 * rebuilt from a list of harmless elements with no attributes but checked href/src, alt, title,
 * colspan/rowspan and text alignment. Anything else keeps only its text.
 */
export function renderSafeHTML(html) {
  const fragment = document.createDocumentFragment();
  const parsed = new DOMParser().parseFromString(String(html ?? ''), 'text/html');
  const copy = (source, target) => {
    for (const node of source.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        target.append(document.createTextNode(node.data));
        continue;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) continue;
      const tag = node.localName;
      if (DROPPED_WITH_CONTENT.has(tag)) continue;
      if (!ALLOWED_TAGS.has(tag)) {
        copy(node, target);
        continue;
      }
      let element;
      if (tag === 'a') {
        element = anchor(node.getAttribute('href') || '', [], node.getAttribute('title'));
      } else if (tag === 'img') {
        const src = safeURL(node.getAttribute('src') || '', 'image');
        if (!src) {
          target.append(document.createTextNode(node.getAttribute('alt') || ''));
          continue;
        }
        element = h('img', { src, alt: node.getAttribute('alt') || '', title: node.getAttribute('title'), loading: 'lazy', decoding: 'async' });
      } else {
        element = document.createElement(tag);
        for (const name of ['title', 'colspan', 'rowspan']) {
          const value = node.getAttribute(name);
          if (value !== null && (name === 'title' || /^\d{1,3}$/.test(value))) element.setAttribute(name, value);
        }
        const align = (node.getAttribute('align') || node.style?.textAlign || '').toLowerCase();
        if (['left', 'right', 'center', 'justify'].includes(align)) element.style.textAlign = align;
      }
      copy(node, element);
      target.append(element);
    }
  };
  copy(parsed.body, fragment);
  return fragment;
}
