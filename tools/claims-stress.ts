// npm run claims:stress [-- --times N]: every lesson and challenge claim (test/content/lessons.test.ts),
// run while as many busy processes as the machine has cores compete for the CPU. A claim that
// only holds on an idle, fast machine fails here; such a claim is wrong, not the machine.
// Each busy process is a bounded loop that ends by itself, and is also stopped by its own PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { times: { type: 'string', default: '1' } } });
const times = Number(values.times);
if (!Number.isInteger(times) || times < 1) {
  console.error(`--times must be a whole number of rounds, 1 or more (got "${values.times}").`);
  process.exit(2);
}

const cores = availableParallelism();
/** A busy process never outlives this, even if this script is killed before it can stop it. */
const BUSY_LIMIT_MS = 30 * 60_000;

function startBusyLoop(): ChildProcess {
  const code = `const end = Date.now() + ${BUSY_LIMIT_MS}; let n = 0; while (Date.now() < end) n++;`;
  return spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
}

function runClaims(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--test', '--test-reporter=spec', 'test/content/lessons.test.ts'], { stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const busy = Array.from({ length: cores }, startBusyLoop);
const stopBusy = () => {
  for (const child of busy) if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
};
process.once('exit', stopBusy);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

const rounds: { seconds: number; passed: boolean }[] = [];
for (let round = 1; round <= times; round++) {
  console.log(`\nclaims:stress round ${round} of ${times}: ${cores} busy ${cores === 1 ? 'process' : 'processes'} on ${cores} ${cores === 1 ? 'core' : 'cores'}, Node ${process.version}\n`);
  const started = performance.now();
  const code = await runClaims();
  rounds.push({ seconds: Math.round((performance.now() - started) / 100) / 10, passed: code === 0 });
  if (code !== 0) break;
}
stopBusy();

console.log('\nclaims:stress');
rounds.forEach((round, index) => console.log(`  round ${index + 1}: ${round.passed ? 'passed' : 'FAILED'} in ${round.seconds} s`));
const allPassed = rounds.length === times && rounds.every((round) => round.passed);
console.log(allPassed ? `  every claim held in ${times} ${times === 1 ? 'round' : 'rounds'} in a row under load` : '  a claim failed under load: its window or bound depends on the speed of the machine. Fix the claim.');
process.exit(allPassed ? 0 : 1);
