// The lesson page as a learner sees it: found by role and accessible name, driven by clicks and keys.
import { expect, type Locator, type Page } from '@playwright/test';

export class LessonPage {
  readonly page: Page;
  readonly runButton: Locator;
  readonly stopButton: Locator;
  readonly runStatus: Locator;
  readonly output: Locator;

  constructor(page: Page) {
    this.page = page;
    this.runButton = page.getByRole('button', { name: 'Run', exact: true });
    this.stopButton = page.getByRole('button', { name: 'Stop', exact: true });
    this.runStatus = page.getByRole('status', { name: 'Run status' });
    this.output = page.getByRole('region', { name: 'Workspace' }).locator('pre[aria-labelledby="output-title"]');
  }

  /** Clicks a line of the static code (which opens the editor there), types at its end, leaves. */
  async typeAtLine(file: string, lineText: string, text: string) {
    await this.staticCode(file).getByText(lineText).click();
    await expect(this.editor(file)).toBeFocused();
    await this.page.keyboard.press('End');
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Escape');
  }

  /**
   * Lesson 2's fix, key by key, with the caret already on `resolve(res.statusCode);` in the editor:
   * drain the body, and resolve once it has ended.
   */
  async typeTheLeakFix() {
    const { keyboard } = this.page;
    await keyboard.press('End');
    await keyboard.press('Shift+Home');
    await keyboard.type('res.resume();');
    await keyboard.press('Escape');
    await keyboard.press('Enter');
    await keyboard.type("res.on('end', () => resolve(res.statusCode));");
    await keyboard.press('Escape');
  }

  async openFromHome(title: string) {
    await this.page.goto('/');
    await this.page.getByRole('link', { name: title }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  }

  figure(name: 'Open connections' | 'Connections accepted' | 'Requests' | 'Requests per connection'): Locator {
    return this.page.getByRole('status', { name, exact: true });
  }

  async number(name: Parameters<LessonPage['figure']>[0]): Promise<number> {
    return Number(await this.figure(name).textContent());
  }

  async openConnections() {
    return this.number('Open connections');
  }

  async connectionsAccepted() {
    return this.number('Connections accepted');
  }

  async requests() {
    return this.number('Requests');
  }

  async run() {
    await expect(this.runButton).toBeEnabled();
    await this.runButton.click();
  }

  /** Waits until the run status says the run is over, and returns what it says. */
  async runEnded(): Promise<string> {
    await expect(this.stopButton).toBeDisabled({ timeout: 30_000 });
    return (await this.runStatus.textContent()) ?? '';
  }

  fileTab(name: string): Locator {
    return this.page.getByRole('tab', { name });
  }

  /** The static code of the selected file, before the editor replaces it. */
  staticCode(file: string): Locator {
    return this.page.getByRole('tabpanel', { name: file }).locator('pre');
  }

  editor(file: string): Locator {
    return this.page.getByRole('textbox', { name: new RegExp(`^${file.replace('.', '\\.')}, editable`) });
  }
}
