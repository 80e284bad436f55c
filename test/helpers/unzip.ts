// Reads a zip as lessonZip (src/download/lesson-zip.ts) writes it: stored entries, no compression.
import assert from 'node:assert/strict';

/** Reads the stored entries of a zip (what lessonZip writes), checking each one's size fields. */
export function unzip(bytes: Uint8Array): Map<string, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = new Map<string, string>();
  let at = 0;
  while (view.getUint32(at, true) === 0x04034b50) {
    const size = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 30, at + 30 + nameLength));
    entries.set(name, new TextDecoder().decode(bytes.subarray(at + 30 + nameLength, at + 30 + nameLength + size)));
    at += 30 + nameLength + size;
  }
  assert.equal(view.getUint32(bytes.length - 22, true), 0x06054b50, 'ends with a central directory');
  assert.equal(view.getUint16(bytes.length - 22 + 10, true), entries.size);
  return entries;
}
