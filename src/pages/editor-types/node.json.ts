// The declarations the editor's TypeScript worker gets (see src/lessons/editor-types.ts), as one
// static JSON file. The editor fetches it after it loads, so `res.` completes with
// http.IncomingMessage's members.
import { editorTypeFiles } from '../../lessons/editor-types.ts';

export function GET() {
  return new Response(JSON.stringify({ files: editorTypeFiles() }), { headers: { 'content-type': 'application/json' } });
}
