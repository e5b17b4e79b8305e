import { Field, Float, Int, ObjectType } from 'type-graphql';
import { AlertEvidence } from './alert-evidence.js';

@ObjectType({
  implements: AlertEvidence,
  description: 'class-recall-drop: the class whose recall fell most against the baseline windows.',
})
export class ClassRecallDropEvidence extends AlertEvidence {
  @Field(() => String, { nullable: true, description: 'The class.' })
  label!: string | null;

  @Field(() => Float, { nullable: true })
  recall!: number | null;

  @Field(() => Float, { nullable: true })
  baselineRecall!: number | null;

  @Field(() => Int, {
    description: 'Classes with enough validated predictions to be tested (the p-value level is shared among them).',
  })
  classesTested!: number;

  @Field(() => Int, {
    description: 'Fewest validated predictions of a class in the window and its reference for it to be tested.',
  })
  minSamples!: number;
}
