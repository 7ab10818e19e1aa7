import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { ResolvedPublicFile, Wxt } from 'wxt';
import { formatIssue } from '../lib/shared/summaries/validate';
import { buildIndexDir, type BuildDirResult } from './summaries-fs';

/**
 * WXT `build:publicAssets` hook: compiles the edition's summaries (`TAKEAWAY_SUMMARIES`, else
 * `summaries/`) and ships every file of the index under `index/` in the extension. Any error in the
 * summaries fails the build, so a bad edition never ships.
 */
export async function bundledIndexAssets(wxt: Wxt, files: ResolvedPublicFile[]): Promise<void> {
  const { src, out, built } = await bundledIndex(wxt.config.root, wxt.config.browser);
  for (const i of built.issues)
    if (i.severity === 'error') wxt.logger.error(formatIssue(i));
    else wxt.logger.warn(formatIssue(i));
  if (!built.ok) {
    const n = built.issues.filter((i) => i.severity === 'error').length;
    throw new Error(`${n} error(s) in the summaries of ${src}; nothing was built`);
  }
  wxt.logger.info(
    `Summary index: ${built.count} summaries from ${src}, ${built.bytes} bytes in ${built.files} files`,
  );
  for (const f of built.paths) files.push({ absoluteSrc: resolve(out, f), relativeDest: `index/${f}` });
}

const builds = new Map<string, Promise<{ src: string; out: string; built: BuildDirResult }>>();

/**
 * The edition's index, built once per build and browser: the hook above ships its files, and the
 * config (`bundledManifestDefine`) puts its manifest into the worker's code, so the two always agree.
 */
export function bundledIndex(
  root: string,
  browser: string,
): Promise<{ src: string; out: string; built: BuildDirResult }> {
  const src = resolve(root, process.env.TAKEAWAY_SUMMARIES ?? 'summaries');
  const edition =
    process.env.TAKEAWAY_EDITION ??
    (process.env.TAKEAWAY_SUMMARIES ? basename(src) : 'Takeaway default edition');
  const out = resolve(root, '.wxt', 'index-build', browser);
  const key = JSON.stringify([src, out, edition]);
  let p = builds.get(key);
  if (!p) {
    p = buildIndexDir(src, out, edition).then((built) => ({ src, out, built }));
    builds.set(key, p);
  }
  return p;
}

/**
 * Vite `define` for the worker: the index manifest as text, so that a worker that wakes answers its
 * first lookup one file read sooner (lib/extension/index/packaged.ts). Nothing when the build
 * failed: the hook then stops the build with the summaries' errors.
 */
export async function bundledManifestDefine(root: string, browser: string): Promise<Record<string, string>> {
  const { out, built } = await bundledIndex(root, browser);
  if (!built.ok) return {};
  const text = readFileSync(resolve(out, 'manifest.json'), 'utf8');
  return { 'import.meta.env.TAKEAWAY_INDEX_MANIFEST': JSON.stringify(text) };
}
