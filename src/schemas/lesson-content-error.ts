// A lesson's content is wrong: a missing folder, a file name that is not there, a claim its code
// does not bear out. Astro shows these with their hint, and callers tell them from a crash by
// their type, never by their wording.
import { AstroError } from 'astro/errors';

const WRITING_A_LESSON = 'README.md, "Writing a lesson", says what each file and folder of a lesson holds.';

export class LessonContentError extends AstroError {
  constructor(message: string, hint = WRITING_A_LESSON) {
    super(message, hint);
    this.name = 'LessonContentError';
  }
}
