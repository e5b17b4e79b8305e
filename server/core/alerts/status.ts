// Where an alert stands. A const object, not only a type: the API registers it as its enum.
export const AlertStatus = { OPEN: 'OPEN', ACKNOWLEDGED: 'ACKNOWLEDGED', RESOLVED: 'RESOLVED' } as const;
export type AlertStatus = (typeof AlertStatus)[keyof typeof AlertStatus];
