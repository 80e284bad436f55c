// Room mode, from a learner's laptop: a network namespace of this test's own, joined to this
// machine by a veth pair, plays the laptop. The lab listens on the pair's host end only, so no
// traffic reaches the machine's real network or anything outside it. Needs root and iproute2;
// if the namespace cannot be made, the test fails and says why.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { LessonPage } from './lesson-page.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const suffix = String(process.pid % 100_000);
const NAMESPACE = `kal-learner-${suffix}`;
const HOST_END = `kalh${suffix}`;
const LEARNER_END = `kall${suffix}`;
const HOST_ADDRESS = '10.231.124.1';
const LEARNER_ADDRESS = '10.231.124.2';

let lab: ChildProcess | undefined;
let labOutput = '';
/** http://HOST_ADDRESS:port, with the port the lab got from the system (it is started with --port 0). */
let origin = '';
let browser: Browser | undefined;
let scratch = '';

function ip(...args: string[]) {
  const result = spawnSync('ip', args, { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new Error(
      `Could not set up the learner's network namespace: \`ip ${args.join(' ')}\` failed (${result.error?.message ?? result.stderr.trim()}). ` +
        'This test needs root and iproute2 (apt-get install -y iproute2); it does not pass without them.',
    );
  }
}

/** The port a socket listens on at HOST_ADDRESS, as the system reports it (iproute2's ss). Only the lab listens there. */
function listeningPort(): number {
  const result = spawnSync('ss', ['-Hltn', 'src', HOST_ADDRESS], { encoding: 'utf8' });
  const ports = [...(result.stdout ?? '').matchAll(new RegExp(`${HOST_ADDRESS.replaceAll('.', '\\.')}:(\\d+)\\s`, 'g'))].map((match) => Number(match[1]));
  if (result.status !== 0 || ports.length !== 1) {
    throw new Error(`Expected the lab, and only it, to listen on ${HOST_ADDRESS}; \`ss -Hltn src ${HOST_ADDRESS}\` says:\n${result.stdout}${result.stderr}`);
  }
  return ports[0]!;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  ip('netns', 'add', NAMESPACE);
  ip('link', 'add', HOST_END, 'type', 'veth', 'peer', 'name', LEARNER_END);
  ip('link', 'set', LEARNER_END, 'netns', NAMESPACE);
  ip('addr', 'add', `${HOST_ADDRESS}/24`, 'dev', HOST_END);
  ip('link', 'set', HOST_END, 'up');
  ip('-n', NAMESPACE, 'addr', 'add', `${LEARNER_ADDRESS}/24`, 'dev', LEARNER_END);
  ip('-n', NAMESPACE, 'link', 'set', LEARNER_END, 'up');
  ip('-n', NAMESPACE, 'link', 'set', 'lo', 'up');

  // The instructor's laptop: npm start in room mode, on the veth's host end only, on any free port.
  lab = spawn(process.execPath, ['src/runner/start.ts', '--no-build', '--host', HOST_ADDRESS, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  lab.stdout?.on('data', (chunk) => (labOutput += String(chunk)));
  lab.stderr?.on('data', (chunk) => (labOutput += String(chunk)));
  await expect.poll(() => labOutput, { timeout: 20_000 }).toContain('Room board');
  origin = `http://${HOST_ADDRESS}:${listeningPort()}`;

  // The learner's browser runs inside the namespace: it can reach the lab only over the veth.
  scratch = mkdtempSync(join(tmpdir(), 'kal-learner-'));
  const inNamespace = join(scratch, 'chromium-in-namespace');
  writeFileSync(inNamespace, `#!/bin/sh\nexec ip netns exec ${NAMESPACE} ${CHROMIUM} "$@"\n`);
  chmodSync(inNamespace, 0o755);
  browser = await chromium.launch({
    executablePath: inNamespace,
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

test.afterAll(async () => {
  await browser?.close();
  if (lab?.pid && lab.exitCode === null) {
    lab.kill('SIGTERM');
    await new Promise((resolve) => lab?.once('exit', resolve));
  }
  // Deleting the namespace deletes the veth pair with it.
  spawnSync('ip', ['netns', 'del', NAMESPACE]);
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** The address npm start says to write on the board, the first it names. */
function networkAddress(): string {
  const url = /Address: +(\S+)/.exec(labOutput)?.[1];
  if (!url) throw new Error(`npm start named no address to write up:\n${labOutput}`);
  return url;
}

/** The room code written beside it, as npm start prints it: "K7WQ-M3RD". */
function roomCode(): string {
  const code = /Room code: +(\S+)/.exec(labOutput)?.[1];
  if (!code) throw new Error(`npm start printed no room code:\n${labOutput}`);
  return code;
}

/** As a learner copies it from a whiteboard: small letters, a space for the dash, key by key. */
async function joinRoom(page: Page, typed = roomCode().toLowerCase().replace('-', ' ')) {
  await page.goto(networkAddress());
  await expect(page.getByRole('heading', { level: 1, name: 'Join the room' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Room code' }).click();
  await page.keyboard.type(typed);
  await page.getByRole('button', { name: 'Join' }).click();
}

test('npm start in room mode names the address to write up, a short room code, a QR code, firewall hints and the room board', () => {
  // The address printed is the one the lab listens on: the port the system gave it, not the 0 it was asked for.
  // It carries no secret: the room code, written beside it, is what lets a learner in.
  expect(networkAddress()).toBe(`${origin}/`);
  expect(roomCode()).toMatch(/^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
  expect(labOutput).toContain('Write this on the board for learners:');
  expect(labOutput).toContain('Learners with a phone can scan this');
  expect(labOutput).toMatch(/Learners cannot connect\? Most often a firewall refuses them/);
  expect(labOutput).toMatch(/room\/\?instructor=[\w-]{32}/);
  // Room mode confines learners' code by default (src/runner/confinement.ts).
  expect(labOutput).toContain('Lesson code runs confined');
});

test('a learner types the room code, in small letters with a space, and runs the leak by the laptop’s address', async () => {
  const page = await browser!.newPage();
  await joinRoom(page);
  // The code became a cookie and left the address bar.
  await expect(page).toHaveURL(`${origin}/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Keep-Alive Lab' })).toBeVisible();
  await page.goto(`${origin}/lessons/the-leak/`);
  const lesson = new LessonPage(page);
  await expect(lesson.runStatus).toHaveText(/Ready: code runs with the local runner/, { timeout: 20_000 });
  await lesson.run();
  await expect.poll(() => lesson.openConnections(), { timeout: 20_000 }).toBeGreaterThanOrEqual(150);
  expect(await lesson.runEnded()).toMatch(/Finished .*200 requests over 200 connections/);
  await page.close();
});

test('without the code, the laptop’s address asks for it, refuses a wrong one keeping what was typed, and refuses the runner', async () => {
  const page = await browser!.newPage();
  const response = await page.goto(`${origin}/lessons/the-leak/`);
  expect(response?.status()).toBe(401);
  await expect(page.getByRole('heading', { level: 1, name: 'Join the room' })).toBeVisible();
  const wrong = roomCode().startsWith('A') ? 'BBBB-BBBB' : 'AAAA-AAAA';
  await page.getByRole('textbox', { name: 'Room code' }).fill(wrong);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('alert')).toContainText('That is not this room’s code');
  await expect(page.getByRole('textbox', { name: 'Room code' })).toHaveValue(wrong);
  const socket = await page.evaluate(
    (url) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url);
        ws.onopen = () => resolve('open');
        ws.onclose = () => resolve('refused');
      }),
    `${origin.replace(/^http/, 'ws')}/api/runner`,
  );
  expect(socket).toBe('refused');
  await page.close();
});

test('the instructor’s room board shows the code, counts pages, a solution applied apart from a pass, and learners cannot open it', async ({ page: instructor }) => {
  const learner = await browser!.newPage();
  await joinRoom(learner, roomCode());
  await learner.goto(`${origin}/lessons/the-leak/`);
  const lesson = new LessonPage(learner);
  await expect(lesson.runStatus).toHaveText(/Ready: code runs with the local runner/, { timeout: 20_000 });

  // A learner's cookie does not open the board.
  const refused = await learner.goto(`${origin}/room/`);
  expect(refused?.status()).toBe(403);
  await learner.goto(`${origin}/lessons/the-leak/`);

  // The instructor, on the laptop itself, with the address npm start printed for them (the lab
  // listens on the veth's host end only, so that is the address).
  const roomUrl = /http:\/\/\S+\/room\/\?instructor=[\w-]+/.exec(labOutput)?.[0];
  expect(roomUrl, 'the room board address').toBeTruthy();
  await instructor.goto(roomUrl!);
  await expect(instructor).toHaveURL(/\/room\/$/);
  // The board is the site's built page (src/pages/room.astro); the runner gives it the address, the code and the QR code.
  const qr = instructor.getByRole('img', { name: 'QR code of the address learners open' });
  await expect(qr).toBeVisible();
  await expect.poll(() => qr.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
  await expect(instructor.getByText(networkAddress(), { exact: true })).toBeVisible();
  await expect(instructor.getByText(roomCode(), { exact: true })).toBeVisible();
  const pages = instructor.locator('[data-figure="pages"]');
  await expect(pages).toHaveText('1');
  const leakRow = instructor.getByRole('row', { name: /^The leak\b/ });
  const passedCell = leakRow.getByRole('cell').nth(1);
  const appliedCell = leakRow.getByRole('cell').nth(2);
  await expect(passedCell).toHaveText('0');
  await expect(appliedCell).toHaveText('0');

  // The learner applies the solution and Check passes: counted as "solution applied", not as a pass.
  await learner.getByRole('button', { name: 'Solve', exact: true }).click();
  await learner.getByRole('button', { name: 'Apply the solution' }).click();
  await learner.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(learner.getByRole('region', { name: 'Check result' })).toContainText('Check passed with the solution applied', { timeout: 30_000 });
  await expect(appliedCell).toHaveText('1');
  await expect(passedCell).toHaveText('0');

  // Reset, type the fix, Run: a pass of their own, counted once, and no longer as applied.
  await learner.getByRole('button', { name: 'Reset', exact: true }).click();
  await lesson.staticCode('client.js').getByText('resolve(res.statusCode);').click();
  await expect(lesson.editor('client.js')).toBeFocused();
  await learner.keyboard.press('End');
  await learner.keyboard.press('Shift+Home');
  await learner.keyboard.type('res.resume();');
  await learner.keyboard.press('Escape');
  await learner.keyboard.press('Enter');
  await learner.keyboard.type("res.on('end', () => resolve(res.statusCode));");
  await learner.keyboard.press('Escape');
  await lesson.run();
  await expect(learner.getByRole('region', { name: 'Check result' })).toContainText('Check passed: this run meets every claim', { timeout: 30_000 });
  await expect(passedCell).toHaveText('1');
  await expect(appliedCell).toHaveText('0');
  await learner.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(learner.getByRole('region', { name: 'Check result' })).toContainText('Check passed.', { timeout: 30_000 });
  await instructor.waitForTimeout(1_500);
  await expect(passedCell).toHaveText('1');

  await learner.close();
  await expect(pages).toHaveText('0');
});
