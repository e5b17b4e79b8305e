import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, UseMiddleware } from 'type-graphql';
import type { Context } from '../context.js';
import { RequireToken } from '../require-token.js';
import { Alert } from '../types/alert.js';
import { AlertStatus } from '../types/alert-status.js';
import type { AlertView } from '../../services/alerts.js';

const toAlert = (a: AlertView): Alert => ({
  ...a,
  kind: a.rule,
  firstWindowStart: a.firstWindow.start,
  windowStart: a.lastWindow.start,
  windowEnd: a.lastWindow.end,
});

@Resolver(() => Alert)
export class AlertResolver {
  @Query(() => [Alert], {
    description:
      'Open alerts first, then acknowledged ones (most recently seen first), then resolved ones (latest first).',
  })
  async alerts(
    @Arg('status', () => AlertStatus, { nullable: true }) status: AlertStatus | null,
    @Arg('model', () => String, { nullable: true }) model: string | null,
    @Arg('limit', () => Int, { nullable: true, defaultValue: 100 }) limit: number | null,
    @Ctx() { services }: Context,
  ): Promise<Alert[]> {
    return (await services.alerts.list(status ?? null, model ?? null, limit ?? 100)).map(toAlert);
  }

  @Mutation(() => Alert, {
    description:
      'Marks an alert as taken care of; it stays the one alert of its model and rule and still resolves by itself.',
  })
  @UseMiddleware(RequireToken)
  async acknowledgeAlert(@Arg('id', () => ID) id: string, @Ctx() { services }: Context): Promise<Alert> {
    return toAlert(await services.alerts.acknowledge(id));
  }
}
