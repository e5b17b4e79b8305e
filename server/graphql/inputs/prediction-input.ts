import { Field, Float, InputType } from 'type-graphql';
import { ClassScoreInput } from './class-score-input.js';

@InputType()
export class PredictionInput {
  @Field(() => String, { description: 'Unique per model; re-sending the same id never creates a duplicate.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Omitted: the configured default model.' })
  model?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The model version that made it, 1–256 characters; metric queries can filter by it. A re-send may change it.',
  })
  version?: string | null;

  @Field(() => Date, { description: 'When the model made the prediction; at most a day in the future.' })
  predictedAt!: Date;

  @Field(() => String, { description: 'Predicted label, 1–256 characters.' })
  predicted!: string;

  @Field(() => Float, {
    nullable: true,
    description: "Confidence in [0, 1]; omitted with scores: the predicted label's score.",
  })
  confidence?: number | null;

  @Field(() => [ClassScoreInput], {
    nullable: true,
    description:
      'Score per class: each in [0, 1], summing to 1 within 1e-3, the predicted label among the highest; at most 256 classes. Enables estimated precision, recall and F1.',
  })
  scores?: ClassScoreInput[] | null;

  @Field(() => String, { nullable: true, description: 'Ground truth, when already known.' })
  actual?: string | null;
}
