import { Field, Float, Int, ObjectType } from 'type-graphql';
import { CalibrationStep } from './calibration-step.js';

@ObjectType({
  description:
    "A model's confidence calibration: isotonic (monotone) over 100 confidence bins, fitted on validated predictions.",
})
export class CalibrationInfo {
  @Field(() => String)
  model!: string;

  @Field(() => Date, { description: 'Reference range start: validated predictions with predictedAt in [from, to).' })
  from!: Date;

  @Field(() => Date)
  to!: Date;

  @Field(() => Date)
  fittedAt!: Date;

  @Field(() => Boolean, {
    description:
      'Fitted and stored by the fit-calibration job; false: fitted for this request on the predictions before its range.',
  })
  stored!: boolean;

  @Field(() => Int, { description: 'Validated predictions with a confidence it was fitted on.' })
  samples!: number;

  @Field(() => Float, { description: 'Realized accuracy of those samples.' })
  referenceAccuracy!: number;

  @Field(() => Float, {
    description: 'Expected calibration error (10 equal-width confidence ranges) of the raw confidence.',
  })
  calibrationErrorBefore!: number;

  @Field(() => Float, { description: 'The same after calibration, on the samples it was fitted on.' })
  calibrationErrorAfter!: number;

  @Field(() => [CalibrationStep])
  steps!: CalibrationStep[];
}
