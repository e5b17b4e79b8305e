import { expect, test } from 'vitest';
import { classColors, hashLabel, OKABE_ITO, TOL_MUTED, withAlpha } from '../../dashboard/src/lib/colors.js';

test('the label hash is 32-bit FNV-1a (published test vectors)', () => {
  expect(hashLabel('')).toBe(0x811c9dc5);
  expect(hashLabel('a')).toBe(0xe40c292c);
  expect(hashLabel('foobar')).toBe(0xbf9cf968);
});

test('a class keeps its colour whatever order the labels arrive in', () => {
  const a = classColors(['cat', 'dog', 'bird', 'fish']);
  const b = classColors(['fish', 'bird', 'dog', 'cat', 'dog']);
  expect([...a.entries()].sort()).toEqual([...b.entries()].sort());
});

test('up to seven classes get distinct Okabe–Ito colours', () => {
  const labels = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  const colors = classColors(labels);
  expect(new Set(colors.values()).size).toBe(7);
  for (const c of colors.values()) expect(OKABE_ITO).toContain(c);
});

test('more classes add Tol muted colours, distinct until the palette runs out', () => {
  const palette = [...OKABE_ITO, ...TOL_MUTED];
  const sixteen = classColors(Array.from({ length: 16 }, (_, i) => `class_${i}`));
  expect(new Set(sixteen.values()).size).toBe(16);
  for (const c of sixteen.values()) expect(palette).toContain(c);
  const twenty = classColors(Array.from({ length: 20 }, (_, i) => `class_${i}`));
  expect(twenty.size).toBe(20);
  expect(new Set(twenty.values()).size).toBe(16);
});

test('alpha is appended as a hex byte', () => {
  expect(withAlpha('#0072B2', 1)).toBe('#0072B2ff');
  expect(withAlpha('#0072B2', 0)).toBe('#0072B200');
  expect(withAlpha('#0072B2', 0.2)).toBe('#0072B233');
});
