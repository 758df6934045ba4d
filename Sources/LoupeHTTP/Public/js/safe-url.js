// Which URLs untrusted content may link to or load, and the links built from them. Links keep
// only http, https and mailto targets (relative ones resolve to this server) and open in a new tab
// with rel="noopener noreferrer"; media sources keep http, https and blob URLs (a website only http
// and https), and data: URLs only of their own media type.

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

/** A link element for `destination`, or just its content when the target is not allowed. */
export function safeLink(destination, content, title) {
  const href = safeURL(destination, 'link');
  if (!href) return h('span', { class: 'md-unsafe-link' }, content);
  return h('a', { href, title: title || null, target: '_blank', rel: 'noopener noreferrer' }, content);
}
