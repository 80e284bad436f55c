// Loaded only when a page chooses WebContainer: this module pulls in @webcontainer/api and the
// meter's source, none of which the page needs otherwise.
import * as api from '@webcontainer/api';
import bootstrapSource from '../../meter/bootstrap.js?raw';
import meterSource from '../../meter/meter.js?raw';
import probeSource from '../../meter/probe.js?raw';
import { deployConfigFrom, webContainerBooter } from './boot-webcontainer.ts';
import { WebContainerRuntime } from './webcontainer-runtime.ts';

export function createWebContainerRuntime(options: { nodeMajor: number; bootTimeoutMs: number }): WebContainerRuntime {
  return new WebContainerRuntime({
    boot: webContainerBooter(api, deployConfigFrom(import.meta.env)),
    meterSource,
    bootstrapSource,
    probeSource,
    nodeMajor: options.nodeMajor,
    bootTimeoutMs: options.bootTimeoutMs,
  });
}
