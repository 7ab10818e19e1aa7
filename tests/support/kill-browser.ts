/**
 * Kill a browser the hard way (SIGKILL, as a crash or the system's out-of-memory killer would),
 * found by the profile it was launched on. Linux only: it reads /proc.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Command lines of the running processes, by pid. */
function processes(): { pid: number; args: string[] }[] {
  const out: { pid: number; args: string[] }[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const args = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (args.length) out.push({ pid: Number(d), args });
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

/**
 * The main process of the Chromium running on this profile: the one with the profile's
 * `--user-data-dir` and no `--type=` (renderers, the GPU and utility processes all have one).
 */
export function chromiumMainPid(userDataDir: string): number {
  const mine = processes().filter(
    (p) => p.args.includes(`--user-data-dir=${userDataDir}`) && !p.args.some((a) => a.startsWith('--type=')),
  );
  if (mine.length !== 1)
    throw new Error(`expected one Chromium main process on ${userDataDir}, found ${mine.length}`);
  return mine[0]!.pid;
}

/** Every process still running on the profile (the main one and its children). */
export function profileProcesses(userDataDir: string): number[] {
  return processes()
    .filter((p) => p.args.some((a) => a === `--user-data-dir=${userDataDir}`))
    .map((p) => p.pid);
}

/** SIGKILL the process and wait until it and its children on the profile have gone. */
export async function killHard(pid: number, userDataDir: string, timeoutMs = 10_000): Promise<void> {
  process.kill(pid, 'SIGKILL');
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const zombie = existsSync(`/proc/${pid}/stat`) && /\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    if ((!existsSync(`/proc/${pid}`) || zombie) && profileProcesses(userDataDir).every((p) => p === pid))
      return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Chromium (pid ${pid}) still running ${timeoutMs} ms after SIGKILL`);
}
