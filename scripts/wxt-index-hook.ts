import { resolve, basename } from 'node:path';
import type { ResolvedPublicFile, Wxt } from 'wxt';
import { buildIndexDir } from './summaries-fs';

/**
 * WXT `build:publicAssets` hook: compiles the edition's summaries (`TAKEAWAY_SUMMARIES`, else
 * `summaries/`) and ships the index under `index/` in the extension.
 */
export function bundledIndexAssets(wxt: Wxt, files: ResolvedPublicFile[]): void {
  const root = wxt.config.root;
  const src = resolve(root, process.env.TAKEAWAY_SUMMARIES ?? 'summaries');
  const edition =
    process.env.TAKEAWAY_EDITION ??
    (process.env.TAKEAWAY_SUMMARIES ? basename(src) : 'Takeaway default edition');
  const out = resolve(wxt.config.wxtDir, 'index-build', wxt.config.browser);
  const built = buildIndexDir(src, out, edition);
  wxt.logger.info(`Summary index: ${built.count} summaries from ${src}`);
  for (const f of built.files) files.push({ absoluteSrc: resolve(out, f), relativeDest: `index/${f}` });
}
