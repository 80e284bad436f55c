// Whether this browser can run WebContainer, from what it has and what it says it is. StackBlitz's
// browser support page (webcontainers.io/guides/browser-support): Safari from 16.4 only, and on
// phones and tablets (Android; iOS and iPadOS from 16.4) only in beta, with tighter memory.

export type WebContainerSupport =
  /** `beta`: why it may not work well here; Auto then leaves the choice to the learner. */
  | { supported: true; beta?: string }
  | { supported: false; reason: string };

export interface BrowserScope {
  SharedArrayBuffer?: unknown;
  WebAssembly?: unknown;
  navigator: { serviceWorker?: unknown; userAgent: string; maxTouchPoints?: number };
}

const SAFARI_NEEDED = [16, 4] as const;
const MOBILE_BETA = 'WebContainer is only in beta in mobile browsers';

export function webContainerSupport(scope: BrowserScope): WebContainerSupport {
  if (typeof scope.SharedArrayBuffer !== 'function' || typeof scope.WebAssembly !== 'object' || !scope.navigator.serviceWorker) {
    return { supported: false, reason: 'this browser lacks what WebContainer needs (SharedArrayBuffer, service workers and WebAssembly)' };
  }
  const { userAgent, maxTouchPoints = 0 } = scope.navigator;
  // Safari 15.2 to 16.3 have all of the above, yet boot() never settles there: refuse by version,
  // or the learner waits out the boot timeout for a message that blames the network.
  const webkit = appleWebKit(userAgent);
  if (webkit && olderThan(webkit.version, SAFARI_NEEDED)) {
    const needed = SAFARI_NEEDED.join('.');
    return {
      supported: false,
      reason:
        webkit.engine === 'iOS'
          ? `this device runs iOS ${webkit.version.join('.')}, and WebContainer needs iOS ${needed} or later (every browser on iOS uses its Safari engine); update iOS`
          : `this is Safari ${webkit.version.join('.')}, and WebContainer needs Safari ${needed} or later; update Safari, or use Chrome, Edge or Firefox`,
    };
  }
  if (isMobile(userAgent, maxTouchPoints)) return { supported: true, beta: MOBILE_BETA };
  return { supported: true };
}

/** iOS (whose every browser is Safari's engine) or desktop Safari, with its version. */
function appleWebKit(userAgent: string): { engine: 'iOS' | 'Safari'; version: [number, number] } | undefined {
  const ios = /\((?:iPhone|iPad|iPod)[^)]*? OS (\d+)(?:_(\d+))?/.exec(userAgent);
  if (ios) return { engine: 'iOS', version: [Number(ios[1]), Number(ios[2] ?? 0)] };
  // Chrome, Edge, Opera and Firefox also say "Safari/"; only Safari says "Version/" with it.
  if (/Chrome|Chromium|CriOS|FxiOS|EdgiOS|Edg\/|OPR\/|Firefox/.test(userAgent)) return undefined;
  const safari = /Version\/(\d+)(?:\.(\d+))?.*Safari\//.exec(userAgent);
  if (safari) return { engine: 'Safari', version: [Number(safari[1]), Number(safari[2] ?? 0)] };
  return undefined;
}

/** iPadOS asks for desktop pages with a Mac's user agent; only its touch points give it away. */
function isMobile(userAgent: string, maxTouchPoints: number): boolean {
  return /Android|iPhone|iPad|iPod|Mobile/i.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1);
}

function olderThan([major, minor]: readonly [number, number], [neededMajor, neededMinor]: readonly [number, number]): boolean {
  return major < neededMajor || (major === neededMajor && minor < neededMinor);
}
