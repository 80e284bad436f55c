// Loaded only when a page chooses WebContainer: this module pulls in @webcontainer/api and the
// meter's source, none of which the page needs otherwise.
import * as api from '@webcontainer/api';
import bootstrapSource from '../../meter/bootstrap.js?raw';
import meterSource from '../../meter/meter.js?raw';
import probeSource from '../../meter/probe.js?raw';
import type { LessonPackage, LessonPackageFiles } from '../../run/lesson-packages.ts';
import { deployConfigFrom, webContainerBooter } from './boot-webcontainer.ts';
import { sitePath } from '../../run/site-path.ts';
import { WebContainerRuntime } from './webcontainer-runtime.ts';

export function createWebContainerRuntime(options: { nodeMajor: number; bootTimeoutMs: number }): WebContainerRuntime {
  return new WebContainerRuntime({
    boot: webContainerBooter(api, deployConfigFrom(import.meta.env)),
    meterSource,
    bootstrapSource,
    probeSource,
    nodeMajor: options.nodeMajor,
    bootTimeoutMs: options.bootTimeoutMs,
    loadPackage,
  });
}

/** A package the lab lends lesson code, from the file the build wrote (src/pages/lab-packages/). */
async function loadPackage(name: LessonPackage): Promise<LessonPackageFiles> {
  const response = await fetch(sitePath(`lab-packages/${name}.json`));
  if (!response.ok) throw new Error(`the lab's server answered ${response.status}`);
  return (await response.json()) as LessonPackageFiles;
}
