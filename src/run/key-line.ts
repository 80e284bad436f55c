// The line a lesson is about (its frontmatter's keyLine), found by its text: the build checks
// the starter holds it once; presenter view finds it again in the learner's code, edits and all.

/** The 1-based numbers of the lines of `content` that hold `text`. */
export function linesHolding(content: string, text: string): number[] {
  const numbers: number[] = [];
  content.split('\n').forEach((line, index) => {
    if (line.includes(text)) numbers.push(index + 1);
  });
  return numbers;
}

/** The line holding `text`, or the first of several; undefined where none does (the learner deleted it). */
export function keyLineNumber(content: string, text: string): number | undefined {
  return linesHolding(content, text)[0];
}
