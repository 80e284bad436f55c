import type { ChildProcess } from 'node:child_process';
import treeKill from 'tree-kill';

/**
 * Ends a lesson process and everything it spawned. Lesson processes start `detached`, which on
 * POSIX makes each the leader of its own process group, so one signal to the group reaches
 * grandchildren too. SIGKILL, not SIGTERM: lesson code may ignore SIGTERM, and Stop must end
 * the run within a second.
 */
export function killTree(child: ChildProcess): void {
  if (child.pid === undefined) return;
  if (process.platform === 'win32') {
    // Windows has no process groups; tree-kill walks the tree with `taskkill /T /F`.
    treeKill(child.pid, 'SIGKILL');
    return;
  }
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // ESRCH: the whole group is already gone.
  }
}
