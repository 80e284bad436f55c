// The page script of test/client/workspace/code-tabs.test.ts: <code-tabs> as the lesson page
// defines it, with the editor module (mount-editor.ts) replaced by test/fakes/fake-editor.ts.
import '../../../src/client/workspace/code-tabs.ts';
