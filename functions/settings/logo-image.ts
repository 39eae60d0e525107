import type { LogoType } from './schema.js';

/** What the bytes of an uploaded logo are, read from them rather than from what the uploader said. */
export interface LogoImage {
  type: LogoType;
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Larger than any logo needs; pdfkit would still have to decode it on every render. */
const MAX_SIDE = 4000;

/** The PNG or JPEG these bytes are (type and pixel size), or undefined when they are neither or are cut short. */
export function readLogoImage(bytes: Uint8Array): LogoImage | undefined {
  const image = readPng(bytes) ?? readJpeg(bytes);
  if (!image || image.width < 1 || image.height < 1 || image.width > MAX_SIDE || image.height > MAX_SIDE) {
    return undefined;
  }
  return image;
}

function readPng(b: Uint8Array): LogoImage | undefined {
  if (b.length < 33 || PNG_SIGNATURE.some((byte, i) => b[i] !== byte)) return undefined;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  // The first chunk is IHDR: width and height, then bit depth and colour type.
  if (String.fromCharCode(...b.subarray(12, 16)) !== 'IHDR') return undefined;
  const hasEnd = String.fromCharCode(...b.subarray(b.length - 8, b.length - 4)) === 'IEND';
  if (!hasEnd) return undefined;
  return { type: 'image/png', width: view.getUint32(16), height: view.getUint32(20) };
}

/** Walks a JPEG's marker segments to its frame header (SOFn), which holds the pixel size. */
function readJpeg(b: Uint8Array): LogoImage | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const length = (b[at + 2]! << 8) | b[at + 3]!;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) {
      return { type: 'image/jpeg', height: (b[at + 5]! << 8) | b[at + 6]!, width: (b[at + 7]! << 8) | b[at + 8]! };
    }
    if (length < 2) return undefined;
    at += 2 + length;
  }
  return undefined;
}
