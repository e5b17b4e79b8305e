import { Arg, Ctx, Mutation, Resolver, UseMiddleware } from 'type-graphql';
import type { Context } from '../context.js';
import { ClassCountInput } from '../inputs/class-count-input.js';
import { PredictionInput } from '../inputs/prediction-input.js';
import { ValidationInput } from '../inputs/validation-input.js';
import { RequireToken } from '../require-token.js';
import { ClassCount } from '../types/class-count.js';
import { IngestResult } from '../types/ingest-result.js';
import { withShares } from '../../services/reports.js';

@Resolver()
export class IngestResolver {
  @Mutation(() => IngestResult, {
    description: 'Stores predictions; valid items are kept, invalid ones come back in `rejected`.',
  })
  @UseMiddleware(RequireToken)
  recordPredictions(
    @Arg('predictions', () => [PredictionInput]) predictions: PredictionInput[],
    @Ctx() { services }: Context,
  ): Promise<IngestResult> {
    return services.ingest.recordPredictions(predictions);
  }

  @Mutation(() => IngestResult, {
    description: 'Stores ground truth for existing predictions; a repeat replaces the label.',
  })
  @UseMiddleware(RequireToken)
  recordValidations(
    @Arg('validations', () => [ValidationInput]) validations: ValidationInput[],
    @Ctx() { services }: Context,
  ): Promise<IngestResult> {
    return services.ingest.recordValidations(validations);
  }

  @Mutation(() => [ClassCount], { description: "Replaces the model's training-set class counts." })
  @UseMiddleware(RequireToken)
  async setTrainingDistribution(
    @Arg('model', () => String, { nullable: true }) model: string | null,
    @Arg('counts', () => [ClassCountInput]) counts: ClassCountInput[],
    @Ctx() { services }: Context,
  ): Promise<ClassCount[]> {
    const stored = await services.ingest.setTrainingDistribution(model, counts);
    return withShares(stored.map((c) => [c.label, c.count] as [string, number]));
  }
}
