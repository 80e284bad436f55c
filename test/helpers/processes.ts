/** Whether a process with this PID exists (signal 0 checks without sending anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Waits until none of the PIDs is alive, or fails after `timeoutMs`. */
export async function waitUntilGone(pids: number[], timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(isAlive)) {
    if (Date.now() > deadline) throw new Error(`Still running after ${timeoutMs} ms: ${pids.filter(isAlive).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** PIDs that lesson code printed as `pid:1234` lines. */
export function printedPids(output: string): number[] {
  return [...output.matchAll(/pid:(\d+)/g)].map((match) => Number(match[1]));
}
