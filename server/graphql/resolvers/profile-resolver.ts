import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { TimeRangeInput } from '../inputs/time-range-input.js';
import { Profile } from '../types/profile.js';
import { profilePath } from '../../http/profile-download.js';

@Resolver(() => Profile)
export class ProfileResolver {
  @Query(() => [Profile], { description: 'whylogs profiles whose window starts in the range, oldest first.' })
  async profiles(
    @Arg('range', () => TimeRangeInput) range: TimeRangeInput,
    @Arg('model', () => String, { nullable: true }) model: string | null,
    @Ctx() { services }: Context,
  ): Promise<Profile[]> {
    const profiles = await services.profiles.list(range.from, range.to, model ?? null);
    return profiles.map((p) => ({ ...p, downloadUrl: profilePath(p.id) }));
  }
}
