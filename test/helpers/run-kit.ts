// Runs `npm run verify:webcontainer` with arguments, as a user would, for the kit's own tests.
import { spawn } from 'node:child_process';

export interface KitRun {
  /** null when it was killed for taking longer than `timeoutMs`. */
  code: number | null;
  output: string;
  seconds: number;
}

export async function runKit(args: string[], { env = process.env, timeoutMs }: { env?: NodeJS.ProcessEnv; timeoutMs: number }): Promise<KitRun> {
  const startedAt = Date.now();
  // Its own process group, so a hung kit can be stopped with everything it started.
  const kit = spawn('npm', ['run', '--silent', 'verify:webcontainer', ...(args.length ? ['--', ...args] : [])], {
    cwd: new URL('../..', import.meta.url).pathname,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  kit.stdout.on('data', (chunk) => (output += String(chunk)));
  kit.stderr.on('data', (chunk) => (output += String(chunk)));
  const killer = setTimeout(() => process.kill(-kit.pid!, 'SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => kit.on('exit', resolve));
  clearTimeout(killer);
  return { code, output, seconds: (Date.now() - startedAt) / 1000 };
}
