import { Field, ID, Int, ObjectType } from 'type-graphql';
import { UploadState } from './upload-state.js';

@ObjectType({
  description:
    "A whylogs profile of one model's one-hour window; a window's later profiles hold only rows that arrived since.",
})
export class Profile {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  model!: string;

  @Field(() => Date, { description: "Also the profile's dataset timestamp." })
  windowStart!: Date;

  @Field(() => Date)
  windowEnd!: Date;

  @Field(() => Int, { description: '1 for the first profile of the window, then 2, 3 … for delta profiles.' })
  seq!: number;

  @Field(() => Int, { description: 'Predictions this profile holds.' })
  rows!: number;

  @Field(() => Int, { description: 'Validations this profile holds (its confusion matrix).' })
  validated!: number;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Int, { description: 'Size of the profile file in bytes.' })
  size!: number;

  @Field(() => UploadState)
  upload!: UploadState;

  @Field(() => Date, { nullable: true })
  uploadedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the upload failed (FAILED), or why the last attempt did (PENDING).',
  })
  uploadError!: string | null;

  @Field(() => String, { description: 'Path of the profile file on this server (GET), e.g. /profiles/<id>.bin.' })
  downloadUrl!: string;
}
