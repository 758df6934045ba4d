// Inline Markdown: backslash escapes, `code`, *em*/_em_, **strong**/__strong__, ~~strike~~,
// [links](url "title"), ![images](url), <autolinks> and bare http(s) URLs. Raw HTML is shown as text.

import { h } from './dom.js';
import { safeURL, safeLink } from './safe-url.js';
import { PUNCTUATION, parseLink } from './markdown-links.js';

/**
 * How deep blocks (lists in lists) and inline spans (emphasis in emphasis) may nest; deeper
 * content is shown as plain text, so hostile input cannot exhaust the stack.
 */
export const MAX_NESTING_DEPTH = 24;
let inlineDepth = 0;

const BARE_URL = /^(?:https?:\/\/|www\.)[^\s<]*[^\s<?!.,:*_~'")\]]/i;

/** Parses inline Markdown into an array of nodes. `breaks` turns newlines into soft/hard breaks. */
export function parseInline(text, breaks = false) {
  if (inlineDepth >= MAX_NESTING_DEPTH) return [document.createTextNode(text)];
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
        nodes.push(safeLink(link.destination, parseInline(link.label, breaks), link.title));
        i = link.end;
        continue;
      }
    }

    if (char === '<') {
      const auto = /^<((?:https?|mailto):[^\s<>]*|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)>/i.exec(rest);
      if (auto) {
        flush();
        const target = auto[1].includes(':') ? auto[1] : `mailto:${auto[1]}`;
        nodes.push(safeLink(target, [auto[1]]));
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
        nodes.push(safeLink(url.toLowerCase().startsWith('www.') ? `https://${url}` : url, [url]));
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

/** The text a node list would show, for image alt text. */
function plainText(label) {
  const span = h('span', {}, parseInline(label));
  return span.textContent;
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
