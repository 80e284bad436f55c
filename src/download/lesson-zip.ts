// What "Download" puts in the zip: the learner's current files, the meter, a runner that needs
// only `node`, and a README. Shared by the page (which imports it on click) and the test.
import type { LessonFile } from '../schemas/runner-protocol.ts';
import { zip } from './zip.ts';

export interface LessonZipSources {
  meter: string;
  runner: string;
}

export function lessonZip(slug: string, title: string, files: LessonFile[], sources: LessonZipSources): Uint8Array {
  const folder = `keep-alive-lab-${slug}`;
  const readme = [
    `# ${title}`,
    '',
    'A lesson from Keep-Alive Lab, with your code as it was when you downloaded it.',
    '',
    'Run it with Node 20.6 or later, in this folder:',
    '',
    '    node run.js',
    '',
    'run.js starts server.js with the socket meter loaded, then client.js with the port the server',
    "got, and prints the server's connection counts as they change.",
    '',
  ].join('\n');
  return zip([
    ...files.map((file) => ({ path: `${folder}/${file.name}`, content: file.content })),
    { path: `${folder}/run.js`, content: sources.runner },
    { path: `${folder}/.lab/meter.js`, content: sources.meter },
    { path: `${folder}/package.json`, content: `${JSON.stringify({ private: true, type: 'module' }, null, 2)}\n` },
    { path: `${folder}/README.md`, content: readme },
  ]);
}
