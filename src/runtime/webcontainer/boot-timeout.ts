/** How long to wait for WebContainer.boot() before telling the learner it is blocked or offline. */
export const DEFAULT_BOOT_TIMEOUT_MS = 20_000;
