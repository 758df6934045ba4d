// The Swarms components that show something: Text, Image, Audio and Video — with the tracking of
// whether media that must be listened to or watched has been played to the end. Each takes the
// context mount() builds and returns its part ({id, text} for Text; {problem(), destroy()} for media).

import { h, uid } from '../dom.js';
import { renderSafeHTML } from '../safe-html.js';
import { safeURL } from '../safe-url.js';
import { flag } from './components-attributes.js';

/** A Text component in its style (Html is sanitized); returns {id, text} for the control after it. */
export function textComponent({ attributes, section }) {
  const text = String(attributes.text ?? attributes.value ?? '');
  const style = String(attributes.style || 'PlainText');
  const id = uid('component-text');
  let element;
  switch (style) {
    case 'H1':
      element = h('h2', { id, class: 'component-heading' }, text);
      break;
    case 'H2':
      element = h('h3', { id, class: 'component-subheading' }, text);
      break;
    case 'Question':
      element = h('p', { id, class: 'component-question' }, text);
      break;
    case 'Instruction':
      element = h('p', { id, class: 'component-instruction' }, text);
      break;
    case 'Quote':
      element = h('blockquote', { id, class: 'component-quote' }, text);
      break;
    case 'Html':
      element = h('div', { id, class: 'component-html markdown' }, renderSafeHTML(text));
      break;
    default:
      element = h('p', { id, class: 'component-plain' }, text);
  }
  section.append(element);
  return { id, text: element.textContent };
}

/** An Image component: the picture at its `url`, or a note when the address is not usable. */
export function imageComponent({ attributes, section, index }) {
  const src = safeURL(String(attributes.url ?? ''), 'image');
  if (!src) {
    section.append(h('p', { class: 'component-unsupported', role: 'note' }, 'This image has no usable address.'));
    return {};
  }
  const alt = attributes.alt || attributes.label || attributes.description || `Image ${index + 1}`;
  section.append(h('figure', { class: 'component-image' }, h('img', { src, alt, loading: 'eager', decoding: 'async' })));
  return {};
}

/**
 * An Audio or Video component (`kind` "audio" | "video"); with mustListen / mustWatch it is a
 * problem until the media has been played (nearly) to the end.
 */
export function mediaComponent({ attributes, section, index, readOnly, edited }, kind) {
  const src = safeURL(String(attributes.url ?? ''), kind);
  const must = flag(kind === 'audio' ? attributes.mustListen : attributes.mustWatch);
  if (!src) {
    section.append(h('p', { class: 'component-unsupported', role: 'note' }, `This ${kind} has no usable address.`));
    return must && !readOnly ? { problem: () => `The ${kind} (item ${index + 1}) cannot be played.` } : {};
  }
  const muted = kind === 'video' && !flag(attributes.playAudio, true);
  const autoplay = flag(attributes.autoplay) && !readOnly;
  const media = h(kind, {
    src,
    controls: true,
    preload: 'auto',
    loop: flag(attributes.repeat),
    autoplay,
    muted,
    playsinline: kind === 'video',
    'aria-label': `${kind === 'audio' ? 'Audio' : 'Video'} ${index + 1}`,
  });
  if (muted) media.muted = true;
  section.append(media);
  if (!must || readOnly) return { destroy: () => media.pause() };

  let done = false;
  let lastTime = 0;
  const status = h('p', { class: 'component-status', role: 'status' }, kind === 'audio' ? 'Listen to the whole recording before you submit.' : 'Watch the whole video before you submit.');
  section.append(status);
  // Played through: the played ranges cover (nearly) all of it — seeking to the end is not enough.
  const coverage = () => {
    if (!Number.isFinite(media.duration) || media.duration <= 0) return 1;
    let total = 0;
    for (let i = 0; i < media.played.length; i += 1) total += media.played.end(i) - media.played.start(i);
    return total / media.duration;
  };
  const finish = () => {
    if (done || coverage() < 0.9) return;
    done = true;
    status.textContent = kind === 'audio' ? 'Listened to the end.' : 'Watched to the end.';
    status.classList.add('is-done');
    edited();
  };
  media.addEventListener('ended', finish);
  media.addEventListener('timeupdate', () => {
    // With repeat on, "ended" never fires: a jump back from the end is the end of one play.
    const now = media.currentTime;
    if (media.loop && Number.isFinite(media.duration) && lastTime >= media.duration - Math.min(1, media.duration * 0.25) && now < lastTime) finish();
    lastTime = now;
  });
  return {
    problem: () => (done ? null : `${kind === 'audio' ? 'Listen to the audio' : 'Watch the video'} (item ${index + 1}) to the end.`),
    destroy: () => media.pause(),
  };
}
