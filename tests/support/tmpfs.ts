/**
 * A small disk of its own for a browser profile: a tmpfs mounted for the test (CI runs as root),
 * which the test fills to the last byte and frees again. Where mounting is not allowed the test is
 * skipped with the reason, except under CI=true, where that is a failure.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  /** The mount point. */
  dir: string;
  /** Bytes still free on it. */
  free(): number;
  /** Write a ballast file until the disk refuses another byte; returns its size. */
  fill(): number;
  /** Delete the ballast: the disk has room again. */
  release(): void;
  unmount(): void;
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
  return {
    dir,
    free,
    fill() {
      mkdirSync(dir, { recursive: true });
      const fd = openSync(ballast, 'a');
      let written = 0;
      try {
        // Large pieces first, then ever smaller ones, down to single bytes: nothing left over.
        for (const size of [1 << 20, 64 << 10, 4 << 10, 512, 1]) {
          const piece = Buffer.alloc(size, 0x61);
          for (;;) {
            try {
              written += writeSync(fd, piece);
            } catch (e) {
              if ((e as NodeJS.ErrnoException).code === 'ENOSPC') break;
              throw e;
            }
          }
        }
      } finally {
        closeSync(fd);
      }
      return written;
    },
    release() {
      rmSync(ballast, { force: true });
    },
    unmount() {
      try {
        execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
