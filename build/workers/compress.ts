/**
 * Worker thread of the index builder: raw deflate with Node's zlib (the same format as fflate,
 * native, off the main thread). Receives a dictionary once, then batches of blocks; answers each
 * batch with its compressed blocks, handed over rather than copied.
 */
import { parentPort } from 'node:worker_threads';
import { deflateRawSync } from 'node:zlib';

export type CompressRequest =
  { dictionary: Uint8Array } | { id: number; blocks: Uint8Array[]; withDictionary: boolean[] };

export interface CompressReply {
  id: number;
  out: Uint8Array[];
}

const port = parentPort;
if (port) {
  let dictionary: Uint8Array | null = null;
  port.on('message', (m: CompressRequest) => {
    if ('dictionary' in m) {
      dictionary = m.dictionary;
      return;
    }
    const out = m.blocks.map(
      (b, i) =>
        new Uint8Array(
          deflateRawSync(b, m.withDictionary[i] && dictionary ? { level: 6, dictionary } : { level: 6 }),
        ),
    );
    port.postMessage(
      { id: m.id, out } satisfies CompressReply,
      out.map((o) => o.buffer as ArrayBuffer),
    );
  });
}
