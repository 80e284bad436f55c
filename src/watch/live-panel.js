// @ts-check
// The live view in a terminal: a panel of a fixed height at the bottom of the screen, with the
// program's own output scrolling above it. A scroll region (DECSTBM) keeps the two apart, so
// redrawing the panel never overwrites a line the program printed, which redrawing "the last N
// lines" would as soon as the program prints between two redraws.

export const PANEL_HEIGHT = 7;
const HEIGHT = PANEL_HEIGHT;

/** @param {NodeJS.WriteStream} out a TTY */
export function livePanel(out) {
  let rows = out.rows || 24;
  const region = () => out.write(`\x1b7\x1b[1;${rows - HEIGHT}r\x1b8`);
  // Make room: scroll what is on screen up by the panel's height, then go back up to write on.
  out.write(`${'\n'.repeat(HEIGHT)}\x1b[${HEIGHT}A`);
  region();
  const onResize = () => {
    rows = out.rows || rows;
    region();
  };
  out.on('resize', onResize);

  /** @param {string[]} lines */
  const paint = (lines) => {
    const width = out.columns || 100;
    let text = '\x1b7';
    for (let i = 0; i < HEIGHT; i++) text += `\x1b[${rows - HEIGHT + 1 + i};1H\x1b[2K${(lines[i] ?? '').slice(0, width - 1)}`;
    out.write(`${text}\x1b8`);
  };

  return {
    /** Shows these lines in the panel (the first HEIGHT of them). @param {string[]} lines */
    draw: paint,
    /** Empties the panel and gives the whole screen back, the cursor where the program left it. */
    close() {
      out.off('resize', onResize);
      paint([]);
      out.write('\x1b7\x1b[r\x1b8');
    },
  };
}
