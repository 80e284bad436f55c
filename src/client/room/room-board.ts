// <room-board>: the instructor's room board (src/components/room/RoomBoard.astro). While it is on
// the page it asks the lab's runner, in room mode, for the addresses learners open once and for a
// snapshot of the room every second (src/schemas/room-wire.ts). Where no runner in room mode
// serves the page (a static host, or `npm start` without --host), it says how to get one.
import { sitePath } from '../../run/site-path.ts';
import { ROOM_API_PATH, ROOM_JOIN_PATH, ROOM_QR_PATH, type RoomJoin, type RoomSnapshot } from '../../schemas/room-wire.ts';

const REFRESH_MS = 1_000;
const FIGURES = ['pages', 'running', 'waiting', 'maxRuns'] as const;

async function ask<T>(path: string): Promise<T> {
  const response = await fetch(sitePath(path), { cache: 'no-store' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return (await response.json()) as T;
}

function cell(text: string | number, className = ''): HTMLTableCellElement {
  return Object.assign(document.createElement('td'), { textContent: String(text), className });
}

function row(cells: HTMLTableCellElement[], className = ''): HTMLTableRowElement {
  const tr = Object.assign(document.createElement('tr'), { className });
  tr.append(...cells);
  return tr;
}

class RoomBoard extends HTMLElement {
  #timer: ReturnType<typeof setInterval> | undefined;

  #part<T extends HTMLElement>(name: string): T {
    return this.querySelector<T>(`[data-room="${name}"]`)!;
  }

  connectedCallback() {
    void this.#start();
  }

  disconnectedCallback() {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async #start() {
    let join: RoomJoin;
    try {
      join = await ask<RoomJoin>(ROOM_JOIN_PATH);
      if (!Array.isArray(join.urls)) throw new Error('not a room');
    } catch {
      // A static host has no runner; a runner outside room mode keeps no board.
      this.#part('live').hidden = true;
      this.#part('absent').hidden = false;
      return;
    }
    if (!this.isConnected || this.#timer) return;
    this.#part('urls').replaceChildren(
      ...join.urls.map((url) => {
        const item = document.createElement('li');
        item.append(Object.assign(document.createElement('code'), { textContent: url }));
        return item;
      }),
    );
    if (join.code) {
      this.#part('code').textContent = join.code;
      this.#part('code-line').hidden = false;
    }
    if (join.urls.length > 0) {
      const qr = this.#part<HTMLImageElement>('qr');
      qr.src = sitePath(ROOM_QR_PATH);
      qr.hidden = false;
    } else {
      this.#part('no-network').hidden = false;
    }
    void this.#refresh();
    this.#timer = setInterval(() => void this.#refresh(), REFRESH_MS);
  }

  async #refresh() {
    const updated = this.#part('updated');
    try {
      const room = await ask<RoomSnapshot>(ROOM_API_PATH);
      for (const name of FIGURES) this.querySelector(`[data-figure="${name}"]`)!.textContent = String(room[name]);
      this.#part('passes').replaceChildren(
        ...room.lessons.flatMap((lesson) => [
          row([cell(lesson.title), cell(lesson.passed, 'count'), cell(lesson.solutionApplied, 'count')]),
          // A challenge has no solution to apply: its second count stays empty.
          ...lesson.challenges.map((challenge) => row([cell(`Challenge: ${challenge.title}`), cell(challenge.passed, 'count'), cell('', 'count')], 'challenge')),
        ]),
      );
      updated.textContent = `Updated ${new Date().toLocaleTimeString()}.`;
    } catch (error) {
      updated.textContent = `Cannot reach the lab (${(error as Error).message}). Is npm start still running?`;
    }
  }
}

customElements.define('room-board', RoomBoard);
