// Which class of a prediction a distribution counts. A const object, not only a type: the API
// registers it as its enum.
export const ClassField = { ACTUAL: 'ACTUAL', PREDICTED: 'PREDICTED' } as const;
export type ClassField = (typeof ClassField)[keyof typeof ClassField];
