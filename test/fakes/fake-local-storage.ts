// A localStorage for tests: a Map behind the Storage methods, or, with `blocked`, one that throws on
// every access the way a browser does when storage is disabled (a SecurityError).

export interface FakeLocalStorageOptions {
  /** Every access throws, as when the browser blocks storage for the site. */
  blocked?: boolean;
  /** What is stored to begin with. */
  items?: Record<string, string>;
}

export class FakeLocalStorage implements Storage {
  [name: string]: unknown;
  readonly #items: Map<string, string>;
  readonly #blocked: boolean;

  constructor(options: FakeLocalStorageOptions = {}) {
    this.#items = new Map(Object.entries(options.items ?? {}));
    this.#blocked = options.blocked ?? false;
  }

  /** What is stored, by key, without going through the (maybe blocked) Storage methods. */
  get items(): Record<string, string> {
    return Object.fromEntries(this.#items);
  }

  get length(): number {
    return this.#open().size;
  }

  key(index: number): string | null {
    return [...this.#open().keys()][index] ?? null;
  }

  getItem(key: string): string | null {
    return this.#open().get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    this.#open().set(key, String(value));
  }

  removeItem(key: string): void {
    this.#open().delete(key);
  }

  clear(): void {
    this.#open().clear();
  }

  #open(): Map<string, string> {
    if (this.#blocked) throw new DOMException('The operation is insecure.', 'SecurityError');
    return this.#items;
  }
}
