/** An error the caller can fix; the API answers it as BAD_USER_INPUT naming `field`. */
export class InputError extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'InputError';
  }
}
