/** Line icons drawn inline (no icon font, no emoji font needed), 20×20, currentColor. */
const PATHS: Record<string, string> = {
  contacts:
    'M7 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm-5 8c0-3 2.2-5 5-5s5 2 5 5M14 9.5a2.5 2.5 0 1 0 0-5M15 12c2 .4 3.5 2.2 3.5 5',
  templates: 'M4 3h9l3 3v11H4zM13 3v3h3M7 9h6M7 12h6M7 15h4',
  campaigns: 'M3 5h14v10H3zM3 5l7 6 7-6',
  calendar: 'M3 5h14v12H3zM3 9h14M7 3v4M13 3v4',
  abtests: 'M10 3v14M4 7h12M4 7l-2 5h4zM16 7l-2 5h4zM7 17h6',
  inbox: 'M3 4h14v9H8l-4 3v-3H3z',
  optouts: 'M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16zM4.5 4.5l11 11',
  monitoring: 'M3 16l4-6 3 3 4-7 3 4M3 3v14h14',
  settings:
    'M10 7a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM10 1.5v2.5M10 16v2.5M1.5 10H4M16 10h2.5M4 4l1.8 1.8M14.2 14.2L16 16M4 16l1.8-1.8M14.2 5.8L16 4',
  phone: 'M6 2h8v16H6zM9 15h2',
  empty: 'M4 6h12v10H4zM7 6V4h6v2',
  dashboard: 'M3 17h14M5 15v-5M9 15V4M13 15V8M17 15v-3',
  analytics: 'M10 2a8 8 0 1 0 8 8h-8zM12 2.3A8 8 0 0 1 17.7 8H12z',
  duplicate: 'M7 7h10v10H7zM13 7V3H3v10h4',
  archive: 'M2 4h16v4H2zM3.5 8v9h13V8M8 11.5h4',
  unarchive: 'M2 4h16v4H2zM3.5 8v9h13V8M10 16v-5.5M7.5 13l2.5-2.5 2.5 2.5',
};

export function Icon({ name, size = 18 }: { name: string; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={PATHS[name] ?? PATHS.empty} />
    </svg>
  );
}
