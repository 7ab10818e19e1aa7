/**
 * A small disk of its own for a browser profile: a tmpfs mounted for the test (CI runs as root),
 * which the test fills to the last byte, or to a little room, and frees again. Where mounting is
 * not allowed the test is skipped with the reason, except under CI=true, where that is a failure.
 *
 * A filled disk does not stay full by itself: the browser's own housekeeping gives space back now
 * and then (an SQLite journal truncated, a session file replaced: tens of kilobytes), and a write
 * that lands in such a moment is not refused. `fill()` therefore keeps the disk full, topping the
 * ballast up every millisecond, until `leave()` or `release()`.
 */
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  statfsSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  /** The mount point. */
  dir: string;
  /** Bytes still free on it. */
  free(): number;
  /**
   * Write a ballast file until the disk refuses another byte, and keep it so (topped up every
   * millisecond) until `leave` or `release`; returns the ballast's size.
   */
  fill(): number;
  /**
   * Fill the disk, then free about `bytes` of it (in whole pages) and leave it at that: what the
   * browser or its housekeeping writes next takes from that room. Returns the bytes free.
   */
  leave(bytes: number): number;
  /** Delete the ballast: the disk has room again. */
  release(): void;
  unmount(): void;
}

const PIECES = [1 << 20, 64 << 10, 4 << 10, 512, 1].map((size) => Buffer.alloc(size, 0x61));

/** Append to `fd` until the disk refuses another byte: large pieces first, down to single bytes. */
function topUp(fd: number): number {
  let written = 0;
  for (const piece of PIECES) {
    for (;;) {
      try {
        written += writeSync(fd, piece);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOSPC') break;
        throw e;
      }
    }
  }
  return written;
}

/** Mount a tmpfs of `megabytes`, or say why it cannot be done here. */
export function mountSmallDisk(megabytes: number): SmallDisk | { skip: string } {
  const dir = mkdtempSync(join(tmpdir(), 'takeaway-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m,mode=0700`, 'tmpfs', dir], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    const why = e instanceof Error ? e.message.split('\n').slice(0, 2).join(' ') : String(e);
    const msg = `The full-disk test mounts a tmpfs and could not (${why}): run it as root, or in a container allowed to mount.`;
    if (process.env.CI) throw new Error(msg);
    return { skip: msg };
  }
  const ballast = join(dir, 'ballast');
  const free = () => {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  };
  let holding: { fd: number; timer: ReturnType<typeof setInterval> } | null = null;
  const stopHolding = () => {
    if (!holding) return;
    clearInterval(holding.timer);
    closeSync(holding.fd);
    holding = null;
  };
  const fillOnce = () => {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(ballast, 'a');
    try {
      topUp(fd);
      return fstatSync(fd).size;
    } finally {
      closeSync(fd);
    }
  };
  return {
    dir,
    free,
    fill() {
      stopHolding();
      const size = fillOnce();
      const fd = openSync(ballast, 'a');
      holding = { fd, timer: setInterval(() => topUp(fd), 1) };
      return size;
    },
    leave(bytes) {
      stopHolding();
      const size = fillOnce();
      const fd = openSync(ballast, 'r+');
      try {
        ftruncateSync(fd, Math.max(0, size - bytes));
      } finally {
        closeSync(fd);
      }
      return free();
    },
    release() {
      stopHolding();
      rmSync(ballast, { force: true });
    },
    unmount() {
      stopHolding();
      try {
        execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
