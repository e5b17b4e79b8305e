import { describe, expect, it } from 'vitest';
import { InputError } from '../../server/core/errors.js';
import { checkScores, readScores } from '../../server/core/scores.js';

const scores = (...pairs: [string, number][]) => pairs.map(([label, score]) => ({ label, score }));

describe('checkScores', () => {
  it('accepts a distribution whose highest score is the predicted label', () => {
    expect(checkScores('s', scores(['cat', 0.7], ['dog', 0.3]), 'cat')).toEqual(scores(['cat', 0.7], ['dog', 0.3]));
    expect(checkScores('s', scores(['cat', 0.5], ['dog', 0.5]), 'dog')).not.toBeNull();
    expect(checkScores('s', scores(['cat', 0.6], ['dog', 0.4004]), 'cat')).not.toBeNull();
    expect(checkScores('s', null, 'cat')).toBeNull();
    expect(checkScores('s', undefined, 'cat')).toBeNull();
  });

  it.each([
    [scores(['cat', 0.7], ['dog', 0.2]), 'cat', 's: scores must sum to 1'],
    [scores(['cat', 0.3], ['dog', 0.7]), 'cat', 's: the predicted label "cat" (0.3) must have the highest score (0.7)'],
    [scores(['dog', 1]), 'cat', 's: has no score for the predicted label "cat"'],
    [scores(['cat', 1.2], ['dog', -0.2]), 'cat', 's[0].score: must be a number in [0, 1], got 1.2'],
    [scores(['cat', 0.5], ['cat', 0.5]), 'cat', 's[1].label: "cat" appears twice'],
    [scores(['', 1]), 'cat', 's[0].label: must not be empty'],
    [[], 'cat', 's: must name at least one class'],
  ])('refuses %j for %s, naming the item', (given, predicted, message) => {
    expect(() => checkScores('s', given, predicted)).toThrow(InputError);
    expect(() => checkScores('s', given, predicted)).toThrow(message);
  });
});

describe('readScores', () => {
  it('reads well-formed stored scores and treats anything else as none', () => {
    expect(readScores([{ label: 'a', score: 1 }])).toEqual([{ label: 'a', score: 1 }]);
    expect(readScores([{ label: 'a', score: 'x' }])).toBeNull();
    expect(readScores({ a: 1 })).toBeNull();
    expect(readScores([])).toBeNull();
  });
});
