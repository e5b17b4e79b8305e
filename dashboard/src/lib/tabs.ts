// The dashboard's tabs, in order. Adding a tab: add it here, then TypeScript asks for its panel in
// components/clara-dashboard.ts (a Record over TabId).
export const TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'metrics', label: 'Metrics' },
  { id: 'versions', label: 'Versions' },
  { id: 'samples', label: 'Samples by class' },
  { id: 'classes', label: 'Metrics by class' },
  { id: 'training', label: 'Training data' },
  { id: 'drift', label: 'Drift' },
  { id: 'jobs', label: 'Jobs' },
] as const;

export type TabId = (typeof TABS)[number]['id'];

export function isTabId(text: string): text is TabId {
  return TABS.some((t) => t.id === text);
}

/** WAI-ARIA tabs keyboard model: arrows wrap around, Home/End jump; other keys do nothing. */
export function tabAfterKey(current: TabId, key: string): TabId | null {
  const i = TABS.findIndex((t) => t.id === current);
  const last = TABS.length - 1;
  const next: Record<string, number> = {
    ArrowRight: i === last ? 0 : i + 1,
    ArrowLeft: i === 0 ? last : i - 1,
    Home: 0,
    End: last,
  };
  return key in next ? TABS[next[key]].id : null;
}
