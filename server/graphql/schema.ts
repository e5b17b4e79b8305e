import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type ClassType, type NonEmptyArray } from 'type-graphql';
import { AlertResolver } from './resolvers/alert-resolver.js';
import { DriftResolver } from './resolvers/drift-resolver.js';
import { EstimateResolver } from './resolvers/estimate-resolver.js';
import { IngestResolver } from './resolvers/ingest-resolver.js';
import { JobResolver } from './resolvers/job-resolver.js';
import { MetricsResolver } from './resolvers/metrics-resolver.js';
import { ModelResolver } from './resolvers/model-resolver.js';
import { ProfileResolver } from './resolvers/profile-resolver.js';
import { DateTimeScalar } from './scalars.js';
import { EVIDENCE_TYPES } from './types/evidence-types.js';

// Every resolver class of the API; a new capability adds its resolver here.
const resolvers: NonEmptyArray<ClassType> = [
  MetricsResolver,
  ModelResolver,
  IngestResolver,
  JobResolver,
  ProfileResolver,
  DriftResolver,
  AlertResolver,
  EstimateResolver,
];

export function buildClaraSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    orphanedTypes: EVIDENCE_TYPES,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
  });
}

/** The SDL committed at schema/schema.graphql: sorted, so it only changes when the API does. */
export async function schemaSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildClaraSchema()))}\n`;
}
