// What the workspace says about where code runs: the status line for each runtime state, and the
// note about a different Node version, a late start, or a feature this lesson relies on missing.
// Pure: the controller decides where the words go.
import { plural } from '../../run/plural.ts';
import { nodeVersionNotice, relianceNotice, type RelianceOnPage } from '../../run/reliance-notice.ts';
import type { Runtime, RuntimeStatus } from '../../runtime/runtime.ts';
import type { Tone } from './status-line.ts';

/**
 * The status line for a runtime state, or undefined to leave the line as it is. `idle`: the
 * runtime is ready with nothing to do, which the status line shows only if it holds no news.
 */
export function runtimeStatusLine(runtime: Runtime, status: RuntimeStatus, running: boolean): { text: string; tone: Tone; idle?: true } | undefined {
  switch (status.state) {
    case 'unavailable':
    case 'failed':
      return { text: status.message, tone: 'error' };
    case 'booting':
      return { text: status.detail, tone: 'neutral' };
    case 'queued':
      return {
        text:
          status.ahead === 0
            ? 'Waiting: your run is next, and starts by itself. Stop leaves the line.'
            : `Waiting: ${status.ahead} ${plural(status.ahead, 'run')} ahead of you. Your run starts by itself; Stop leaves the line.`,
        tone: 'neutral',
      };
    case 'ready':
    case 'idle':
      return running ? undefined : { text: `Ready: code runs with the ${runtime.label}. Press Run.`, tone: 'neutral', idle: true };
    default:
      return undefined;
  }
}

/**
 * The note under the status line once the runtime is ready: empty when there is nothing to know.
 * Undefined while the runtime is in a state that leaves the note as it is.
 */
export function runtimeNote(runtime: Runtime, status: RuntimeStatus, relies: RelianceOnPage[]): string | undefined {
  if (status.state === 'failed' || status.state === 'unavailable') return '';
  if (status.state !== 'ready') return undefined;
  return [status.note, nodeVersionNotice(runtime.nodeVersion), relianceNotice(runtime.missingFeatures ?? [], relies)]
    .filter(Boolean)
    .join(' ');
}
