// Runs src/meter/probe.js once in a freshly booted container: which Node answers, and whether the
// features some lessons rely on are there. Bounded, because a container in trouble may never
// report the probe's exit.
import type { NodeProbeReport } from '../../schemas/node-features.ts';
import type { ContainerApi } from './webcontainer-launcher.ts';

const PROBE_DIR = 'runs/probe';
const PROBE_TIMEOUT_MS = 10_000;

export async function probeNode(container: ContainerApi, probeSource: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<NodeProbeReport> {
  await container.fs.mkdir(PROBE_DIR, { recursive: true });
  await container.mount({ 'probe.js': { file: { contents: probeSource } } }, { mountPoint: PROBE_DIR });
  const process = await container.spawn('node', ['probe.js', 'report.json'], { cwd: PROBE_DIR });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const code = await Promise.race([
      process.exit,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the Node check did not finish within ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]);
    if (code !== 0) throw new Error(`the Node check exited with code ${code}`);
    return parseReport(await container.fs.readFile(`${PROBE_DIR}/report.json`, 'utf-8'));
  } finally {
    clearTimeout(timer);
    process.kill();
    await container.fs.rm(PROBE_DIR, { recursive: true, force: true }).catch(() => undefined);
  }
}

function parseReport(text: string): NodeProbeReport {
  const report = JSON.parse(text) as Partial<NodeProbeReport>;
  if (typeof report.node !== 'string' || !Array.isArray(report.activeResources) || typeof report.channels !== 'object' || !report.channels) {
    throw new Error('the Node check wrote an unexpected report');
  }
  return {
    node: report.node,
    listenOnZero: report.listenOnZero === true,
    activeResources: report.activeResources.map(String),
    channels: report.channels,
    staleConnectionReset: report.staleConnectionReset === true,
  };
}
