// Turns a link-preview card into its PNG, at build time. resvg (@resvg/resvg-wasm): a Rust SVG
// renderer compiled to WebAssembly, so it needs no system library and no native binary for the
// platform, runs on every Node line the lab supports, and draws text only from the fonts it is
// given (Inter, from @expo-google-fonts/inter's TTF files), so an image looks the same on every
// machine. Images are kept in node_modules/.cache/ by their digest (link-preview.ts): a build
// draws only the images whose recordings or drawing code changed.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import type { LinkPreview } from './link-preview.ts';
import { previewSvg } from './preview-svg.ts';

// Astro bundles this file: modules are found from the project root, where builds run.
const require = createRequire(join(process.cwd(), 'package.json'));
const CACHE_DIR = join(process.cwd(), 'node_modules/.cache/keep-alive-lab/previews');
const FONTS = ['400Regular/Inter_400Regular.ttf', '500Medium/Inter_500Medium.ttf', '700Bold/Inter_700Bold.ttf'];

let ready: Promise<Uint8Array[]> | undefined;

function renderer(): Promise<Uint8Array[]> {
  ready ??= initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm'))).then(() =>
    FONTS.map((font) => new Uint8Array(readFileSync(join(require.resolve('@expo-google-fonts/inter/package.json'), '..', font)))),
  );
  return ready;
}

export async function renderPreviewSvg(svg: string): Promise<Uint8Array> {
  const fontBuffers = await renderer();
  const resvg = new Resvg(svg, { font: { fontBuffers, defaultFontFamily: 'Inter', sansSerifFamily: 'Inter' } });
  try {
    return resvg.render().asPng();
  } finally {
    resvg.free();
  }
}

export interface PreviewImage {
  png: Uint8Array;
  /** False when the image came from the cache. */
  drawn: boolean;
}

export async function previewImage({ card, digest }: Pick<LinkPreview, 'card' | 'digest'>, cacheDir = CACHE_DIR): Promise<PreviewImage> {
  const cached = join(cacheDir, `${digest}.png`);
  if (existsSync(cached)) return { png: readFileSync(cached), drawn: false };
  const png = await renderPreviewSvg(previewSvg(card));
  mkdirSync(cacheDir, { recursive: true });
  // Written aside and renamed, so a build stopped halfway leaves no torn image to reuse.
  writeFileSync(`${cached}.${process.pid}`, png);
  renameSync(`${cached}.${process.pid}`, cached);
  return { png, drawn: true };
}
