// The domain's own values registered as GraphQL enums: resolvers pass them through without casts.
// Types and resolvers import enums from here (or their own module), so registration always runs first.
import { registerEnumType } from 'type-graphql';
import { Granularity } from '../core/buckets.js';
import { ClassField } from '../core/class-field.js';

registerEnumType(Granularity, {
  name: 'Granularity',
  description: 'Calendar buckets in the requested time zone; WEEK starts Monday.',
});

registerEnumType(ClassField, {
  name: 'ClassField',
  description:
    'ACTUAL counts validated predictions by true class; PREDICTED counts all predictions by predicted class.',
});

export { ClassField, Granularity };
