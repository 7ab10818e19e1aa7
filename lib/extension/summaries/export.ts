/**
 * Sharing the reader's summaries: a zip of Markdown files exactly in the `summaries/` format (a
 * colleague imports it as a pack; an organisation builds an edition from the folder with
 * `TAKEAWAY_SUMMARIES=<folder> npm run build`), or one JSON Lines file.
 */
import { strToU8, zipSync } from 'fflate';
import type { Summary } from '../../shared/summaries/schema';
import { toJsonLine, toMarkdown, uniqueFileNames } from '../../shared/summaries/write';

/** Folder inside the zip, as in the repository: unzip it and point the build at it. */
export const EXPORT_FOLDER = 'summaries';

export function markdownZip(summaries: readonly Summary[], mtime = new Date()): Uint8Array {
  const names = uniqueFileNames(summaries);
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {};
  summaries.forEach((s, i) => {
    files[`${EXPORT_FOLDER}/${names[i] as string}`] = [strToU8(toMarkdown(s)), { mtime }];
  });
  return zipSync(files, { level: 6 });
}

export function jsonLines(summaries: readonly Summary[]): string {
  return summaries.map((s) => `${toJsonLine(s)}\n`).join('');
}
