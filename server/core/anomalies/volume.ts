// Prediction volume against its usual level: the same span in each of the previous weeks.
import { normalSf } from '../drift/index.js';
import { ruleOutcome, type RuleOutcome } from '../drift-rules/evaluate.js';
import type { AnomalySettings } from './rules.js';

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * volume-anomaly: the count against the mean of the same hour in previous weeks (`history`, only
 * weeks the model already existed). The spread allows for overdispersion (the weeks' own variance
 * when above Poisson's) and for the mean being estimated. Null value with fewer than two weeks or a
 * usual level below minExpected.
 */
export function volumeOutcome(count: number, history: readonly number[], s: AnomalySettings): RuleOutcome {
  const usual = history.length >= 2 ? mean(history) : null;
  const judged = usual !== null && usual >= s.minExpected;
  let pValue: number | null = null;
  let change: number | null = null;
  if (judged) {
    const spread = Math.max(usual, history.reduce((sum, h) => sum + (h - usual) ** 2, 0) / (history.length - 1));
    const z = Math.abs(count - usual) / Math.sqrt(spread * (1 + 1 / history.length));
    pValue = 2 * normalSf(z);
    change = Math.abs(count - usual) / usual;
  }
  return ruleOutcome(
    'volume-anomaly',
    {
      value: change,
      threshold: s.volumeChange,
      pValue,
      alpha: s.pValue,
      reference: 'SAME_TIME_PREVIOUS_WEEKS',
      samples: { current: count, reference: history.length },
      fired: change !== null && pValue !== null && change > s.volumeChange && pValue < s.pValue,
      details: {
        predictions: count,
        usual,
        direction: usual === null ? null : count < usual ? 'down' : 'up',
        weeks: history.length,
      },
    },
    s,
  );
}

/**
 * prediction-silence: no prediction in the span although the same span of previous weeks had some.
 * Fires when P(no prediction | the usual rate) = e^(−usual) is below pValue, i.e. usual > ln(1/pValue).
 */
export function silenceOutcome(count: number, history: readonly number[], s: AnomalySettings): RuleOutcome {
  const usual = history.length >= 2 ? mean(history) : null;
  const threshold = Math.log(1 / s.pValue);
  return ruleOutcome(
    'prediction-silence',
    {
      value: count === 0 ? usual : 0,
      threshold,
      pValue: usual === null ? null : count === 0 ? Math.exp(-usual) : 1,
      alpha: s.pValue,
      reference: 'SAME_TIME_PREVIOUS_WEEKS',
      samples: { current: count, reference: history.length },
      fired: count === 0 && usual !== null && usual > threshold,
      details: { minutes: s.silenceMinutes, predictions: count, usual, weeks: history.length },
    },
    s,
  );
}
