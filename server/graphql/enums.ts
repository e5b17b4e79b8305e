import { registerEnumType } from 'type-graphql';

export enum Granularity {
  HOUR = 'HOUR',
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerEnumType(Granularity, { name: 'Granularity', description: 'Calendar buckets in the requested time zone; WEEK starts Monday.' });

export enum ClassField {
  ACTUAL = 'ACTUAL',
  PREDICTED = 'PREDICTED',
}
registerEnumType(ClassField, {
  name: 'ClassField',
  description: 'ACTUAL counts validated predictions by true class; PREDICTED counts all predictions by predicted class.',
});
