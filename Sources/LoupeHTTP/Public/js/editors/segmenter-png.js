// A small PNG encoder for the segmentation editor's masks: 8-bit greyscale, rows unfiltered, the data
// deflated with fixed Huffman codes and run-length matches at distance 1 (as the server's PNGWriter
// does), so a mask's long runs of 0 or 255 take a few bits each. Also CRC-32, Adler-32 and base64.

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const LENGTH_BASES = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRAS = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];

let crcTable = null;

/** The CRC-32 of `bytes` (as PNG chunks, zip and gzip use it). */
export function crc32(bytes, crc = 0xffffffff) {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n += 1) {
      let c = n;
      for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = crc;
  for (let i = 0; i < bytes.length; i += 1) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The Adler-32 checksum of `bytes` (zlib's trailer). */
export function adler32(bytes) {
  let a = 1;
  let b = 0;
  const chunk = 5552; // the most bytes before the sums must be reduced
  for (let start = 0; start < bytes.length; start += chunk) {
    const end = Math.min(bytes.length, start + chunk);
    for (let i = start; i < end; i += 1) {
      a += bytes[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** Deflate's bit order: values least significant bit first, Huffman codes most significant first. */
function bitWriter(capacity) {
  let bytes = new Uint8Array(Math.max(64, capacity));
  let length = 0;
  let current = 0;
  let filled = 0;
  const push = (byte) => {
    if (length === bytes.length) {
      const grown = new Uint8Array(bytes.length * 2);
      grown.set(bytes);
      bytes = grown;
    }
    bytes[length] = byte;
    length += 1;
  };
  const write = (value, count) => {
    for (let bit = 0; bit < count; bit += 1) {
      current |= ((value >>> bit) & 1) << filled;
      filled += 1;
      if (filled === 8) {
        push(current);
        current = 0;
        filled = 0;
      }
    }
  };
  const code = (value, count) => {
    let reversed = 0;
    for (let bit = 0; bit < count; bit += 1) reversed |= ((value >>> bit) & 1) << (count - 1 - bit);
    write(reversed, count);
  };
  const literal = (symbol) => {
    if (symbol <= 143) code(0x30 + symbol, 8);
    else if (symbol <= 255) code(0x190 + symbol - 144, 9);
    else if (symbol <= 279) code(symbol - 256, 7);
    else code(0xc0 + symbol - 280, 8);
  };
  return {
    write,
    literal,
    match(run) {
      let slot = LENGTH_BASES.length - 1;
      while (LENGTH_BASES[slot] > run) slot -= 1;
      literal(257 + slot);
      write(run - LENGTH_BASES[slot], LENGTH_EXTRAS[slot]);
      write(0, 5); // distance code 0: distance 1, no extra bits
    },
    finish() {
      if (filled > 0) push(current);
      return bytes.subarray(0, length);
    },
  };
}

/** A zlib stream of `data`: one fixed-Huffman block of literals and distance-1 runs, then Adler-32. */
export function zlibRuns(data) {
  const bits = bitWriter(data.length >> 4);
  bits.write(0x78, 8);
  bits.write(0x01, 8);
  bits.write(1, 1); // the final block
  bits.write(1, 2); // fixed Huffman codes
  let index = 0;
  while (index < data.length) {
    let run = 0;
    if (index > 0) {
      const previous = data[index - 1];
      while (index + run < data.length && run < 258 && data[index + run] === previous) run += 1;
    }
    if (run >= 3) {
      bits.match(run);
      index += run;
    } else {
      bits.literal(data[index]);
      index += 1;
    }
  }
  bits.literal(256);
  const body = bits.finish();
  const out = new Uint8Array(body.length + 4);
  out.set(body);
  const sum = adler32(data);
  out.set([sum >>> 24, (sum >>> 16) & 0xff, (sum >>> 8) & 0xff, sum & 0xff], body.length);
  return out;
}

function chunk(type, data) {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i += 1) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * An 8-bit greyscale PNG of `width`×`height`; `row(y, target)` fills `target` (a Uint8Array of
 * `width` bytes) with row `y`'s pixels.
 */
export function encodeGrayPNG(width, height, row) {
  const raw = new Uint8Array((width + 1) * height);
  for (let y = 0; y < height; y += 1) row(y, raw.subarray(y * (width + 1) + 1, (y + 1) * (width + 1))); // filter byte 0: none
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 0, 0, 0, 0], 8); // 8 bits, greyscale, deflate, no filter method, not interlaced
  const parts = [Uint8Array.from(SIGNATURE), chunk('IHDR', header), chunk('IDAT', zlibRuns(raw)), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Base64 text of `bytes`. */
export function toBase64(bytes) {
  let text = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) text += String.fromCharCode.apply(null, bytes.subarray(i, i + step));
  return btoa(text);
}
