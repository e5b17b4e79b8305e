import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { ModelInfo } from '../types/model-info.js';

@Resolver(() => ModelInfo)
export class ModelResolver {
  @Query(() => [ModelInfo], { description: 'Every model with data or a training distribution, and the default model.' })
  models(@Ctx() { services }: Context): Promise<ModelInfo[]> {
    return services.reports.models();
  }
}
