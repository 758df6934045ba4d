// Embedded documents in instructions: Scale's form — paste a shared document's
// `<iframe src="…">` tag into the instruction — shown as a sandboxed frame when the document's
// origin is on the server's allow-list (LOUPE_EMBED_ORIGINS), else as a link saying why. Nothing
// else of the tag is kept: only its src, checked.

import { h } from './dom.js';
import { safeURL, safeLink } from './safe-url.js';

/** A line that is one iframe tag (with or without its closing tag). */
export const IFRAME_LINE = /^\s*<iframe\s(?:[^>]*?\s)?src\s*=\s*(?:"([^"]*)"|'([^']*)')[^>]*>(?:\s*<\/iframe>)?\s*$/i;

let allowedOrigins = new Set();

/** Sets the origins (scheme, host and port) whose documents may be embedded. */
export function setEmbedOrigins(origins) {
  allowedOrigins = new Set((origins || []).map((origin) => String(origin).toLowerCase().replace(/\/+$/, '')));
}

/** The block for an iframe tag's `src`: a sandboxed frame for an allowed origin, else a link. */
export function embedBlock(src) {
  const url = safeURL(src, 'website');
  if (!url) return h('p', { class: 'muted', 'data-testid': 'instruction-embed-refused' }, 'An embedded document was left out: its address is not a web address.');
  const origin = new URL(url).origin.toLowerCase();
  if (!allowedOrigins.has(origin)) {
    return h('p', { 'data-testid': 'instruction-embed-refused' },
      safeLink(url, ['Open the embedded document']),
      h('span', { class: 'muted' }, ` — not shown here: ${origin} is not on this server's list of embeddable sites.`));
  }
  // Scripts run inside the frame (documents need them) but it stays apart from this page: a
  // different origin, no top navigation, no forms posted here, no plug-ins.
  return h('iframe', {
    src: url, sandbox: 'allow-scripts allow-same-origin allow-popups', referrerpolicy: 'no-referrer',
    loading: 'lazy', class: 'instruction-embed', title: `Embedded document from ${origin}`, 'data-testid': 'instruction-embed',
  });
}
