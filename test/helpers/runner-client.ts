// A page's side of the runner protocol, for tests: a real WebSocket to a real lab server.
import { once } from 'node:events';
import WebSocket from 'ws';
import type { RunEnd, RunEvent } from '../../src/schemas/run-events.ts';
import type { LessonFile } from '../../src/schemas/runner-protocol.ts';
import type { PageMessage, RunnerMessage } from '../../src/schemas/runner-protocol.ts';

export class RunnerClient {
  readonly socket: WebSocket;
  readonly messages: RunnerMessage[] = [];
  #waiters: (() => void)[] = [];

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data) => {
      this.messages.push(JSON.parse(data.toString()) as RunnerMessage);
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  static async connect(port: number, origin = `http://localhost:${port}`): Promise<RunnerClient> {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/api/runner`, { headers: { origin, host: `localhost:${port}` } });
    const client = new RunnerClient(socket);
    await once(socket, 'open');
    await client.waitFor((message) => message.type === 'hello');
    return client;
  }

  send(message: PageMessage | Record<string, unknown> | string) {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  run(runId: string, files: LessonFile[]) {
    this.send({ type: 'run', runId, files });
  }

  /** Resolves with the first message (old or new) that matches, or rejects after `timeoutMs`. */
  async waitFor<T extends RunnerMessage>(match: (message: RunnerMessage) => message is T, timeoutMs?: number): Promise<T>;
  async waitFor(match: (message: RunnerMessage) => boolean, timeoutMs?: number): Promise<RunnerMessage>;
  async waitFor(match: (message: RunnerMessage) => boolean, timeoutMs = 15_000): Promise<RunnerMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`No matching runner message within ${timeoutMs} ms. Got: ${JSON.stringify(this.messages.slice(-5))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async end(runId: string, timeoutMs?: number): Promise<RunEnd> {
    const message = await this.waitFor((m) => m.type === 'end' && m.runId === runId, timeoutMs);
    return (message as Extract<RunnerMessage, { type: 'end' }>).end;
  }

  events(runId: string): RunEvent[] {
    return this.messages
      .filter((m): m is Extract<RunnerMessage, { runId: string }> => 'runId' in m && m.runId === runId && m.type !== 'end' && m.type !== 'refused' && m.type !== 'queued')
      .map(({ runId: _runId, ...event }) => event as RunEvent);
  }

  output(runId: string, process?: 'server' | 'client'): string {
    return this.events(runId)
      .flatMap((event) => (event.type === 'output' && (!process || event.process === process) ? [event.text] : []))
      .join('');
  }

  close() {
    this.socket.close();
  }
}
