/** The part of opencc-js (no bundled types) that the project uses. */
declare module 'opencc-js' {
  export type Locale = 'cn' | 'tw' | 'twp' | 'hk' | 'jp' | 't';
  export function Converter(options: { from: Locale; to: Locale }): (text: string) => string;
}
