// Loaded only when a page chooses WebContainer: this module pulls in @webcontainer/api and the
// meter's source, none of which the page needs otherwise.
import { WebContainer } from '@webcontainer/api';
import bootstrapSource from '../../meter/bootstrap.js?raw';
import meterSource from '../../meter/meter.js?raw';
import { WebContainerRuntime } from './webcontainer-runtime.ts';

export function createWebContainerRuntime(options: { nodeMajor: number; bootTimeoutMs: number }): WebContainerRuntime {
  return new WebContainerRuntime({
    // COEP require-corp matches the headers every page of the lab is served with.
    boot: () => WebContainer.boot({ coep: 'require-corp', workdirName: 'keep-alive-lab' }),
    meterSource,
    bootstrapSource,
    nodeMajor: options.nodeMajor,
    bootTimeoutMs: options.bootTimeoutMs,
  });
}
