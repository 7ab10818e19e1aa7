/**
 * Reading a summary pack the reader chose: JSON Lines, a single Markdown file, or a zip of
 * Markdown and JSON Lines files. Pure (no database), so it runs the same in the review page and in
 * tests; everything is validated with the edition's own rules before anything is stored.
 */
import { unzipSync } from 'fflate';
import {
  collectSummaries,
  SUMMARY_FILE_RE,
  type Collected,
  type SourceFile,
} from '../../shared/summaries/collect';
import type { Issue } from '../../shared/summaries/validate';

/** Largest pack file accepted, and the most its zip may expand to (a zip bomb stops here). */
export const MAX_PACK_BYTES = 64 * 1024 * 1024;
export const MAX_UNZIPPED_BYTES = 256 * 1024 * 1024;
export const MAX_PACK_SUMMARIES = 200_000;

export interface PackFile {
  /** The file name as chosen by the reader. */
  name: string;
  bytes: Uint8Array;
}

export interface PreparedPack extends Collected {
  /** A name for the list: the file name without its extension. */
  name: string;
  /** Where it came from: the publisher named in the summaries (when they agree) and the file name. */
  source: string;
}

function fail(path: string, message: string): PreparedPack {
  return {
    name: path,
    source: path,
    summaries: [],
    keys: [],
    origins: [],
    issues: [{ severity: 'error', path, line: 1, message }],
    ok: false,
  };
}

function decode(bytes: Uint8Array, path: string): string | Issue {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { severity: 'error', path, line: 1, message: 'not UTF-8 text' };
  }
}

/** The file name without its extension; never "bundled", the origin name of the built-in index. */
function packName(fileName: string): string {
  const name = fileName.replace(/\.(zip|jsonl|md|markdown)$/i, '') || fileName;
  return name.toLowerCase() === 'bundled' ? `${name} (pack)` : name;
}

/** Unpack and validate a pack file. `ok` is false when any summary has an error; nothing is partial. */
export function preparePack(file: PackFile): PreparedPack {
  const fileName = file.name.split(/[/\\]/).pop() || 'pack';
  if (file.bytes.byteLength > MAX_PACK_BYTES)
    return fail(fileName, `the file is larger than ${MAX_PACK_BYTES / 1024 / 1024} MB`);
  const sources: SourceFile[] = [];
  const issues: Issue[] = [];
  if (/\.zip$/i.test(fileName)) {
    let unzipped: Record<string, Uint8Array>;
    let expanded = 0;
    try {
      unzipped = unzipSync(file.bytes, {
        filter: (f) => {
          if (f.name.endsWith('/') || /(^|\/)(__MACOSX|\.)/.test(f.name) || !SUMMARY_FILE_RE.test(f.name))
            return false;
          expanded += f.originalSize;
          if (expanded > MAX_UNZIPPED_BYTES)
            throw new Error(`expands to more than ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB`);
          return true;
        },
      });
    } catch (e) {
      return fail(fileName, `not a readable zip file: ${e instanceof Error ? e.message : String(e)}`);
    }
    for (const name of Object.keys(unzipped).sort()) {
      if (/^readme\.md$/i.test(name.split('/').pop() ?? '')) continue;
      const text = decode(unzipped[name] as Uint8Array, `${fileName}/${name}`);
      if (typeof text === 'string') sources.push({ path: `${fileName}/${name}`, text });
      else issues.push(text);
    }
    if (sources.length === 0 && issues.length === 0)
      return fail(fileName, 'the zip holds no summary files (.md or .jsonl)');
  } else if (SUMMARY_FILE_RE.test(fileName)) {
    const text = decode(file.bytes, fileName);
    if (typeof text === 'string') sources.push({ path: fileName, text });
    else issues.push(text);
  } else {
    return fail(fileName, 'choose a .jsonl file, a Markdown summary (.md) or a .zip of them');
  }
  const collected = collectSummaries(sources);
  const all = [...issues, ...collected.issues];
  if (collected.summaries.length > MAX_PACK_SUMMARIES)
    all.push({
      severity: 'error',
      path: fileName,
      line: 1,
      message: `${collected.summaries.length} summaries; a pack holds at most ${MAX_PACK_SUMMARIES}`,
    });
  if (collected.summaries.length === 0 && !all.some((i) => i.severity === 'error'))
    all.push({ severity: 'error', path: fileName, line: 1, message: 'the pack holds no summaries' });
  const publishers = new Set(collected.summaries.map((s) => s.source?.name).filter(Boolean));
  const publisher = publishers.size === 1 ? [...publishers][0] : undefined;
  return {
    ...collected,
    issues: all,
    ok: !all.some((i) => i.severity === 'error'),
    name: packName(fileName),
    source: publisher ? `${publisher} (${fileName})` : fileName,
  };
}
