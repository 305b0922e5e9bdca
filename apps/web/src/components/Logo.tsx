/** The platform emblem: a shield with the yuan sign (wages guaranteed). */
export function Logo({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="12" fill="#1557b0" />
      <path d="M32 10 14 18v13c0 11 7.7 19.6 18 23 10.3-3.4 18-12 18-23V18Z" fill="#fff" />
      <path d="M32 17 21 22v9c0 7 4.6 12.6 11 15 6.4-2.4 11-8 11-15v-9Z" fill="#1557b0" />
      <path
        d="m26 24 6 8 6-8M32 32v11M27 33h10M27 38h10"
        stroke="#fff"
        strokeWidth="2.6"
        strokeLinecap="round"
        strokeLinejoin="round"
        fill="none"
      />
    </svg>
  );
}
