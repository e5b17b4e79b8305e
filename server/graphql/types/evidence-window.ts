import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A window an alert fired for.' })
export class EvidenceWindow {
  @Field(() => Date)
  start!: Date;

  @Field(() => Date)
  end!: Date;

  @Field(() => String, {
    description: 'The granularity (DAY, HOUR…), or what the window is otherwise ("quarter hour", "run").',
  })
  granularity!: string;

  @Field(() => String)
  timeZone!: string;
}
