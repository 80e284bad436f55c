import { defineCollection } from 'astro:content';
import { lessonLoader } from './lessons/lesson-loader.ts';
import { lessonSchema } from './schemas/lesson.ts';

export const collections = {
  lessons: defineCollection({ loader: lessonLoader(), schema: lessonSchema }),
};
