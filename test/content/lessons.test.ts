// Teach what you measure: every claim a lesson makes is checked here by running that lesson's
// own starter or solution on every supported Node line (22, 24 and 26; the pinned one is the
// Active LTS), through the same runner the page uses.
import { claimSuite } from '../helpers/claim-suite.ts';
import { lessonNodeLines } from '../helpers/node-lines.ts';

claimSuite(false, lessonNodeLines());
