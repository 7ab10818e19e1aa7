import { browser } from 'wxt/browser';
import { IndexService, type IndexMemory } from '../../shared/index/service';
import type { IndexManifest } from '../../shared/index/format';

function packagedUrl(path: string): string {
  // Generated at build time, so not among WXT's typed public paths.
  return (browser.runtime.getURL as (p: string) => string)(`/index/${path}`);
}

/** Read a file of the bundled index from the extension package (any extension-origin context). */
export async function loadPackagedIndexFile(path: string): Promise<Uint8Array> {
  const res = await fetch(packagedUrl(path));
  if (!res.ok) throw new Error(`index file ${path}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

let rangesIgnored = false;

/**
 * Read bytes [start, end) of a file of the bundled index. Chromium answers a `Range` request for a
 * packaged file with those bytes alone (status 200, no Content-Range). Firefox ESR 153 ignores the
 * range and sends the whole file (tried from an extension page): that answer is still cut right,
 * and later calls are refused without a read, so that the index reads whole files instead.
 */
export async function loadPackagedIndexRange(path: string, start: number, end: number): Promise<Uint8Array> {
  if (rangesIgnored) throw new Error('this browser reads packaged files whole');
  const res = await fetch(packagedUrl(path), { headers: { Range: `bytes=${start}-${end - 1}` } });
  if (!res.ok) throw new Error(`index file ${path}: HTTP ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.byteLength === end - start) return bytes;
  rangesIgnored = true;
  if (bytes.byteLength >= end) return bytes.subarray(start, end);
  throw new Error(`index file ${path}: bytes ${start}-${end} not read`);
}

/**
 * The edition's manifest, put into this code by the build (build/wxt-index-hook.ts) from the very
 * build that ships the index files; absent outside a build (tests), where it is read from the package.
 */
function bundledManifest(): IndexManifest | undefined {
  const text = (import.meta.env as Record<string, unknown>).TAKEAWAY_INDEX_MANIFEST;
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text) as IndexManifest;
  } catch {
    return undefined;
  }
}

declare global {
  /** What the bundled index holds in memory, for the worker's console and the bench. */
  var takeawayIndexMemory: (() => IndexMemory) | undefined;
}

/**
 * The bundled edition, read from the package on demand. Nothing is read before the first request:
 * a worker that starts reading its manifest while it wakes gets the waking message later, by about
 * as long as the read takes (timed inside a woken Chromium worker), so nothing is gained.
 */
export function packagedIndex(): IndexService {
  const manifest = bundledManifest();
  const index = new IndexService(loadPackagedIndexFile, {
    ...(manifest ? { manifest } : {}),
    // Only where packaged files can be read in part (see loadPackagedIndexRange).
    ...(import.meta.env.FIREFOX ? {} : { loadRange: loadPackagedIndexRange }),
    readAhead: true,
  });
  // Counts and sizes only: no key, no paper looked up.
  globalThis.takeawayIndexMemory = () => index.memory();
  return index;
}
