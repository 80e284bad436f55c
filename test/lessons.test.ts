// Teach what you measure: every claim a lesson makes is checked here by running that lesson's
// own starter or solution on the pinned Node, through the same runner the page uses.
import { claimSuite } from './helpers/claim-suite.ts';

claimSuite(false);
