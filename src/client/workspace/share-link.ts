// "Copy link": the learner's files, deflated and base64url-encoded, in the URL fragment. The
// fragment never reaches a server, so sharing sends nothing anywhere until the learner does.
import type { LessonFile } from '../../schemas/runner-protocol.ts';
import { SHARED_CODE_PREFIX } from '../shared/page-url.ts';

/** Longer links get cut by chat apps and issue trackers; past this, say so instead. */
export const MAX_LINK_CODE_CHARS = 16_000;

async function transform(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const response = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await response.arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

export type ShareLink = { ok: true; url: string; chars: number } | { ok: false; message: string };

export async function shareLink(files: LessonFile[], page: URL): Promise<ShareLink> {
  const packed = Object.fromEntries(files.map((file) => [file.name, file.content]));
  const code = toBase64Url(await transform(new TextEncoder().encode(JSON.stringify(packed)), new CompressionStream('deflate-raw')));
  if (code.length > MAX_LINK_CODE_CHARS) {
    return {
      ok: false,
      message: `Your code is too large for a link: ${Math.ceil(code.length / 1000)} kB compressed, and links stay under ${MAX_LINK_CODE_CHARS / 1000} kB so chat apps do not cut them. Download the lesson instead, or share less code.`,
    };
  }
  return { ok: true, url: `${page.origin}${page.pathname}${SHARED_CODE_PREFIX}${code}`, chars: code.length };
}

/** The files in a share link's fragment, or undefined if there are none (or they are damaged). */
export async function filesFromLink(hash: string): Promise<Record<string, string> | undefined> {
  if (!hash.startsWith(SHARED_CODE_PREFIX)) return undefined;
  try {
    const json = new TextDecoder().decode(await transform(fromBase64Url(hash.slice(SHARED_CODE_PREFIX.length)), new DecompressionStream('deflate-raw')));
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return undefined;
  }
}
