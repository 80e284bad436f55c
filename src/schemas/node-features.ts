// Node features beyond the basics that some lesson code relies on, and that a runtime emulating
// Node (WebContainer) may lack. The lab checks for each in the container once it has booted
// (src/meter/probe.js); a lesson names the ones its claims depend on (`relies` in its frontmatter).
export const NODE_FEATURES = {
  'net.client.socket': 'node:diagnostics_channel publishes net.client.socket when code opens a TCP connection',
  TCPSocketWrap: 'process.getActiveResourcesInfo() lists each open TCP socket as TCPSocketWrap',
  'stale-connection-reset': 'a request written to a pooled connection that its server closed a moment before fails with ECONNRESET',
  'http.client.response.finish': 'node:diagnostics_channel publishes http.client.response.finish when a node:http request gets its response',
} as const;

export type NodeFeature = keyof typeof NODE_FEATURES;
export const NODE_FEATURE_NAMES = Object.keys(NODE_FEATURES) as [NodeFeature, ...NodeFeature[]];

/** What src/meter/probe.js reports. */
export interface NodeProbeReport {
  node: string;
  listenOnZero: boolean;
  activeResources: string[];
  channels: Record<string, boolean>;
  /** Absent from probes older than lesson 9. */
  staleConnectionReset?: boolean;
}

/** The features a probe found missing. */
export function missingFeatures(report: NodeProbeReport): NodeFeature[] {
  const has: Record<NodeFeature, boolean> = {
    'net.client.socket': report.channels['net.client.socket'] === true,
    TCPSocketWrap: report.activeResources.includes('TCPSocketWrap'),
    'stale-connection-reset': report.staleConnectionReset === true,
    'http.client.response.finish': report.channels['http.client.response.finish'] === true,
  };
  return NODE_FEATURE_NAMES.filter((feature) => !has[feature]);
}
