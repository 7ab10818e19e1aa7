import { createReadStream } from 'node:fs';

/**
 * The lines of a file, a chunk (about 1 MB) at a time, numbered from 1, without ever holding the
 * file as one string: a million-line JSON Lines file is larger than V8's longest string. A byte
 * order mark on the first line is dropped; `want` decides which lines are decoded at all (the
 * others are only counted), so parallel readers can share one file cheaply.
 */
export async function* linesOf(
  path: string,
  want: (lineNo: number) => boolean = () => true,
): AsyncGenerator<Array<[string, number]>> {
  let rest: Buffer | null = null;
  let lineNo = 0;
  const decode = (buf: Buffer, start: number, end: number): string => {
    const text = buf.toString('utf8', start, end);
    return lineNo === 1 ? text.replace(/^\uFEFF/, '') : text;
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const buf: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
    const out: Array<[string, number]> = [];
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(10, start);
      if (nl < 0) break;
      lineNo++;
      if (want(lineNo)) out.push([decode(buf, start, nl), lineNo]);
      start = nl + 1;
    }
    rest = start < buf.length ? buf.subarray(start) : null;
    if (out.length > 0) yield out;
  }
  if (rest && rest.length > 0) {
    lineNo++;
    if (want(lineNo)) yield [[decode(rest, 0, rest.length), lineNo]];
  }
}

/** Call `each` for every line of a file. */
export async function forEachLine(path: string, each: (line: string, lineNo: number) => void): Promise<void> {
  for await (const lines of linesOf(path)) for (const [text, n] of lines) each(text, n);
}
