// Renders content that is HTML rather than Markdown (e.g. a Swarms Text component in Html style)
// without ever inserting it raw: only an allow-list of harmless elements is rebuilt.

import { h } from './dom.js';
import { safeURL, safeLink } from './safe-url.js';

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
        element = safeLink(node.getAttribute('href') || '', [], node.getAttribute('title'));
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
