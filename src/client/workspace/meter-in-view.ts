// On Run, the meter comes into view if it is not: on a phone it sits far below the code, and a
// run of a few seconds would be over before the learner scrolled to it.

export function bringIntoView(meter: HTMLElement | null): void {
  const figures = meter?.querySelector('.figures') ?? meter;
  if (!meter || !figures) return;
  // A phone's Run bar (LessonWorkspace.astro) covers the bottom of the screen.
  const bar = meter.closest('lesson-workspace')?.querySelector('.run-controls');
  const floor = bar && getComputedStyle(bar).position === 'fixed' ? bar.getBoundingClientRect().top : innerHeight;
  // Only a meter wholly out of sight: one partly in view is not worth moving the page under the
  // reader's mouse (which would then hover the code and fetch the editor, edit-intent.ts).
  const box = figures.getBoundingClientRect();
  if (box.bottom > 0 && box.top < floor) return;
  const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
  // 'nearest': the least scrolling that shows the meter; its scroll-margin keeps it clear of the phone's Run bar.
  meter.scrollIntoView({ block: 'nearest', behavior: reduced ? 'auto' : 'smooth' });
}
