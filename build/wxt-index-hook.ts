import { basename, resolve } from 'node:path';
import type { ResolvedPublicFile, Wxt } from 'wxt';
import { formatIssue } from '../lib/shared/summaries/validate';
import { buildIndexDir } from './summaries-fs';

/**
 * WXT `build:publicAssets` hook: compiles the edition's summaries (`TAKEAWAY_SUMMARIES`, else
 * `summaries/`) and ships every file of the index under `index/` in the extension. Any error in the
 * summaries fails the build, so a bad edition never ships.
 */
export async function bundledIndexAssets(wxt: Wxt, files: ResolvedPublicFile[]): Promise<void> {
  const root = wxt.config.root;
  const src = resolve(root, process.env.TAKEAWAY_SUMMARIES ?? 'summaries');
  const edition =
    process.env.TAKEAWAY_EDITION ??
    (process.env.TAKEAWAY_SUMMARIES ? basename(src) : 'Takeaway default edition');
  const out = resolve(wxt.config.wxtDir, 'index-build', wxt.config.browser);
  const built = await buildIndexDir(src, out, edition, {
    report: (i) =>
      i.severity === 'error' ? wxt.logger.error(formatIssue(i)) : wxt.logger.warn(formatIssue(i)),
  });
  if (!built.ok) {
    const n = built.issues.filter((i) => i.severity === 'error').length;
    throw new Error(`${n} error(s) in the summaries of ${src}; nothing was built`);
  }
  wxt.logger.info(
    `Summary index: ${built.count} summaries from ${src}, ${built.bytes} bytes in ${built.files} files`,
  );
  for (const f of built.paths) files.push({ absoluteSrc: resolve(out, f), relativeDest: `index/${f}` });
}
