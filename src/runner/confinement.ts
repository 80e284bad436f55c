// Confined runs: lesson code that may come from anyone in a workshop room gets only what a lesson
// needs. Two locks, both from the platform rather than our own code:
//
// - Node's permission model (`--permission`): the process may read its run folder and the meter,
//   write its run folder, and nothing else; no child processes, workers, native addons or WASI.
// - On Linux, a network namespace of the run's own (`unshare -rn`, no privileges needed) with only
//   a loopback interface: the run's server and client share it, and nothing else is in it, so the
//   code can reach no address of the room, the internet, or this machine's other services.
//
// A small keeper process holds the namespace for the run's lifetime; the lesson processes join it
// with `nsenter`. The keeper is ended by its own PID when the run ends.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

export type ConfinementCheck = { ok: true } | { ok: false; reason: string };

/** How long a keeper lives even if the runner forgets it: longer than any run may last. */
const KEEPER_LIFETIME_S = 600;

let checked: ConfinementCheck | undefined;

/**
 * Whether confined runs work on this machine: Linux, a Node with the permission model, and
 * unprivileged user and network namespaces with `unshare`, `nsenter` and `ip` to use them.
 */
export function checkConfinement(): ConfinementCheck {
  checked ??= check();
  return checked;
}

function check(): ConfinementCheck {
  if (process.platform !== 'linux') {
    return { ok: false, reason: `confined runs need Linux's network namespaces, and this is ${process.platform}` };
  }
  if (!process.allowedNodeEnvironmentFlags.has('--permission')) {
    return { ok: false, reason: `this Node (${process.version}) has no permission model (--permission); the lab's pinned Node 22 has` };
  }
  for (const tool of ['unshare', 'nsenter', 'ip']) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
    if (found.status !== 0) return { ok: false, reason: `\`${tool}\` is missing (Debian: apt-get install -y util-linux iproute2)` };
  }
  const trial = spawnSync('unshare', ['-rn', 'ip', 'link', 'set', 'lo', 'up'], { encoding: 'utf8', timeout: 5_000 });
  if (trial.status !== 0) {
    return {
      ok: false,
      reason: `unprivileged user namespaces are turned off here (\`unshare -rn\` said: ${trial.stderr.trim() || `exit ${trial.status}`}); on Debian and Ubuntu, sysctl kernel.unprivileged_userns_clone=1`,
    };
  }
  return { ok: true };
}

/** The network of one confined run: loopback only, shared by its server and client. */
export interface RunNetwork {
  /** The command that runs `command` inside the run's namespaces. */
  enter(command: string[]): string[];
  /** Ends the keeper, and with it the namespace. */
  close(): Promise<void>;
}

export async function openRunNetwork(): Promise<RunNetwork> {
  const keeper: ChildProcess = spawn('unshare', ['-rn', 'sh', '-c', `ip link set lo up && echo ready && exec sleep ${KEEPER_LIFETIME_S}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => keeper.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let errors = '';
    keeper.stderr?.on('data', (chunk) => (errors += String(chunk)));
    keeper.stdout?.once('data', () => resolve());
    keeper.once('error', reject);
    keeper.once('close', (code) => reject(new Error(`Could not make the run's network (unshare -rn exited with ${code}): ${errors.trim()}`)));
  });
  const pid = keeper.pid!;
  return {
    enter: (command) => ['nsenter', '-t', String(pid), '-U', '-n', '--', ...command],
    async close() {
      if (keeper.exitCode === null && keeper.signalCode === null) keeper.kill('SIGKILL');
      await exited;
    },
  };
}

/** Node's flags for a confined lesson process: read its folder and the meter, write its folder. */
export function permissionFlags(folder: string, meterPath: string): string[] {
  return ['--permission', `--allow-fs-read=${folder}`, `--allow-fs-read=${meterPath}`, `--allow-fs-write=${folder}`];
}
