import { browser } from 'wxt/browser';
import { IndexService } from '../../shared/index/service';

/** Read a file of the bundled index from the extension package (any extension-origin context). */
export async function loadPackagedIndexFile(path: string): Promise<Uint8Array> {
  // Generated at build time, so not among WXT's typed public paths.
  const url = (browser.runtime.getURL as (p: string) => string)(`/index/${path}`);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`index file ${path}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** The bundled edition, read from the package on demand. */
export function packagedIndex(): IndexService {
  return new IndexService(loadPackagedIndexFile);
}
