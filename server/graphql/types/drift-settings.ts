import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Granularity } from '../enums.js';
import { DriftReference } from './drift-reference.js';

@ObjectType({ description: 'The drift rules in force (from the server settings), e.g. to draw thresholds.' })
export class DriftSettings {
  @Field(() => Granularity, { description: 'Windows the check-drift job evaluates.' })
  granularity!: Granularity;

  @Field(() => String, { description: 'Time zone of those windows.' })
  timeZone!: string;

  @Field(() => DriftReference, { description: "The job's reference for class distributions." })
  reference!: DriftReference;

  @Field(() => Int, { description: 'Windows merged into each baseline.' })
  baselineWindows!: number;

  @Field(() => Int, { description: 'Closed windows each run evaluates again.' })
  recheckWindows!: number;

  @Field(() => Int, { description: 'Quiet windows in a row that resolve an alert.' })
  resolveAfter!: number;

  @Field(() => [String], { description: 'Enabled rules.' })
  rules!: string[];

  @Field(() => Float)
  psiThreshold!: number;

  @Field(() => Float)
  jsThreshold!: number;

  @Field(() => Float, { description: 'In proportion units (0.05 = five points).' })
  accuracyDropThreshold!: number;

  @Field(() => Float, { description: 'In proportion units.' })
  classRecallDropThreshold!: number;

  @Field(() => Float)
  ksThreshold!: number;

  @Field(() => Float, { description: 'Significance level confirming psi, js, accuracy and KS.' })
  pValue!: number;

  @Field(() => Float, { description: 'Family-wise significance level of class-recall-drop.' })
  classRecallPValue!: number;

  @Field(() => Int, { description: 'Fewest observations in a window and its reference for a rule to fire.' })
  minSamples!: number;
}
