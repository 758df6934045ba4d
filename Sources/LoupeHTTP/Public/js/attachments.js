// Shows one task attachment — an image, a text, a web page, a PDF, an audio or a video. (The
// helpers the editors share, such as reading a task's attachment, are in editors/common.js.)
//
// An attachment is {type: "image"|"text"|"website"|"pdf"|"audio"|"video", content|url} (Scale's
// comparison attachment objects are {type, content}); a bare string is a URL whose type is guessed
// from its extension. Scale tasks name the same thing `attachment` + `attachment_type`.

import { h } from './dom.js';
import { safeURL } from './safe-url.js';
import { session } from './api.js';

export const ATTACHMENT_TYPES = ['image', 'text', 'website', 'pdf', 'audio', 'video'];

const EXTENSIONS = {
  image: ['png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'svg', 'avif', 'tif', 'tiff', 'ico'],
  audio: ['mp3', 'wav', 'ogg', 'oga', 'm4a', 'aac', 'flac', 'opus', 'weba'],
  video: ['mp4', 'webm', 'ogv', 'mov', 'm4v', 'mkv'],
  pdf: ['pdf'],
  text: ['txt', 'csv', 'tsv', 'md', 'log'],
};

/** Whether `value` looks like a URL (absolute, root-relative, or a data/blob URL). */
function looksLikeURL(value) {
  return /^(?:https?:\/\/|data:|blob:|\/(?!\/)|\.\.?\/)/i.test(String(value).trim());
}

/** The attachment type `url` probably has, from a data URL's media type or the path's extension. */
export function guessType(url) {
  const value = String(url ?? '').trim();
  const data = /^data:([a-z]+)\/([a-z0-9.+-]+)/i.exec(value);
  if (data) {
    const [, major, minor] = data.map((part) => part && part.toLowerCase());
    if (major === 'image' || major === 'audio' || major === 'video') return major;
    if (minor === 'pdf') return 'pdf';
    return 'text';
  }
  if (!looksLikeURL(value)) return 'text';
  let path = value;
  try {
    path = new URL(value, document.baseURI).pathname;
  } catch {
    // keep the raw value
  }
  const extension = (/\.([a-z0-9]+)$/i.exec(path) || [])[1];
  if (extension) {
    const lower = extension.toLowerCase();
    for (const [type, list] of Object.entries(EXTENSIONS)) if (list.includes(lower)) return type;
  }
  return 'website';
}

/** {type, content} for an attachment object or a bare string (`fallbackType` for strings). */
export function normalizeAttachment(attachment, fallbackType) {
  if (attachment === null || attachment === undefined) return null;
  if (typeof attachment === 'string') {
    const type = ATTACHMENT_TYPES.includes(fallbackType) ? fallbackType : guessType(attachment);
    return { type, content: attachment };
  }
  if (typeof attachment !== 'object') return { type: 'text', content: String(attachment) };
  const content = attachment.content ?? attachment.url ?? attachment.attachment ?? attachment.text ?? attachment.src ?? '';
  let type = String(attachment.type ?? attachment.attachment_type ?? fallbackType ?? '').toLowerCase();
  if (!ATTACHMENT_TYPES.includes(type)) type = guessType(content);
  return { type, content: String(content), name: attachment.name || attachment.label || attachment.title || null, alt: attachment.alt || null };
}

function fileName(url) {
  try {
    const parsed = new URL(url, document.baseURI);
    const last = decodeURIComponent(parsed.pathname.split('/').filter(Boolean).pop() || '');
    return last || parsed.hostname || url;
  } catch {
    return url;
  }
}

let shownTaskID = null;
let pdfBlobs = [];

/** Names the task whose attachments are shown next (PDFs are fetched through it); frees the last one's PDFs. */
export function showingTask(taskID) {
  for (const blob of pdfBlobs) URL.revokeObjectURL(blob);
  pdfBlobs = [];
  shownTaskID = taskID || null;
}

/**
 * A PDF. Browsers show PDFs only in frames that are not sandboxed, so the attachment's own URL is
 * never framed (it could serve a page with scripts, or lead to Loupe's own origin): the server
 * fetches it for the shown task (checking the URL is the task's and the host is allowed), the bytes
 * must start with %PDF-, and the frame shows them as an application/pdf blob.
 */
function renderPDF(url, title, content) {
  const frame = h('iframe', { title, referrerpolicy: 'no-referrer', 'data-testid': 'pdf-frame' });
  const note = h('p', { class: 'attachment-links' }, openLink(url, 'Open the PDF in a new tab'));
  const box = h('div', { class: 'attachment attachment-pdf', 'aria-busy': 'true' }, frame, note);
  pdfBytes(url, String(content)).then((bytes) => {
    const head = String.fromCharCode(...bytes.slice(0, 5));
    if (head !== '%PDF-') throw new Error('the file is not a PDF');
    const blob = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
    pdfBlobs.push(blob);
    frame.src = blob;
  }).catch((error) => {
    frame.remove();
    box.classList.add('attachment-failed');
    note.prepend(`The PDF could not be shown (${error.message}). `);
  }).finally(() => box.removeAttribute('aria-busy'));
  return box;
}

async function pdfBytes(url, content) {
  const inline = /^data:application\/pdf;base64,(.*)$/i.exec(content.trim());
  if (inline) return Uint8Array.from(atob(inline[1]), (char) => char.charCodeAt(0));
  if (!shownTaskID) throw new Error('no task to fetch it through');
  const headers = {};
  const current = session();
  if (current) headers.Authorization = `Bearer ${current.token}`;
  const response = await fetch(`/api/v1/tasks/${encodeURIComponent(shownTaskID)}/pdf?url=${encodeURIComponent(content.trim())}`, { headers });
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new Error(body?.error?.message || `${response.status} ${response.statusText}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

function openLink(url, text) {
  return h('a', { class: 'attachment-open', href: url, target: '_blank', rel: 'noopener noreferrer' }, text);
}

function unavailable(type, content) {
  return h(
    'div',
    { class: 'attachment attachment-invalid', role: 'note' },
    `This ${type} attachment cannot be shown: its address is missing or not allowed.`,
    content ? h('code', {}, String(content).slice(0, 200)) : null,
  );
}

/**
 * An element showing `attachment` ({type, content|url}, Scale's {attachment_type, attachment}, or a
 * bare URL string). `label` names it for assistive technology ("Attachment A").
 */
export function renderAttachment(attachment, { label = null, fallbackType = null } = {}) {
  const item = normalizeAttachment(attachment, fallbackType);
  if (!item) return unavailable('', '');
  const { type, content } = item;
  const name = label || item.name || null;

  if (type === 'text') {
    return h(
      'div',
      { class: 'attachment attachment-text', role: 'document', 'aria-label': name || 'Text attachment', tabindex: '0' },
      h('pre', {}, content),
    );
  }

  const url = safeURL(content, type);
  if (!url) return unavailable(type, content);

  if (type === 'image') {
    const alt = item.alt || (name ? `${name}: ${fileName(content)}` : `Image ${fileName(content)}`);
    const img = h('img', { src: url, alt, loading: 'eager', decoding: 'async' });
    const figure = h('figure', { class: 'attachment attachment-image' }, img);
    img.addEventListener('error', () => {
      figure.classList.add('attachment-failed');
      figure.append(h('figcaption', {}, 'The image could not be loaded. ', openLink(url, 'Open it in a new tab')));
    }, { once: true });
    return figure;
  }

  if (type === 'audio' || type === 'video') {
    const media = h(type, { src: url, controls: true, preload: 'metadata', 'aria-label': name || `${type === 'audio' ? 'Audio' : 'Video'} ${fileName(content)}` });
    media.append(h('p', {}, `Your browser cannot play this ${type}. `, openLink(url, 'Download it')));
    return h('div', { class: `attachment attachment-${type}` }, media);
  }

  if (type === 'pdf') return renderPDF(url, name || `PDF ${fileName(content)}`, content);

  // A website: sandboxed with scripts (most pages need them) and popups (links that open a new
  // tab), but no top navigation, forms, downloads or modals, and never allow-same-origin: with
  // scripts, it would let a page that is (or redirects to) Loupe's own origin lift its sandbox and
  // read this application's session. Pages that need their own storage open in a new tab instead.
  const sandbox = 'allow-scripts allow-popups allow-popups-to-escape-sandbox';
  const frame = h('iframe', { src: url, sandbox, title: name || `Web page ${url}`, referrerpolicy: 'no-referrer', loading: 'eager' });
  return h(
    'div',
    { class: 'attachment attachment-website' },
    frame,
    h('p', { class: 'attachment-links' }, 'Page not showing? Some sites refuse to be framed: ', openLink(url, 'open it in a new tab')),
  );
}
