// Every custom element of a lesson page, defined from one module: one script request instead of
// one per component, and no module split across chunks to pass values between them. Each file
// still defines its own element; the components' markup names them (see src/components/).
import './code-tabs.ts';
import './socket-meter.ts';
import './run-output.ts';
import './lesson-workspace.ts';
import './lesson-challenge.ts';
