import { Field, Int, ObjectType } from 'type-graphql';
import { AlertEvidence } from './alert-evidence.js';

@ObjectType({
  implements: AlertEvidence,
  description:
    'predicted-psi, predicted-js, actual-psi, actual-js (class distributions, chi-square confirming) and confidence-ks (the confidence histogram).',
})
export class DistributionEvidence extends AlertEvidence {
  @Field(() => Int, { description: 'Fewest observations in the window and its reference for the rule to fire.' })
  minSamples!: number;
}
