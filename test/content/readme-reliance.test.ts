// README's table of what each lesson relies on stays in step with the lessons' `relies`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { NODE_FEATURE_NAMES } from '../../src/schemas/node-features.ts';
import { lessonsOnDisk } from '../helpers/lessons.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

test('every lesson has a row, and its last column names exactly the features it declares', () => {
  for (const lesson of lessonsOnDisk()) {
    const number = Number(lesson.id.slice(0, 2));
    const row = readme.split('\n').find((line) => line.startsWith(`| ${number} `));
    assert.ok(row, `README has a row for lesson ${number}`);
    const declaredColumn = row.split('|').at(-2) ?? '';
    const named = NODE_FEATURE_NAMES.filter((feature) => declaredColumn.includes(`\`${feature}\``));
    const declared = [...new Set(lesson.frontmatter.relies.map((entry) => entry.feature))];
    assert.deepEqual(named.sort(), declared.sort(), `lesson ${number}: README names ${named.join(', ') || 'none'}`);
  }
});
