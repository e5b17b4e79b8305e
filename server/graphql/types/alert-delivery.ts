import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One notification of an alert event to one webhook.' })
export class AlertDelivery {
  @Field(() => Int, {
    description:
      'Position of the webhook in CLARA_ALERT_WEBHOOKS, from 0 (URLs are never shown: they may hold tokens).',
  })
  webhook!: number;

  @Field(() => String, { description: "The webhook URL's origin, e.g. https://hooks.slack.com." })
  target!: string;

  @Field(() => String, { description: 'opened or resolved.' })
  event!: string;

  @Field(() => String, { description: 'PENDING, DELIVERED or FAILED (refused, or retries spent).' })
  state!: string;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Int, { nullable: true, description: 'HTTP status of the last attempt; null when it got no answer.' })
  lastStatus!: number | null;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;
}
