import { Field, InputType } from 'type-graphql';

@InputType()
export class ValidationInput {
  @Field(() => String, { description: 'Id of an existing prediction.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Omitted: the configured default model.' })
  model?: string | null;

  @Field(() => String, { description: 'The true label; a later validation of the same prediction replaces it.' })
  actual!: string;

  @Field(() => Date, { nullable: true, description: 'Omitted: now.' })
  validatedAt?: Date | null;
}
