import { Arg } from 'type-graphql';

/** The optional `version` argument of every query over a model's predictions (core/series.ts). */
export const VersionArg = (): ReturnType<typeof Arg> =>
  Arg('version', () => String, {
    nullable: true,
    description: "Only this version's predictions (an unknown version is refused); omitted: every version.",
  });
