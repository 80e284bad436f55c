// The workshop plan: lessons in course order with their suggested minutes and start times.
// Shared by the agenda page and its test, so the total printed is the total tested.
export interface AgendaItem {
  number: number;
  title: string;
  href: string;
  minutes: number;
  /** Minutes from the start of the session. */
  startsAt: number;
  question: string;
  challenge: string;
}

export interface AgendaLesson {
  number: number;
  href: string;
  title: string;
  duration: number;
  question: string;
  challenge: string;
}

export function agenda(lessons: AgendaLesson[]): { items: AgendaItem[]; totalMinutes: number } {
  let clock = 0;
  const items = lessons.map((lesson) => {
    const item = { number: lesson.number, title: lesson.title, href: lesson.href, minutes: lesson.duration, startsAt: clock, question: lesson.question, challenge: lesson.challenge };
    clock += lesson.duration;
    return item;
  });
  return { items, totalMinutes: clock };
}

/** 75 → "1:15". */
export function clockTime(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}
