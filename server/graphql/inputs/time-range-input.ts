import { Field, InputType } from 'type-graphql';
import type { Window } from '../../core/buckets.js';

@InputType({ description: 'A half-open range [from, to).' })
export class TimeRangeInput {
  @Field(() => Date)
  from!: Date;

  @Field(() => Date)
  to!: Date;
}

export const toWindow = (range: TimeRangeInput): Window => ({ start: range.from, end: range.to });
