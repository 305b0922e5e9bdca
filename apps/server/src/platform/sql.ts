/** A user's text for ILIKE '%…%': its own %, _ and \ match literally. */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);
