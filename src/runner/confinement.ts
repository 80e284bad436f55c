// Confined runs: lesson code that may come from anyone in a workshop room gets only what a lesson
// needs. Two locks, both from the platform rather than our own code:
//
// - Node's permission model (`--permission`): the process may read its run folder (with the
//   packages the lab lends lesson code mounted read-only in it) and the meter,
//   write its run folder, and nothing else; no child processes, workers, native addons or WASI.
// - On Linux, namespaces of the run's own (`unshare -rnm`, no privileges needed): a network with
//   only a loopback interface, shared by the run's server and client and nothing else, so the code
//   can reach no address of the room, the internet, or this machine's other services; and a mount
//   namespace where the run's folder is a small tmpfs, so filling it cannot fill the disk.
//
// A small keeper process holds the namespaces for the run's lifetime; the lesson processes join
// them with `nsenter`. The keeper is ended by its own PID when the run ends.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { RUN_FOLDER_CAP_BYTES } from '../run/supervise-run.ts';

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
    return { ok: false, reason: `this Node (${process.version}) has no permission model (--permission); the lab's pinned Node has` };
  }
  for (const tool of ['unshare', 'nsenter', 'ip']) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
    if (found.status !== 0) return { ok: false, reason: `\`${tool}\` is missing (Debian: apt-get install -y util-linux iproute2)` };
  }
  const trial = spawnSync('unshare', ['-rnm', 'sh', '-c', 'ip link set lo up && mount -t tmpfs tmpfs /mnt'], { encoding: 'utf8', timeout: 5_000 });
  if (trial.status !== 0) {
    return {
      ok: false,
      reason: `unprivileged user namespaces are turned off here (\`unshare -rnm\` said: ${trial.stderr.trim() || `exit ${trial.status}`}); on Debian and Ubuntu, sysctl kernel.unprivileged_userns_clone=1`,
    };
  }
  return { ok: true };
}


/**
 * One confined run's own space: a network with loopback only, shared by its server and client,
 * and a capped folder holding a copy of the lesson's files.
 */
export interface RunBox {
  /** The folder lesson code sees (the same path outside holds nothing). */
  readonly folder: string;
  /** The command that runs `command` inside the run's namespaces, in its folder. */
  enter(command: string[]): string[];
  /** Ends the keeper, and with it the namespaces and the folder's contents. */
  close(): Promise<void>;
}

/**
 * Opens a run's box, with a copy of the files in `filesFolder`, and each of `packages` (name and
 * folder) mounted read-only at node_modules/<name>. Not a symlink: Node's permission model
 * follows symlinks, so a link in a folder the run may write would let it write the lab's copy.
 */
export async function openRunBox(filesFolder: string, packages: readonly { name: string; folder: string }[] = []): Promise<RunBox> {
  const folder = `${filesFolder}.box`;
  await mkdir(folder, { mode: 0o700 });
  // Arguments after the script: $0 the files, $1 the box, then a name and a folder per package.
  const mountPackages = packages.map((_, index) => {
    const [name, source] = [`"$${2 + index * 2}"`, `"$${3 + index * 2}"`];
    const target = `"$1"/node_modules/${name}`;
    return `mkdir -p ${target} && mount --bind ${source} ${target} && mount -o remount,bind,ro ${target}`;
  });
  const script = [
    `mount -t tmpfs -o size=${RUN_FOLDER_CAP_BYTES},mode=0700 tmpfs "$1"`,
    'cp -a "$0"/. "$1"/',
    ...mountPackages,
    'ip link set lo up',
    'echo ready',
    `exec sleep ${KEEPER_LIFETIME_S}`,
  ].join(' && ');
  const packageArguments = packages.flatMap(({ name, folder: source }) => [name, source]);
  const keeper: ChildProcess = spawn('unshare', ['-rnm', '--propagation', 'private', 'sh', '-c', script, filesFolder, folder, ...packageArguments], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => keeper.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let errors = '';
    keeper.stderr?.on('data', (chunk) => (errors += String(chunk)));
    keeper.stdout?.once('data', () => resolve());
    keeper.once('error', reject);
    keeper.once('close', (code) => reject(new Error(`Could not confine the run (unshare exited with ${code}): ${errors.trim()}`)));
  });
  const pid = String(keeper.pid);
  return {
    folder,
    // nsenter's --wd resolves before it enters the mount namespace, so the shell changes into the
    // folder afterwards, where the capped copy is.
    enter: (command) => ['nsenter', '-t', pid, '-U', '-n', '-m', '--', '/bin/sh', '-c', 'cd "$0" && exec "$@"', folder, ...command],
    async close() {
      if (keeper.exitCode === null && keeper.signalCode === null) keeper.kill('SIGKILL');
      await exited;
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** Node's flags for a confined lesson process: read its folder and the meter, write its folder. */
export function permissionFlags(folder: string, meterPath: string): string[] {
  const flags = ['--permission', `--allow-fs-read=${folder}`, `--allow-fs-read=${meterPath}`, `--allow-fs-write=${folder}`];
  // Node 26's permission model (not 22's or 24's) also refuses every socket unless --allow-net is given. The
  // network namespace (loopback only) is what confines the network here, so sockets stay allowed.
  // The flag is experimental there, and Node would print a warning into every confined run's output:
  // the learner's output is theirs, so that one warning type is turned off for these runs.
  if (process.allowedNodeEnvironmentFlags.has('--allow-net')) flags.push('--allow-net', '--disable-warning=ExperimentalWarning');
  return flags;
}
