/**
 * Where the safety copy (./safety-copy.ts) lives: a folder of the extension's origin-private file
 * system (OPFS). A file is written whole to a swap file and put in place only when complete
 * (`createWritable`), so a write the disk refuses leaves the previous file as it was; and the
 * file system is not the LevelDB that IndexedDB and extension storage use, which a full disk can
 * leave torn (see safety-copy.ts).
 */

/** The few operations the safety copy needs: named text files in one folder. */
export interface CopyFolder {
  /** The names of the files in the folder. */
  names(): Promise<string[]>;
  /** A file's text, or null when there is no such file. */
  read(name: string): Promise<string | null>;
  /** Replace a file whole: until the write completes the old file (or none) stays. */
  write(name: string, text: string): Promise<void>;
  /** Remove a file; no error when it is already gone. */
  remove(name: string): Promise<void>;
}

export const FOLDER = 'takeaway-safety-copy';

interface AsyncNames {
  keys(): AsyncIterableIterator<string>;
}

function isNotFound(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'NotFoundError';
}

/** The OPFS folder, or null where this context has no OPFS (then there is no safety copy). */
export async function opfsFolder(name = FOLDER): Promise<CopyFolder | null> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  if (typeof storage?.getDirectory !== 'function') return null;
  let dir: FileSystemDirectoryHandle;
  try {
    dir = await (await storage.getDirectory()).getDirectoryHandle(name, { create: true });
  } catch {
    return null;
  }
  if (typeof FileSystemFileHandle === 'undefined' || !('createWritable' in FileSystemFileHandle.prototype))
    return null;
  return {
    async names() {
      const out: string[] = [];
      for await (const n of (dir as unknown as AsyncNames).keys()) out.push(n);
      return out;
    },
    async read(file) {
      try {
        return await (await (await dir.getFileHandle(file)).getFile()).text();
      } catch (e) {
        if (isNotFound(e)) return null;
        throw e;
      }
    },
    async write(file, text) {
      const handle = await dir.getFileHandle(file, { create: true });
      const w = await handle.createWritable();
      try {
        await w.write(text);
        await w.close();
      } catch (e) {
        // The swap file is discarded, the file as it was stays.
        await w.abort().catch(() => undefined);
        throw e;
      }
    },
    async remove(file) {
      try {
        await dir.removeEntry(file);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    },
  };
}
