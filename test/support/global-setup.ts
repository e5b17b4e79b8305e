// Placeholder replaced by the database harness wiring.
export default function setup(): void {}
